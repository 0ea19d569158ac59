"""Run the SQL files in `queries/` by name: `run("budget/split_by_funder")`.

Each file holds one query and a header that is its contract:

    -- Returns: what one row is and what it means.
    -- Grain: the key of a row.
    -- Params: $name, $other   (or: none)
    -- Columns: col_a, col_b, col_c

`run()` checks the parameters against the header, binds them as `$name`, and caches the result on the SQL
text, the parameters and `db.data_version()`, so a changed data file shows on the next rerun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import streamlit as st

from healthtech import config, db

_HEADER = re.compile(r"^--\s*(Returns|Grain|Params|Columns):\s*(.*)$")


@dataclass(frozen=True)
class QueryFile:
    name: str
    sql: str
    returns: str
    grain: str
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
        grain=header["Grain"],
        params=_split(header["Params"]),
        columns=_split(header["Columns"]),
    )


def load(name: str) -> QueryFile:
    path = config.QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file queries/{name}.sql")
    return _parse(name, path.stat().st_mtime_ns)


def names() -> list[str]:
    """Every query, as `page/returns`."""
    return sorted(p.relative_to(config.QUERIES_DIR).with_suffix("").as_posix()
                  for p in config.QUERIES_DIR.rglob("*.sql"))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, params: tuple[tuple[str, object], ...], version: str) -> pd.DataFrame:
    return db.query(sql, dict(params))


def run(name: str, **params) -> pd.DataFrame:
    query = load(name)
    if set(params) != set(query.params):
        raise TypeError(f"queries/{name}.sql takes {sorted(query.params)}, got {sorted(params)}")
    return _cached(query.sql, tuple(sorted(params.items())), db.data_version())


def run_filtered(name: str, params: dict) -> pd.DataFrame:
    """Run a query with the filter parameters its header declares (and only those)."""
    declared = load(name).params
    missing = set(declared) - set(params)
    if missing:
        raise TypeError(f"queries/{name}.sql needs {sorted(missing)}, which no filter provides")
    return run(name, **{k: params[k] for k in declared})
