"""What the Sources page lists: each registered dataset with its files, origin, rows and last change."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from healthtech import config, db
from healthtech.datasets import DATASETS


def dataset_overview(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Join the row counts from `queries/sources/dataset_rows.sql` with the registry (label, origin) and the files
    behind each view (`db.dataset_files`, modification times from `db.file_stats`)."""
    counts = rows.set_index("dataset")
    files = db.dataset_files()
    mtimes = {path: mtime_ns for path, mtime_ns, _ in db.file_stats()}
    records = []
    for ds in DATASETS:
        paths = files[ds.name]
        modified = max((mtimes[str(p)] for p in paths), default=None)
        records.append({
            "name": ds.label(lang),
            "dataset": ds.name,
            "origin": _origin(ds.origin, paths),
            "files": ", ".join(_shown(p) for p in paths) or "–",
            "row_count": counts.at[ds.name, "row_count"] if ds.name in counts.index else None,
            "sample_rows": counts.at[ds.name, "sample_rows"] if ds.name in counts.index else None,
            "sources": counts.at[ds.name, "sources"] if ds.name in counts.index else None,
            "modified": dt.datetime.fromtimestamp(modified / 1e9) if modified else None,
        })
    return pd.DataFrame.from_records(records)


def _origin(declared: str, paths: list) -> str:
    """The declared origin, or what an upload made of it: uploaded rows replace the sample ones."""
    if not paths:
        return "empty"
    if any(p.is_relative_to(config.STORE_DIR) for p in paths):
        return "upload" if declared == "sample" else "real+upload"
    return declared


def _shown(path) -> str:
    for base, prefix in ((config.DATA_DIR, ""), (config.STORE_DIR, "store/")):
        if path.is_relative_to(base):
            return prefix + path.relative_to(base).as_posix()
    return path.name


def source_document(file_name: str) -> str:
    """The text of one source document from `data/sources/` (only names that are there); "–" when it is not."""
    path = {p.name: p for p in config.SOURCES_DIR.glob("*.txt")}.get(file_name)
    return path.read_text(encoding="utf-8") if path else "–"
