"""The one module that talks to DuckDB.

`connect()` builds an in-memory database with one view per registered dataset over the files that exist
now (each row tagged `is_sample` and `data_origin`: facts, sample or upload), then locks it down: DuckDB
may read only `DATA_DIR` and `STORE_DIR`, external access (extensions, network, other paths) is off and the
configuration is locked. `query()` runs one statement on its own cursor. `data_version()` fingerprints the
files so that callers can cache on it: a changed file gives a new version, and a new or removed file (an
import or rollback in the store) also gives a new connection with views over the new file set.
How old the data is ("data as of") is not a file time: see `freshness.py`.

View DDL is generated here from the registry (our own paths and type names, never user input); the table
macros several queries share are static SQL in `queries/_models/macros.sql`; queries with parameters live in
`queries/<page>/*.sql` and bind them as `$name`.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import pandas as pd

from healthtech import config, store
from healthtech.datasets import DATASETS, Dataset, is_sample_path

MACROS = config.QUERIES_DIR / "_models" / "macros.sql"  # table macros the query files share
DERIVED = config.QUERIES_DIR / "_models" / "derived.sql"  # pre-aggregated tables, rebuilt per data version
_lock = threading.Lock()
_state: dict = {"files": None, "con": None}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _select_file(ds: Dataset, path: Path) -> str:
    cols = ", ".join(f'CAST("{c.name}" AS {c.type}) AS "{c.name}"' for c in ds.columns)
    sample = "true" if is_sample_path(path) else "false"
    origin = "'upload'" if _is_stored(path) else ("'sample'" if is_sample_path(path) else "'facts'")
    if _is_stored(path) and _has_origin_column(path):
        # A merged version keeps the sample rows it carried over marked as sample (healthtech/merge.py).
        origin = "coalesce(data_origin, 'upload')"
        sample = "coalesce(data_origin = 'sample', false)"
    if path.suffix == ".parquet":
        reader = f"read_parquet({_literal(str(path))})"
    else:
        types = ", ".join(f"{_literal(c.name)}: {_literal(c.type)}" for c in ds.columns)
        reader = f"read_csv({_literal(str(path))}, header = true, types = {{{types}}})"
    return f"SELECT {cols}, {sample} AS is_sample, {origin} AS data_origin FROM {reader}"


def _has_origin_column(path: Path) -> bool:
    """Versions stored before merging existed have no `data_origin` column (all their rows are uploads)."""
    import pyarrow.parquet as pq

    return path.suffix == ".parquet" and "data_origin" in pq.read_schema(path).names


def _empty(ds: Dataset) -> str:
    cols = ", ".join(f'CAST(NULL AS {c.type}) AS "{c.name}"' for c in ds.columns)
    return f"SELECT {cols}, CAST(NULL AS BOOLEAN) AS is_sample, CAST(NULL AS VARCHAR) AS data_origin WHERE false"


def _is_stored(path: Path) -> bool:
    return path.is_relative_to(config.STORE_DIR)


def view_sql(ds: Dataset, paths: list[Path]) -> str:
    """The view over a dataset's files. Uploaded rows whose key is a seed figure's key give way to it."""
    if not paths:
        return f'CREATE OR REPLACE VIEW "{ds.name}" AS\n{_empty(ds)}'
    embedded = [_select_file(ds, p) for p in paths if not _is_stored(p)]
    stored = [_select_file(ds, p) for p in paths if _is_stored(p)]
    if embedded and stored:
        key = " AND ".join(f'f."{k}" IS NOT DISTINCT FROM s."{k}"' for k in ds.key)
        facts = "\nUNION ALL BY NAME\n".join(embedded)
        stored = [f"SELECT s.* FROM ({part}) AS s WHERE NOT EXISTS (SELECT 1 FROM ({facts}) AS f WHERE {key})"
                  for part in stored]
    body = "\nUNION ALL BY NAME\n".join(embedded + stored)
    return f'CREATE OR REPLACE VIEW "{ds.name}" AS\n{body}'


def dataset_files() -> dict[str, list[Path]]:
    """Each dataset's files: the embedded ones, with sample files replaced by the store's current version."""
    files = {}
    for ds in DATASETS:
        paths = ds.paths()
        stored = store.current_path(ds.name) if ds.uploadable else None
        if stored is not None:
            paths = [p for p in paths if not is_sample_path(p)] + [stored]
        files[ds.name] = paths
    return files


def connect(files: dict[str, list[Path]] | None = None) -> duckdb.DuckDBPyConnection:
    """A new in-memory connection with the dataset views, locked down."""
    files = dataset_files() if files is None else files
    con = duckdb.connect(":memory:")
    for ds in DATASETS:
        con.execute(view_sql(ds, files[ds.name]))
    con.execute(MACROS.read_text(encoding="utf-8"))
    _derive(con)
    allowed = ", ".join(_literal(str(d)) for d in (config.DATA_DIR, config.STORE_DIR))
    con.execute(f"SET allowed_directories = [{allowed}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con


def _derive(con: duckdb.DuckDBPyConnection) -> None:
    """Pre-aggregated tables (`queries/_models/derived.sql`) that keep the participation queries independent of the
    number of participations: 10 M rows are joined once per data version instead of on every filter change. The one
    generated part is the width of the activity bitstrings (the number of distinct activities, an integer we
    count ourselves); `bitstring_agg` needs it as a constant."""
    width = max(1, con.execute("select count(distinct activity_id) from activities").fetchone()[0])
    con.execute(DERIVED.read_text(encoding="utf-8").replace("$activities", str(int(width))))


def _fingerprint(files: dict[str, list[Path]]) -> dict:
    """What the shared connection was built over: each file's path, mtime and size (a changed file rebuilds the
    derived tables, a new or removed one the views)."""
    key = {}
    for name, paths in files.items():
        key[name] = []
        for p in paths:
            st = p.stat()
            key[name].append((str(p), st.st_mtime_ns, st.st_size))
    return key


def connection() -> duckdb.DuckDBPyConnection:
    """The shared connection; rebuilt when a data file is added, removed or changed."""
    files = dataset_files()
    key = _fingerprint(files)
    with _lock:
        if _state["files"] != key:
            # The old connection is not closed here: other sessions may still hold cursors on it. Dropping
            # the reference frees it when the last cursor is closed.
            _state["con"] = connect(files)
            _state["files"] = key
        return _state["con"]


def query(sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one statement on a fresh cursor of the shared connection."""
    cur = connection().cursor()
    try:
        return cur.execute(sql, params or None).df()
    finally:
        cur.close()


def file_stats() -> list[tuple[str, int, int]]:
    """(path, mtime_ns, size) for every data file behind a view."""
    stats = []
    for paths in dataset_files().values():
        for p in paths:
            st = p.stat()
            stats.append((str(p), st.st_mtime_ns, st.st_size))
    return stats


def data_version() -> str:
    """A short fingerprint of every data file's path, mtime and size."""
    digest = hashlib.sha256(repr(file_stats()).encode()).hexdigest()
    return digest[:16]
