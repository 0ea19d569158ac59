"""Look at a workbook's zip directory before openpyxl reads a byte of it.

An .xlsx is a zip of XML parts. openpyxl reads shared strings whole and a sheet row by row, so a small upload
can ask for far more memory and CPU than its size suggests: a sheet of millions of rows, one shared string of
hundreds of MB, or a member that inflates a thousandfold (a zip bomb). The directory tells what each member
inflates to; Python's zipfile stops a member at that declared size (and then fails its CRC check), so a member
that lies about its size cannot inflate beyond what was checked here.

Limits, from real exports (docs/deploy.md): a 20,000-company workbook from our own export is 1.0 MB, its sheet
10 MB uncompressed at a ratio of 9.7; Excel's own files are of the same order. The limits allow ten times that.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_MEMBERS = 200  # an Excel workbook has 10-30 parts
MAX_MEMBER_BYTES = 128 * 1024 * 1024  # one part, uncompressed (a 200,000-row sheet is about 100 MB)
MAX_TOTAL_BYTES = 192 * 1024 * 1024  # all parts, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for a part larger than RATIO_FROM_BYTES (real sheets: about 10)
RATIO_FROM_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is refused before it is read: an ingest problem code and its details."""

    code: str
    detail: dict


def check(data: bytes) -> Refusal | None:
    """None when the zip directory is within the limits; else the first limit it breaks."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        # not a readable zip (NotImplementedError: a damaged header naming a zip version Python cannot read, found
        # by the fuzz test): openpyxl's refusal (not_xlsx) says so
        return None
    mb = 1024 * 1024
    if len(members) > MAX_MEMBERS:
        return Refusal("zip_members", {"count": len(members), "limit": MAX_MEMBERS})
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES:
            return Refusal("zip_member_too_large", {"member": member.filename, "size_mb": member.file_size // mb,
                                                    "limit_mb": MAX_MEMBER_BYTES // mb})
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            return Refusal("zip_ratio", {"member": member.filename, "ratio": int(ratio), "limit": MAX_RATIO})
    if total > MAX_TOTAL_BYTES:
        return Refusal("zip_total_too_large", {"size_mb": total // mb, "limit_mb": MAX_TOTAL_BYTES // mb})
    return None
