"""What the Sources page lists: each registered dataset with its files, origin, rows and last change."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from healthtech import config
from healthtech.datasets import DATASETS, is_sample_path


def dataset_overview(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Join the row counts from `queries/sources/dataset_rows.sql` with the registry and the files."""
    counts = rows.set_index("dataset")
    records = []
    for ds in DATASETS:
        paths = ds.paths()
        kinds = {is_sample_path(p) for p in paths}
        origin = "empty" if not paths else ("real+sample" if len(kinds) == 2 else
                                            ("sample" if True in kinds else "real"))
        modified = max((p.stat().st_mtime for p in paths), default=None)
        records.append({
            "name": ds.label(lang),
            "dataset": ds.name,
            "origin": origin,
            "files": ", ".join(p.relative_to(config.DATA_DIR).as_posix() for p in paths) or "–",
            "row_count": counts.at[ds.name, "row_count"] if ds.name in counts.index else None,
            "sample_rows": counts.at[ds.name, "sample_rows"] if ds.name in counts.index else None,
            "sources": counts.at[ds.name, "sources"] if ds.name in counts.index else None,
            "modified": dt.datetime.fromtimestamp(modified) if modified else None,
        })
    return pd.DataFrame.from_records(records)


def source_document(file_name: str) -> str:
    """The text of one source document from `data/sources/` (only names that are there); "–" when it is not."""
    path = {p.name: p for p in config.SOURCES_DIR.glob("*.txt")}.get(file_name)
    return path.read_text(encoding="utf-8") if path else "–"
