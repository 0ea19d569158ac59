"""Shared page chrome: the first call of every page, and the table/chart blocks pages are made of.

`page(name)` is the one entry every page file starts with. Streamlit can run `pages/<name>.py` directly
(before any session has called `st.navigation`, see ARCHITECTURE.md), so the page itself sets up the
language, the sidebar and the URL; the access check will live here too. The language lives in
`st.session_state["lang"]` and is written back to `st.query_params` on every run, because a page switch
clears the query string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from healthtech import db, formatting, geo, i18n

LANG_KEY = "lang"
_LANG_WIDGET = "_lang_widget"
LANG_NAMES = {"da": "Dansk", "en": "English"}
ICON = Path(__file__).parent / "assets" / "icon.png"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass(frozen=True)
class PageContext:
    name: str
    lang: str

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)


def current_lang() -> str:
    """The session's language: from the URL on the first run, then from session state."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = i18n.normalise(st.query_params.get(LANG_KEY))
    return st.session_state[LANG_KEY]


def _on_lang_change() -> None:
    st.session_state[LANG_KEY] = i18n.normalise(st.session_state.get(_LANG_WIDGET))


def _language_toggle() -> None:
    # Re-seed the widget from the canonical key so it survives page switches (widget state is per page).
    st.session_state[_LANG_WIDGET] = st.session_state[LANG_KEY]
    st.sidebar.segmented_control(
        i18n.t("lang.label", st.session_state[LANG_KEY]),
        options=list(i18n.LANGS),
        format_func=LANG_NAMES.get,
        required=True,
        key=_LANG_WIDGET,
        on_change=_on_lang_change,
    )


def _write_url_state(lang: str) -> None:
    if lang == i18n.DEFAULT_LANG:
        if LANG_KEY in st.query_params:
            del st.query_params[LANG_KEY]
    elif st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang


def page(name: str) -> PageContext:
    """Access check (issue 7), page config, language toggle, URL state. First line of every page."""
    lang = current_lang()
    st.set_page_config(
        page_title=f"{i18n.t(f'nav.{name}', lang)} · Danish Healthtech",
        page_icon=str(ICON),  # a local file: a material icon here makes the browser fetch it from Google
        layout="wide",
    )
    st.sidebar.markdown(f"**{i18n.t('app.name', lang)}**  \n{i18n.t('app.tagline', lang)}")
    _language_toggle()
    lang = st.session_state[LANG_KEY]
    _write_url_state(lang)
    return PageContext(name=name, lang=lang)


def data_as_of() -> dt.datetime:
    """Newest modification time of the data files behind the views."""
    stats = db.file_stats()
    newest = max((mtime for _, mtime, _ in stats), default=0)
    return dt.datetime.fromtimestamp(newest / 1e9)


def heading(ctx: PageContext, title_key: str, intro: str | None = None) -> None:
    st.title(ctx.t(title_key))
    if intro:
        st.markdown(intro)
    when = formatting.timestamp(data_as_of(), ctx.lang)
    st.caption(f"{ctx.t('data_as_of', when=when)} · {ctx.t('facts.caption')}", help=ctx.t("data_as_of.help"))


def footer(ctx: PageContext) -> None:
    st.divider()
    st.caption(ctx.t("footer.trace"))


# Column formats for tables: a function (value, lang) -> text, or a code namespace to translate.
Format = Callable[[object, str], str]
INT: Format = formatting.number
SHARE: Format = formatting.percent
MIO_DKK: Format = formatting.mio_dkk
DKK: Format = formatting.dkk
MIO_EUR: Format = formatting.mio_eur
DATE: Format = formatting.date
TIMESTAMP: Format = formatting.timestamp


def labelled(df: pd.DataFrame, codes: dict[str, str], lang: str) -> pd.DataFrame:
    """Translate code columns (column -> i18n namespace; "region" uses the geo names)."""
    out = df.copy()
    for col, namespace in codes.items():
        if namespace == "region":
            out[col] = [geo.region_name(v, lang) for v in out[col]]
        else:
            out[col] = [i18n.label(namespace, v, lang) for v in out[col]]
    return out


def table(
    ctx: PageContext,
    df: pd.DataFrame,
    key: str,
    formats: dict[str, Format] | None = None,
    codes: dict[str, str] | None = None,
    columns: list[str] | None = None,
) -> None:
    """A table as a user reads it: translated headers and codes, numbers in the user's format (the
    values stay numeric, so sorting works), the sample label where rows are sample, and a CSV download."""
    formats = formats or {}
    shown = labelled(df, codes or {}, ctx.lang)
    is_sample = bool("is_sample" in shown and shown["is_sample"].fillna(False).any())
    columns = [c for c in (columns or list(shown.columns)) if c != "is_sample"]
    shown = shown[columns]
    headers = {c: i18n.t(f"col.{c}", ctx.lang) if f"col.{c}" in i18n.TEXTS else c for c in columns}
    shown = shown.rename(columns=headers)
    styler = shown.style.format(na_rep="–").format(
        {headers[c]: (lambda v, f=f: f(v, ctx.lang)) for c, f in formats.items() if c in headers},
        na_rep="–",
    )
    if is_sample:
        st.caption(f":orange-badge[{ctx.t('sample.label')}]")
    config = {headers["source"]: st.column_config.TextColumn(width="large")} if "source" in headers else None
    st.dataframe(styler, hide_index=True, column_config=config, key=f"table_{key}")
    csv = shown.to_csv(index=False, **formatting.csv_options(ctx.lang)).encode("utf-8-sig")
    st.download_button(
        ctx.t("download.csv"), csv, file_name=f"danish_healthtech_{key}_{ctx.lang}.csv", mime="text/csv",
        key=f"download_{key}", on_click="ignore", icon=":material/download:",
    )


def chart(fig) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG)
