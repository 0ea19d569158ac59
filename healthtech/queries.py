"""Run the SQL files in `queries/` by name: `run("budget/split_by_funder")`.

Each file holds one query and a header that is its contract:

    -- Returns: what one row is and what it means.
    -- Grain: col_a, col_b   (the columns that tell rows apart, or: one row)
    -- Params: $name, $other   (or: none)
    -- Columns: col_a, col_b, col_c

`execute()` checks the parameters against the header and binds them as `$name`; it and `load()` are plain
functions, usable without Streamlit (the CLI, the bench, tests). `run()` is the pages' call: the same, with the
result cached by Streamlit (`st.cache_data`, imported on first use) on the SQL text, the parameters and
`db.served_version()`, so a changed data file shows on the next rerun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from healthtech import config, db

_HEADER = re.compile(r"^--\s*(Returns|Grain|Params|Columns):\s*(.*)$")


@dataclass(frozen=True)
class QueryFile:
    name: str
    sql: str
    returns: str
    grain: tuple[str, ...]  # the columns unique in the result; () for "one row"
    params: tuple[str, ...]
    columns: tuple[str, ...]


def _split(value: str) -> tuple[str, ...]:
    if value.strip().lower() in ("", "none"):
        return ()
    return tuple(part.strip().lstrip("$") for part in value.split(","))


@lru_cache(maxsize=256)
def _parse(name: str, mtime_ns: int) -> QueryFile:
    path = config.QUERIES_DIR / f"{name}.sql"
    sql = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in sql.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            header[match.group(1)] = match.group(2)
    missing = {"Returns", "Grain", "Params", "Columns"} - header.keys()
    if missing:
        raise ValueError(f"{path}: header lacks {', '.join(sorted(missing))}")
    return QueryFile(
        name=name,
        sql=sql,
        returns=header["Returns"],
        grain=() if header["Grain"].strip() == "one row" else _split(header["Grain"]),
        params=_split(header["Params"]),
        columns=_split(header["Columns"]),
    )


def load(name: str) -> QueryFile:
    path = config.QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file queries/{name}.sql")
    return _parse(name, path.stat().st_mtime_ns)


def names() -> list[str]:
    """Every query, as `page/returns` (the models under `queries/_models/` are not queries: db.py runs them)."""
    found = (p.relative_to(config.QUERIES_DIR) for p in config.QUERIES_DIR.rglob("*.sql"))
    return sorted(p.with_suffix("").as_posix() for p in found if p.parts[0] != "_models")


def _checked(name: str, params: dict) -> QueryFile:
    query = load(name)
    if set(params) != set(query.params):
        raise TypeError(f"queries/{name}.sql takes {sorted(query.params)}, got {sorted(params)}")
    return query


def _declared(name: str, params: dict) -> dict:
    """The filter parameters a query's header declares (and only those)."""
    declared = load(name).params
    missing = set(declared) - set(params)
    if missing:
        raise TypeError(f"queries/{name}.sql needs {sorted(missing)}, which no filter provides")
    return {k: params[k] for k in declared}


def _named(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The result knows the query it came from (`df.attrs["query"]`, kept by pandas through copies, selections
    and new columns): the table block names the table after it and shows its SQL and files."""
    df.attrs["query"] = name
    return df


def execute(name: str, **params) -> pd.DataFrame:
    """Run a query now, uncached: no Streamlit involved."""
    return _named(db.query(_checked(name, params).sql, params), name)


def _run_sql(sql: str, params: tuple[tuple[str, object], ...], version: str) -> pd.DataFrame:
    return db.query(sql, dict(params))


_cache: dict = {}


def _cached(sql: str, params: tuple[tuple[str, object], ...], version: str) -> pd.DataFrame:
    """`_run_sql` behind Streamlit's data cache, made on the first page call (so importing this needs no Streamlit)."""
    if "run" not in _cache:
        import streamlit as st

        _cache["run"] = st.cache_data(show_spinner=False, max_entries=512)(_run_sql)
    return _cache["run"](sql, params, version)


def clear_cache() -> None:
    """Forget every cached result (the bench's cold runs)."""
    if "run" in _cache:
        _cache["run"].clear()


def run(name: str, **params) -> pd.DataFrame:
    """The pages' call: `execute`, cached per data version."""
    return _named(_cached(_checked(name, params).sql, tuple(sorted(params.items())), db.served_version()), name)


def run_filtered(name: str, params: dict) -> pd.DataFrame:
    """Run a query with the filter parameters its header declares (and only those)."""
    return run(name, **_declared(name, params))
