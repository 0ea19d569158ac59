"""Running pages in tests (Streamlit's AppTest): what a page shows as text, a page run as the owner, a run shared
by the tests that only read it; and what makes a page run cheap in a test process. Imported by the test modules and,
in each test process, by conftest before any test runs (never by pytest-xdist's controller, which runs no test and
need not import Streamlit, pandas and DuckDB before it starts its workers)."""

from __future__ import annotations

import decimal
import functools
import json
import os
import re

import pandas as pd
from streamlit import dataframe_util
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from healthtech import access, config

# OWASP's scrypt parameters cost 0.4 s and 128 MiB a hash; the fast suite hashes or verifies a password about 40
# times. Tests without a browser hash with N = 2^10 (milliseconds), as Django advises for its own test settings;
# `real_scrypt` gives a test the real ones (tests/test_access_local.py checks new hashes are made with N = 2^17 and
# an older hash is upgraded). Browser tests keep them: their servers hash and verify with the real parameters.
PRODUCTION_SCRYPT = dict(access.SCRYPT)
QUICK_SCRYPT = {**PRODUCTION_SCRYPT, "n": 2**10}

# Each new AppTest scans every installed package's metadata for Streamlit components (Streamlit 1.67's
# BidiComponentManager: 0.4 s per AppTest on a quiet machine, more than most page runs). The installed packages do not
# change during a test run, so each test process scans once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

# Each new AppTest has a new ScriptCache, so it parses, magic-transforms and compiles every page script again (a
# tenth of a page run). One compiled page per path and file version serves every AppTest of the process.
_compile = ScriptCache.get_bytecode


@functools.cache
def _compiled(path: str, mtime_ns: int, size: int):
    return _compile(ScriptCache(), path)


def _shared_bytecode(self, script_path: str):
    path = os.path.abspath(script_path)
    stat = os.stat(path)
    return _compiled(path, stat.st_mtime_ns, stat.st_size)


ScriptCache.get_bytecode = _shared_bytecode


def shown(at: AppTest) -> str:
    """Everything a user reads on the page: text elements, metrics, table cells as formatted, chart labels.
    No-break spaces become plain spaces so tests can write "28,0 mio. kr."."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        # As read: markdown's backslash escapes (app.plain) are not shown.
        parts += [re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>$:])", r"\1", str(e.value)) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.proto.help}" for m in at.metric]
    lang = at.session_state["lang"] if "lang" in at.session_state else "da"  # noqa: SIM401 (no .get on it)
    for table in at.dataframe:
        frame = table_cells(table, lang)
        parts += [" ".join(map(str, frame.columns))] + [" ".join(map(str, row)) for row in frame.to_numpy()]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec["data"]:
            for field in ("text", "y", "hovertext"):
                values = trace.get(field) or []
                parts += [str(v) for v in (values if isinstance(values, list) else [values]) if v is not None]
    return "\n".join(parts).replace("\u00a0", " ")


def table_cells(table, lang: str) -> pd.DataFrame:
    """A table's cells as the grid draws them: a Styler's display text where the table has one, and the number
    formats of the column config (which take precedence in the grid) as the browser's Intl writes them in the
    page's locale (`tables.number_locale`): the value rounded to the step's decimals, then "localized" (1.700;
    3,5) or "percent" (29,5 %). Missing numbers are the placeholder "–"."""
    from healthtech import formatting

    styler = table.proto.arrow_data.styler
    frame = (dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
             if styler.display_values else table.value).astype(object)
    values = table.value
    for column, options in json.loads(table.proto.columns or "{}").items():
        kind = options.get("type_config", {})
        if kind.get("type") != "number" or column not in values:
            continue
        decimals = max(0, -decimal.Decimal(str(kind.get("step", 1))).as_tuple().exponent)
        if kind.get("format") == "percent":
            frame[column] = ["–" if formatting.missing(v) else
                             formatting.percent(round(v, decimals), lang, decimals=max(decimals - 2, 0))
                             for v in values[column]]
        else:
            frame[column] = ["–" if formatting.missing(v) else
                             formatting.number(round(v, decimals), lang, decimals=decimals) for v in values[column]]
    return frame


def as_owner(at: AppTest) -> AppTest:
    """An AppTest session opened with local mode's key, as `make run`'s printed address does."""
    at.query_params["local"] = os.environ["HEALTHTECH_LOCAL_SECRET"]
    return at


def open_tables(at: AppTest) -> AppTest:
    """Every folded table open, as a reader who opened them all (`tables.table` draws a table under its chart only
    while its expander is open; the expander's state is `st.session_state[tables.fold_key(query)]`)."""
    from healthtech import queries, tables

    for name in queries.names():
        at.session_state[tables.fold_key(name)] = True
    return at


def run_page(path: str, lang: str | None = None, **params: str) -> AppTest:
    """A fresh run of a page as the owner with these query parameters, every folded table open: a test's own, to
    click, set and run again."""
    at = open_tables(as_owner(AppTest.from_file(str(config.ROOT / path), default_timeout=60)))
    for name, value in {**({"lang": lang} if lang else {}), **params}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


_views: dict[tuple, AppTest] = {}


def page_view(path: str, lang: str | None = None, **params: str) -> AppTest:
    """One run of a page as the owner with these query parameters, shared by every test of this process that asks
    for the same page with the same parameters over the same data, store and secrets (they are part of the key, so
    a test with `data_copy` or `store_dir` gets a run of its own). Read it; never click, set or run it again
    (`run_page` gives a run of a test's own for that)."""
    store_dir = config.STORE_DIR
    stored = sorted((str(p), p.stat().st_mtime_ns) for p in store_dir.rglob("*")) if store_dir.exists() else []
    key = (path, lang, tuple(sorted(params.items())), str(config.DATA_DIR), str(store_dir), tuple(stored),
           os.environ.get("HEALTHTECH_SECRETS"))
    if key not in _views:
        _views[key] = run_page(path, lang, **params)
    return _views[key]


