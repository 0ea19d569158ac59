"""Tables as a user reads them: translated headers and codes, numbers in the user's format, the sample label, one
download control, "Vis forespørgsel", heat colours, and the column formats (`INT`, `SHARE`, ...) pages pass.

A table under its chart is folded and drawn only while its fold is open; during a meeting-pack capture
(`capture.py`) a table appends an `Item` instead, so the PDF and the workbook hold every table the page has.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import streamlit as st

from healthtech import capture, catalog, datasets, documents, export, formatting, geo, i18n, queries
from healthtech.context import PageContext

# Column formats for tables: a function (value, lang) -> text, or a code namespace to translate.
Format = Callable[[object, str], str]
INT: Format = formatting.number
SHARE: Format = formatting.percent
SHARE_1: Format = functools.partial(formatting.percent, decimals=1)
POINTS: Format = functools.partial(formatting.number, decimals=1)
MIO_DKK: Format = formatting.mio_dkk
DKK: Format = formatting.dkk
MIO_EUR: Format = formatting.mio_eur
DATE: Format = formatting.date
MONTH: Format = formatting.month
SNAPSHOT: Format = formatting.snapshot
TIMESTAMP: Format = formatting.timestamp
# The same formats by name, for the Excel number formats of exports (export.EXCEL_FORMATS).
FORMAT_NAMES = {INT: "int", SHARE: "share", SHARE_1: "share_1", POINTS: "points", MIO_DKK: "mio_dkk", DKK: "dkk",
                MIO_EUR: "mio_eur", DATE: "date", MONTH: "month", SNAPSHOT: "date", TIMESTAMP: "timestamp"}


def labelled(df: pd.DataFrame, lang: str, keep: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """Translate the code columns the registry labels (`datasets.LABELS`: column -> i18n namespace; "region" uses
    the geo names), except the columns in `keep`."""
    out = df.copy()
    for col, namespace in datasets.LABELS.items():
        if col not in out or col in keep:
            continue
        if namespace == "region":
            out[col] = [geo.region_name(v, lang) for v in out[col]]
        else:
            out[col] = [i18n.label(namespace, v, lang) for v in out[col]]
    return out


ROW_CAP = 25  # rows a table shows on screen before "show all"; the pack and the downloads always hold every row
# A text cell longer than this would be cut off ("…og matc") in a one-line row. The grid wraps text only in rows
# taller than 4rem (64 px), so a table with such text gets WRAP_ROW_HEIGHT: three lines of text a row.
WRAP_FROM_CHARS = 70
WRAP_ROW_HEIGHT = 68

# Formats the grid draws itself from numeric values (so a header click sorts numerically): Streamlit's number
# format and the step that sets its decimals. The grid formats with the browser's Intl in `navigator.languages`,
# which `number_locale` sets to the page's language. Every other format is written as text here.
# Exact kroner are a count too (their headers say "kr." / "DKK"); money in millions keeps its words, as text.
GRID_FORMATS: dict[Format, tuple[str, float]] = {
    INT: ("localized", 1), DKK: ("localized", 1), POINTS: ("localized", 0.1), SHARE: ("percent", 0.01),
    SHARE_1: ("percent", 0.001)}
GRID_LOCALES = {"da": "da-DK", "en": "en-GB"}  # as formatting.LOCALES, in the browser's spelling
# Static script; its one value is one of GRID_LOCALES' values, never data.
_LOCALE = """<script>
(() => {{ const langs = ["{locale}"];
  Object.defineProperty(window.navigator, "languages", {{get: () => langs, configurable: true}}); }})();
</script>"""


def number_locale(lang: str) -> None:
    """Make the grid's number formats (`GRID_FORMATS`) follow the page's language rather than the browser's: the
    table grid formats with `Intl.NumberFormat(navigator.languages)`. Drawn by the chrome before any table."""
    st.html(_LOCALE.format(locale=GRID_LOCALES.get(lang, GRID_LOCALES["da"])), unsafe_allow_javascript=True,
            width="content")


def table(
    ctx: PageContext,
    df: pd.DataFrame,
    key: str | None = None,
    formats: dict[str, Format] | None = None,
    columns: list[str] | None = None,
    heat: list[str] | None = None,
    qualifiers: dict[str, str] | None = None,
    totals_row: bool = False,
    fold: bool = True,
) -> None:
    """A table as a user reads it: translated headers and codes, numbers in the user's format (counts and shares
    stay numeric, formatted by the grid, so sorting works), the sample label where rows are sample, and one
    download control (CSV for Danish Excel, international CSV, XLSX; bytes made on click).
    With `fold` (the default, for a table under its chart) the table sits in a closed expander, so the page's
    first screen is the chart; a table that is the answer itself passes `fold=False`. Past `ROW_CAP` rows the
    screen shows the first rows and a "show all" switch; the pack and the downloads hold every row.
    `heat` columns get a blue background in proportion to their value (a heat-table); with `totals_row` the last
    row is a total, outside the heat scale (drawn bold on grey, never the darkest blue). `qualifiers` maps a
    count column to the column that qualifies it: such a cell reads "mere end 100", in the CSV too."""
    key = key or df.attrs.get("query")  # a table is named after its query ("budget/split_by_funder")
    if not key:
        raise ValueError("a table needs a key when its frame does not come from queries.run")
    cap = capture.active()
    if cap is None and fold:  # drawn when opened: a rerun draws the visible page, not every table under its chart
        holder = st.expander(ctx.t("table.show"), icon=":material/table:", key=fold_key(key), on_change="rerun")
        if not holder.open:
            return
    elif cap is None:
        holder = st.container()
    formats = formats or {}
    qualifiers = qualifiers or {}
    shown = labelled(df, ctx.lang, keep=set(qualifiers.values()))
    for col in ("source", "sources"):  # short citations; file names only in the Sources page's document table
        if col in shown and key != "sources/documents":
            shown[col] = [documents.cite(v, ctx.lang) if not formatting.missing(v) else v for v in shown[col]]
    is_sample = bool("is_sample" in shown and shown["is_sample"].fillna(False).any())
    hidden = {"is_sample", *qualifiers.values()}
    columns = [c for c in (columns or list(shown.columns)) if c not in hidden]
    qualified = {c: shown[q] for c, q in qualifiers.items() if c in columns and shown[q].notna().any()}
    shown = shown[columns]
    headers = {c: i18n.t(f"col.{c}", ctx.lang) if f"col.{c}" in i18n.TEXTS else c for c in columns}
    shown = shown.rename(columns=headers)
    csv_frame = shown.copy()
    for col, qualifier in qualified.items():
        header = headers[col]
        csv_frame[header] = [formatting.qualified(v, q, ctx.lang) if not formatting.missing(q) else v
                             for v, q in zip(shown[header], qualifier, strict=True)]
    named = {headers[c]: FORMAT_NAMES.get(f, "") for c, f in formats.items() if c in headers}
    if cap is not None:
        cap.add(capture.Item("table", display=_display(csv_frame, formats, headers, ctx.lang), values=csv_frame,
                             formats=named, is_sample=is_sample, key=key))
        return
    rows = len(shown)
    with holder:
        if is_sample:
            st.caption(f":orange-badge[{ctx.t('sample.label')}]")
        everything = rows <= ROW_CAP or bool(st.session_state.get(f"_all_{key}"))
        screen, column_config = grid(shown if everything else shown.head(ROW_CAP), formats, headers,
                                     set(qualified), ctx.lang)
        data = screen
        if heat or qualified:  # small tables: a Styler for the colours and the qualified cells' words
            data = screen.style.format(na_rep="–")
            for col in qualified:  # the number stays (it sorts); the cell reads "mere end 100"
                f = formats.get(col, INT)
                data = data.format(lambda v, f=f: f(v, ctx.lang), subset=[headers[col]], na_rep="–")
                for row in [r for r in screen.index if not formatting.missing(qualified[col][r])]:
                    text = csv_frame.at[row, headers[col]]
                    data = data.format(lambda _, text=text: text, subset=([row], [headers[col]]))
            if heat:
                heat_cols = [headers[c] for c in heat if c in headers]
                top = heat_top(shown.loc[shown.index[:-1] if totals_row else shown.index, heat_cols])
                css = heat_styles(screen, heat_cols, top, totals_row and everything)
                data = data.apply(lambda _: css, axis=None)
        st.dataframe(data, hide_index=True, column_config=column_config, key=f"table_{key}", placeholder="–",
                     row_height=row_height(screen))
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            downloads(ctx, csv_frame, key, named)
            if key in _QUERY_NAMES:
                show_query(ctx, key)
            if rows > ROW_CAP:
                st.toggle(ctx.t("table.all", n=formatting.number(rows, ctx.lang)), key=f"_all_{key}",
                          width="content")


def fold_key(key: str) -> str:
    """The session-state key of a folded table's expander: True while it is open (`table`)."""
    return f"fold.{key}"


def row_height(frame: pd.DataFrame) -> int | None:
    """`WRAP_ROW_HEIGHT` when a text cell is too long for one line (the effect targets' descriptions), so the grid
    wraps it instead of cutting it off; else the grid's own one-line rows."""
    for col in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[col]) and \
                frame[col].map(lambda v: len(v) if isinstance(v, str) else 0).max() > WRAP_FROM_CHARS:
            return WRAP_ROW_HEIGHT
    return None


def grid(frame: pd.DataFrame, formats: dict[str, Format], headers: dict[str, str], qualified: set[str],
         lang: str) -> tuple[pd.DataFrame, dict]:
    """The frame the grid gets and its column config: counts and shares stay numbers with a grid format
    (`GRID_FORMATS`); other formatted columns (money, dates) become their text, one cached formatter call per cell
    of the rows shown (at most `ROW_CAP` unless the reader asked for all). A qualified count column stays a number
    and is left to the table's Styler."""
    out = frame.copy()
    config: dict[str, object] = {}
    for col, f in formats.items():
        if col not in headers:
            continue
        header = headers[col]
        if col in qualified:  # formatted by the table's Styler, cell by cell (a few rows)
            continue
        if f in GRID_FORMATS:
            number_format, step = GRID_FORMATS[f]
            config[header] = st.column_config.NumberColumn(format=number_format, step=step)
        else:
            out[header] = [v if isinstance(v, str) else ("–" if formatting.missing(v) else f(v, lang))
                           for v in out[header]]
            config[header] = st.column_config.TextColumn(alignment="right")
    if "source" in headers:
        config[headers["source"]] = st.column_config.TextColumn(width="large")
    return out, config


_QUERY_NAMES = frozenset(queries.names())


def query_text(name: str, lang: str) -> str:
    """What "Show query" shows: the files the query reads (as SQL comments) above its SQL file as written."""
    files = [text if kind == "file" else i18n.t("query.upload", lang, dataset=text, version=version)
             for kind, text, version in catalog.query_files(name)]
    head = [f"-- queries/{name}.sql", f"-- {i18n.t('query.files', lang)}:"] + [f"--   {f}" for f in files]
    return "\n".join(head) + "\n\n" + queries.load(name).sql.strip()


def show_query(ctx: PageContext, name: str) -> None:
    """ "Vis forespørgsel / Show query" beside the downloads: the SQL and the files behind the table. Lazy: the
    popover's content is made only on the run after the reader opens it (`on_change="rerun"`)."""
    popover = st.popover(ctx.t("query.show"), icon=":material/code:", help=ctx.t("query.help"), width="content",
                         key=f"_query_{name}", on_change="rerun")
    if popover.open:
        with popover:
            st.code(query_text(name, ctx.lang), language="sql", wrap_lines=True)


def downloads(ctx: PageContext, frame: pd.DataFrame, key: str, named: dict[str, str] | None = None) -> None:
    """One "Download" control; inside, CSV for Danish Excel (`;`, decimal comma, UTF-8 BOM), international CSV,
    and XLSX; each file's bytes are made when it is clicked (a callable), with formula-like text neutralized
    (export.py)."""
    name = f"danish_healthtech_{key.replace('/', '_')}_{ctx.lang}"
    sheet = export.Sheet(export.sheet_for(key, ctx.lang), frame, named or {})  # a name that fits whole
    with st.popover(ctx.t("download.menu"), icon=":material/download:", width="content"):
        st.download_button(
            ctx.t("download.csv"), lambda: export.csv_bytes(frame, "da"), file_name=f"{name}.csv", mime="text/csv",
            key=f"download_{key}", on_click="ignore", icon=":material/download:", help=ctx.t("download.csv.help"))
        st.download_button(
            ctx.t("download.csv_intl"), lambda: export.csv_bytes(frame, "intl"), file_name=f"{name}_intl.csv",
            mime="text/csv", key=f"download_{key}_intl", on_click="ignore", help=ctx.t("download.csv_intl.help"))
        st.download_button(
            ctx.t("download.xlsx"), lambda: export.xlsx_bytes([sheet], ctx.lang),
            file_name=f"{name}.xlsx", mime=export.XLSX_MIME, key=f"download_{key}_xlsx", on_click="ignore")


def _display(frame: pd.DataFrame, formats: dict, headers: dict[str, str], lang: str) -> pd.DataFrame:
    """The table as text, formatted as on screen (for the PDF)."""
    out = frame.astype(object).copy()
    by_header = {headers[c]: f for c, f in formats.items() if c in headers}
    for col in out.columns:
        f = by_header.get(col)
        out[col] = [("–" if formatting.missing(v) else (f(v, lang) if f and not isinstance(v, str) else str(v)))
                    for v in out[col]]
    return out


def heat_top(values: pd.DataFrame) -> float:
    """The value that gets the darkest blue: the largest in the heat columns, or 1 when there is none (an empty or
    all-missing table), so the scale is never NaN or zero."""
    top = values.max().max()
    return float(top) if pd.notna(top) and top > 0 else 1.0


TOTALS_CSS = "background-color: #eef1f4; color: #1c2833; font-weight: bold"


def heat_styles(values: pd.DataFrame, heat_cols: list[str], top: float, totals_row: bool) -> pd.DataFrame:
    """The CSS of each cell of a heat-table, from its numeric values (a qualified cell's text is drawn over its
    number's colour); the last row, when it is a total, bold on grey."""
    css = pd.DataFrame("", index=values.index, columns=values.columns)
    body = values.index[:-1] if totals_row else values.index
    for col in heat_cols:
        css.loc[body, col] = [_heat_css(v, top) for v in values.loc[body, col]]
    if totals_row:
        css.loc[values.index[-1]] = TOTALS_CSS
    return css


def _heat_css(value, top: float) -> str:
    # Explicit text colours: Streamlit's grid draws "inherit" as invisible text.
    if value is None or value != value or not top:
        return "color: #5c6b7a"
    alpha = 0.08 + 0.6 * min(float(value) / top, 1.0)
    return f"background-color: rgba(31, 78, 121, {alpha:.2f}); color: {'#ffffff' if alpha > 0.45 else '#1c2833'}"
