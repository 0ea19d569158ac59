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

import csv
import hashlib
import os
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

from healthtech import config, store
from healthtech.datasets import DATASETS, Dataset, is_sample_path

MACROS = config.QUERIES_DIR / "_models" / "macros.sql"  # table macros the query files share
DERIVED = config.QUERIES_DIR / "_models" / "derived.sql"  # pre-aggregated tables, rebuilt per data version
_lock = threading.Lock()
_state: dict = {"files": None, "con": None, "build": None}


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
        if _csv_header(path) == [c.name for c in ds.columns]:
            # The file is in the dataset's own layout (every embedded file is; a test checks it): read as declared.
            # DuckDB sniffs a CSV each time a query binds its view, so a sniffed view costs every query over it
            # ~40 ms and each new connection ~0.3 s (issue 18: a third of the fast suite's time).
            reader = f"read_csv({_literal(str(path))}, header = true, auto_detect = false, columns = {{{types}}})"
        else:
            # Any other layout (columns in another order, extra columns): sniffed, and matched by name.
            reader = f"read_csv({_literal(str(path))}, header = true, types = {{{types}}})"
    return f"SELECT {cols}, {sample} AS is_sample, {origin} AS data_origin FROM {reader}"


def _csv_header(path: Path) -> list[str]:
    """The column names on a CSV file's first line (comma-separated, UTF-8, as the files in data/ are written); a
    header in another encoding does not match and leaves the file to the sniffer, as before."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        return next(csv.reader(f), [])


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


class _Build:
    """A connection being built in the background for a new file set (`key`)."""

    def __init__(self, files: dict[str, list[Path]], key: dict):
        self.files, self.key = files, key
        self.started = time.monotonic()
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        started = time.perf_counter()
        try:
            con = connect(self.files)
        except BaseException as error:  # noqa: BLE001 - kept, the old version stays served, the next call retries
            self.error = error
        else:
            with _lock:
                switched = _state["build"] is self  # not overtaken by a newer file set meanwhile
                if switched:
                    _state["con"], _state["files"], _state["build"], _state["last"] = con, self.key, None, self
            self.seconds = time.perf_counter() - started
            self.done.set()
            if switched:
                for hook in list(_after_switch):
                    hook()
        self.seconds = self.seconds or time.perf_counter() - started
        self.done.set()


_after_switch: list = []


def after_switch(hook) -> None:
    """Call `hook()` in the build thread each time a new data version starts being served (`warm.py` fills the
    cache for it). Registered once per process."""
    if hook not in _after_switch:
        _after_switch.append(hook)


def switch_wait() -> float:
    """How long a rerun waits for a new data version before it is served from the previous one (seconds; env
    HEALTHTECH_SWITCH_WAIT_SECONDS, default 0.3: a small data set switches within the rerun that saw it, a large
    one is built in the background while readers see the previous version). The tests set it high, so a file a
    test writes is what its next run reads."""
    try:
        return max(0.0, float(os.environ.get("HEALTHTECH_SWITCH_WAIT_SECONDS", "0.3")))
    except ValueError:
        return 0.3


def connection() -> duckdb.DuckDBPyConnection:
    """The shared connection. When a data file is added, removed or changed, the connection over the new files
    (views and derived tables: 4.8 s at 10 M participations) is built in a background thread and the previous one
    is served until it is ready (a caller waits until at most `switch_wait` after the build started, however many
    calls ask); only the very first connection is built in the caller. A Streamlit script run keeps its first
    answer (`_served`)."""
    return _served()[0]


_run = threading.local()


def _run_token():
    """The Streamlit script run this thread is in, or None outside one (the CLI, the warm-up thread, plain tests).
    A script thread can run several reruns in turn; Streamlit gives each run a fresh `cursors` table when it resets
    the run's context, so that table stands for the run. Streamlit is not imported here when nothing else has."""
    if "streamlit.runtime.scriptrunner" not in sys.modules:
        return None
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else ctx.cursors


def _served() -> tuple[duckdb.DuckDBPyConnection, str]:
    """The connection and version to serve, pinned for a Streamlit script run: its first answer is kept until the
    run ends, so a rerun reads one data version throughout and checks the files once instead of on every cached
    query and citation (about 20 checks per rerun, each listing the data folder, stating every file and reading the
    store's log: 60 ms of a 450 ms rerun). A write to the store by this process (an import, a rollback) ends the
    pin, so the run that imported shows the new version."""
    token = _run_token()
    pinned = getattr(_run, "pinned", None)
    if token is not None and pinned is not None and pinned[0] is token and pinned[3] == store.writes():
        return pinned[1], pinned[2]
    con, key = _current()
    version = _version(key)
    if token is not None:
        _run.pinned = (token, con, version, store.writes())
    return con, version


def _current() -> tuple[duckdb.DuckDBPyConnection, dict]:
    """The connection to serve now and the file set it was built over (see `connection`)."""
    files = dataset_files()
    key = _fingerprint(files)
    with _lock:
        if _state["files"] == key:
            return _state["con"], key
        if _state["con"] is None:
            _state["con"], _state["files"] = connect(files), key
            return _state["con"], key
        build = _state["build"]
        if build is None or build.key != key or (build.done.is_set() and build.error is not None):
            # The old connection is not closed: other sessions may still hold cursors on it. Dropping the
            # reference frees it when the last cursor is closed.
            build = _state["build"] = _Build(files, key)
            threading.Thread(target=build.run, name="healthtech-db-build", daemon=True).start()
    # `switch_wait` counts from the build's start, not from each call: a rerun calls this a dozen times or more
    # (every cached query, every citation checks the version), and waiting afresh in each call made the first rerun
    # after a new version take 17 × 0.3 s.
    build.done.wait(max(0.0, build.started + switch_wait() - time.monotonic()))
    with _lock:
        return _state["con"], _state["files"]


def building() -> bool:
    """Whether a new data version is being built while the previous one is served."""
    build = _state["build"]
    return build is not None and not build.done.is_set()


def served_version() -> str:
    """The data version the shared connection serves now (`data_version()` of the files it was built over):
    what caches key on, so a cached result always belongs to the connection that answers. Checking it starts the
    build of a new version when the files changed."""
    return _served()[1]


def _version(key: dict) -> str:
    stats = [entry for entries in key.values() for entry in entries]
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]


def query(sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one statement on a fresh cursor of the shared connection."""
    cur = connection().cursor()
    try:
        return cur.execute(sql, params or None).df()
    finally:
        cur.close()


def data_version() -> str:
    """A short fingerprint of every data file's path, mtime and size."""
    return _version(_fingerprint(dataset_files()))
