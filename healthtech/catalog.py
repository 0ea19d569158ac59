"""What the Sources page lists: each registered dataset with its files, origin, rows and how old its data is;
and the files behind one query (a table's "Show query")."""

from __future__ import annotations

import pandas as pd

from healthtech import config, db, freshness, queries, store
from healthtech.datasets import DATASETS


def dataset_overview(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Join the row counts from `queries/sources/dataset_rows.sql` with the registry (label, origin), the files
    behind each view (`db.dataset_files`) and how old each part of the data is (`freshness`: the documents' date,
    the upload's import, or sample data; never a file's modification time)."""
    counts = rows.set_index("dataset")
    files = db.dataset_files()
    records = []
    for ds in DATASETS:
        paths = files[ds.name]
        records.append({
            "name": ds.label(lang),
            "dataset": ds.name,
            "origin": _origin(ds.origin, paths),
            "files": ", ".join(_shown(p) for p in paths) or "–",
            "row_count": counts.at[ds.name, "row_count"] if ds.name in counts.index else None,
            "sample_rows": counts.at[ds.name, "sample_rows"] if ds.name in counts.index else None,
            "sources": counts.at[ds.name, "sources"] if ds.name in counts.index else None,
            "data_as_of": "; ".join(freshness.part_text(p, lang) for p in freshness.dataset_parts(ds.name)) or None,
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


def query_files(name: str) -> list[tuple[str, str, int | None]]:
    """The files behind a query, in the order of the datasets it reads (through the shared models):
    ("file", "data/facts/reach.csv", None) for an embedded file, ("upload", "reach", 3) for the store's current
    version of an uploaded dataset (named by its dataset, never by a file name the browser sent)."""
    files = db.dataset_files()
    found: list[tuple[str, str, int | None]] = []
    for ds in sorted(freshness.datasets_read(queries.load(name).sql)):
        for path in files.get(ds, []):
            if path.is_relative_to(config.STORE_DIR):
                version = store.current(ds)
                found.append(("upload", ds, version.version if version else None))
            else:
                found.append(("file", "data/" + path.relative_to(config.DATA_DIR).as_posix(), None))
    return found
