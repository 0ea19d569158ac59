"""The store: every uploaded version of every dataset, written atomically, with an append-only audit log.

Layout under `STORE_DIR` (plain files: a backup is a copy of the folder):

    audit.jsonl                  the log: one JSON line per import, rollback, share link and revocation
    link_openings.jsonl          one JSON line each time a share link opened a session (token id and time only)
    <dataset>/v000007.parquet    a version's rows (canonical columns)
    uploads/<uuid>.<ext>         the file as uploaded, under a generated name
    .lock                        one writer at a time (flock)

The audit log is the commit point. A version exists when its line is in `audit.jsonl`; its Parquet file is
written first (temp file in the same folder → fsync → `os.replace`), so a process killed at any moment
leaves either the previous state or the new one, never a partial file in use. A torn last line (killed in
the middle of an append) is ignored by readers and cut off by the next writer. A rollback is a new version
that points at an older version's file (or, as version 0, at the embedded data), so history only grows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from healthtech import config, datasets, merge

AUDIT = "audit.jsonl"
OPENINGS = "link_openings.jsonl"
LOCK = ".lock"
LOCK_TIMEOUT_S = 60.0
_cache: dict = {"key": None, "records": []}


class StoreError(Exception):
    """Something the user asked of the store that cannot be done (unknown version, busy, ...)."""


@dataclass(frozen=True)
class Version:
    dataset: str
    version: int
    event: str
    file: str | None
    who: str
    when: str
    original_name: str | None
    sha256: str | None
    rows: int | None
    rolled_back_to: int | None = None
    mode: str | None = None  # import: "merge" or "replace"
    counts: dict | None = None  # import: rows added, updated, kept, removed

    @property
    def path(self) -> Path | None:
        return root() / self.file if self.file else None


def root() -> Path:
    return config.STORE_DIR


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- reading --------------------------------------------------------------------------------------------

def _lines(path: Path) -> list[dict]:
    """Every complete JSON line of a log file, oldest first; a torn last line (a killed writer) is left out."""
    out = []
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
    return out


def records() -> list[dict]:
    """Every complete line of the audit log, oldest first (cached on the log's size and mtime)."""
    path = root() / AUDIT
    try:
        st = path.stat()
    except FileNotFoundError:
        return []
    key = (str(path), st.st_mtime_ns, st.st_size)
    if _cache["key"] != key:
        _cache.update(key=key, records=_lines(path))
    return _cache["records"]


def history(dataset: str) -> list[Version]:
    fields = Version.__dataclass_fields__
    return [Version(**{k: r.get(k) for k in fields})
            for r in records() if r.get("dataset") == dataset and r.get("event") in ("import", "rollback")]


def current(dataset: str) -> Version | None:
    """The version being served, or None when the embedded data serves (nothing imported, or rolled back to 0)."""
    versions = history(dataset)
    if not versions or versions[-1].file is None:
        return None
    return versions[-1]


def current_path(dataset: str) -> Path | None:
    version = current(dataset)
    if version is None or version.path is None or not version.path.is_file():
        return None
    return version.path


def head(dataset: str) -> int:
    """The newest version number of a dataset (0: nothing imported yet); a preview names the head it was made
    against, and the import refuses when another one came first."""
    versions = history(dataset)
    return versions[-1].version if versions else 0


def current_frame(dataset: str) -> pd.DataFrame:
    """The rows an upload combines with: the version being served, else the embedded sample rows (marked
    `data_origin = sample`). Never the seed facts: those stay in `data/facts/` and win over any upload."""
    path = current_path(dataset)
    if path is not None:
        return merge.canonical(pd.read_parquet(path), dataset)
    frames = []
    for sample_path in (p for p in datasets.get(dataset).paths() if datasets.is_sample_path(p)):
        raw = pd.read_parquet(sample_path) if sample_path.suffix == ".parquet" else \
            pd.read_csv(sample_path, dtype=str, keep_default_na=False, na_values=[""])
        frames.append(merge.canonical(raw, dataset, origin="sample"))
    if not frames:
        return merge.canonical(pd.DataFrame(), dataset)
    return pd.concat(frames, ignore_index=True)


def last_change() -> dt.datetime | None:
    """When the store last changed what is served (an import or rollback)."""
    times = [r["when"] for r in records() if r.get("event") in ("import", "rollback")]
    return dt.datetime.fromisoformat(max(times)) if times else None


# --- writing --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def lock(timeout_s: float = LOCK_TIMEOUT_S):
    """One writer at a time, across processes."""
    root().mkdir(parents=True, exist_ok=True)
    fd = os.open(root() / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError("the store is busy with another import; try again") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(target: Path, write) -> None:
    """`write(temp_path)` fills a temp file beside `target`; then fsync and rename into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".tmp-{uuid.uuid4().hex}{target.suffix}"
    try:
        write(temp)
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, target)
        _fsync_dir(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


_writes = [0]  # this process's writes to the store: one ends a script run's pinned data version (db._served)


def writes() -> int:
    """How many times this process has written to the store (a write ends a page run's pinned data version)."""
    return _writes[0]


def _append(record: dict, name: str = AUDIT) -> None:
    """Append one line to the audit log, or another log of the store (call under `lock()`); repairs a torn last
    line first."""
    _writes[0] += 1
    path = root() / name
    line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":  # a torn last line: cut back to the last newline
            end = size
            while end > 0:
                start = max(0, end - 65536)
                cut = os.pread(fd, end - start, start).rfind(b"\n")
                if cut >= 0:
                    end = start + cut + 1
                    break
                end = start
            os.ftruncate(fd, end)
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_orphans(dataset: str) -> None:
    """Temp files of a writer that was killed (call under `lock()`: no other writer can own them)."""
    for folder in (root() / dataset, root() / "uploads"):
        for temp in folder.glob(".tmp-*"):
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _next_version(dataset: str) -> int:
    return max((v.version for v in history(dataset)), default=0) + 1


def import_file(dataset: str, frame: pd.DataFrame, *, mode: str, original: bytes, original_name: str, who: str,
                head_seen: int | None = None) -> tuple[Version, merge.Plan]:
    """Combine a validated file with the current rows (`merge.plan`, under the lock, so two imports never
    lose each other's rows) and store the result as the next version. `head_seen`: the head the user's preview
    was made against; if another import or rollback came since, nothing is stored (StoreError)."""
    with lock():
        if head_seen is not None and head(dataset) != head_seen:
            raise StoreError(f"{dataset} changed since the preview (version {head(dataset)} is newer than "
                             f"{head_seen}); read the file again")
        planned = merge.plan(dataset, current_frame(dataset), frame, mode)
        version = _import_locked(dataset, planned.frame, original=original, original_name=original_name, who=who,
                                 extra={"mode": mode, "counts": planned.counts()})
    return version, planned


def import_frame(dataset: str, frame: pd.DataFrame, *, original: bytes, original_name: str, who: str) -> Version:
    """Write a frame as the dataset's whole next version (mode "replace"); returns it. The upload is kept too."""
    with lock():
        return _import_locked(dataset, frame, original=original, original_name=original_name, who=who,
                              extra={"mode": merge.REPLACE})


def _import_locked(dataset: str, frame: pd.DataFrame, *, original: bytes, original_name: str, who: str,
                   extra: dict) -> Version:
    suffix = Path(original_name).suffix.lower()
    suffix = suffix if suffix in (".csv", ".txt", ".tsv", ".xlsx", ".xlsm") else ".bin"
    sha = hashlib.sha256(original).hexdigest()
    frame = frame.copy()
    if "source" in frame.columns:
        frame["source"] = frame["source"].astype("object")
    _remove_orphans(dataset)
    version = _next_version(dataset)
    upload = Path("uploads") / f"{uuid.uuid4().hex}{suffix}"
    _write_atomic(root() / upload, lambda p: p.write_bytes(original))
    if "source" in frame.columns:
        frame["source"] = frame["source"].where(frame["source"].notna(), f"upload v{version}")
    data_file = Path(dataset) / f"v{version:06d}.parquet"
    _write_atomic(root() / data_file, lambda p: frame.to_parquet(p, index=False, row_group_size=122_880))
    record = {"event": "import", "dataset": dataset, "version": version, "file": data_file.as_posix(),
              "who": who, "when": now(), "original_name": original_name, "sha256": sha,
              "rows": len(frame), "upload": upload.as_posix(), **extra}
    _append(record)
    return next(v for v in history(dataset) if v.version == version)


def rollback(dataset: str, to_version: int, *, who: str) -> Version:
    """Serve an earlier version again (0 = the embedded data), recorded as a new version."""
    with lock():
        versions = {v.version: v for v in history(dataset)}
        if to_version != 0 and to_version not in versions:
            known = ", ".join(str(v) for v in sorted(versions)) or "none"
            raise StoreError(f"{dataset} has no version {to_version} (versions: 0, {known})")
        target = versions.get(to_version)
        if target is not None and (target.path is None or not target.path.is_file()) and target.file:
            raise StoreError(f"{dataset} version {to_version}: its file {target.file} is missing")
        version = _next_version(dataset)
        _append({"event": "rollback", "dataset": dataset, "version": version,
                 "file": target.file if target else None, "who": who, "when": now(),
                 "original_name": target.original_name if target else None,
                 "sha256": target.sha256 if target else None, "rows": target.rows if target else None,
                 "rolled_back_to": to_version})
    return next(v for v in history(dataset) if v.version == version)


def append_event(record: dict) -> None:
    """Record a share link or a revocation (healthtech/access.py)."""
    with lock():
        _append({**record, "when": now()})


def append_opening(token_id: str) -> None:
    """Record that a share link opened a session: its id and the time, nothing about who or from where."""
    with lock():
        _append({"token_id": token_id, "when": now()}, OPENINGS)


def openings() -> list[dict]:
    """Every recorded opening of a share link, oldest first."""
    path = root() / OPENINGS
    return _lines(path) if path.is_file() else []
