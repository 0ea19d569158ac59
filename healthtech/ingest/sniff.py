"""The conventions of a file, decided once per file, never per cell: its encoding, its separator, and whether
its numbers are Danish or English."""

from __future__ import annotations

import codecs
import csv
import re

from healthtech.datasets import Col
from healthtech.ingest.cells import CODE_COLUMNS, _is_numeric, _parse_number
from healthtech.ingest.report import _Rejected
from healthtech.ingest.vocabulary import _KNOWN_HEADERS, _norm

MOJIBAKE = re.compile("Ã[¦¸¥†˜…]")
_LINE_END = re.compile(r"\r\n|\r|\n")  # old Mac Excel ("CSV (Macintosh)") ends lines with CR alone



def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding != "utf-16" and b"\x00" in body[:65536]:
        raise _Rejected("not_text")
    try:
        text = body.decode("utf-16" if encoding == "utf-16" else "utf-8")
    except UnicodeDecodeError as e:
        if encoding != "utf-8":
            raise _Rejected("encoding", row=body[: e.start].count(b"\n") + 1, encoding=encoding) from None
        # CR alone ends the lines of Excel for Mac's "CSV (Macintosh)", which is Mac Roman: read as cp1252,
        # its "ø" would be "¿" without a word of warning.
        legacy = "mac_roman" if b"\r" in body and b"\n" not in body else "cp1252"
        try:
            text, encoding = body.decode(legacy), legacy
        except UnicodeDecodeError as e2:
            raise _Rejected("encoding", row=body[: e2.start].count(b"\n") + 1, encoding=legacy) from None
    bad = MOJIBAKE.search(text)
    if bad:
        raise _Rejected("mojibake", row=len(_LINE_END.split(text[: bad.start()])), text=bad.group())
    return text, encoding


def _guess_delimiter(header_line: str) -> str:
    def score(delim: str) -> tuple[int, int, int]:
        try:
            cells = next(csv.reader([header_line], delimiter=delim), [])
        except csv.Error:
            cells = []
        return sum(_norm(c) in _KNOWN_HEADERS for c in cells), len(cells), header_line.count(delim)
    # The separator under which the header names the most known columns (a note column "kilde, dato, …"
    # must not win it for `,`), then the one that splits it into most cells; `;` wins ties (Danish Excel).
    return max((";", ",", "\t"), key=score)


def number_convention(body: list[tuple[int, list]], columns: dict[int, Col], delimiter: str | None,
                      danish_headers: bool) -> str:
    """Danish or English numbers for the whole file, so that the odd cell is the one blamed.

    The file's own signs decide first: a `;` separator or Danish headers say Danish, else English. The cells
    can overrule them only by a majority: the other convention wins when the cells only it can read outnumber
    every other cell whose value depends on the convention (cells only the file's convention reads, and cells
    both read differently, such as `1.700`). So in a Danish file of `1.700`s, one `5.00` is the error at its own
    row and column; a `;` file whose amounts are all `126203.39` is English. Distinct texts per column count."""
    context = "da" if delimiter == ";" or danish_headers else "en"
    only = {"da": 0, "en": 0}
    differ = 0
    for index, col in columns.items():
        if not _is_numeric(col) or col.name in CODE_COLUMNS:
            continue
        for text in {c.strip() for _, cells in body if isinstance(c := cells[index], str) and c.strip()}:
            da, en = _parse_number(text, "da"), _parse_number(text, "en")
            if da is not None and en is None:
                only["da"] += 1
            elif en is not None and da is None:
                only["en"] += 1
            elif da is not None and da != en:
                differ += 1
    other = "en" if context == "da" else "da"
    return other if only[other] > only[context] + differ else context
