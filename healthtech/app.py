"""Shared page chrome: the first call of every page, and the table/chart blocks pages are made of.

`page(name)` is the one entry every page file starts with. Streamlit can run `pages/<name>.py` directly
(before any session has called `st.navigation`, see ARCHITECTURE.md), so the page itself sets up the
language, the sidebar and the URL; the access check will live here too. The language lives in
`st.session_state` and is written back to `st.query_params` on every run by `filters.py`, because a page
switch clears the query string.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from healthtech import access, capture, config, db, export, filters, formatting, geo, i18n, maps, owner, sessions, store

ICON = Path(__file__).parent / "assets" / "icon.png"
LANG_NAMES = {"da": "Dansk", "en": "English"}

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass(frozen=True)
class PageContext:
    name: str
    lang: str
    filters: filters.Filters = filters.Filters()
    user: access.User = access.User(role=access.EDITOR, local=True)

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)


def current_lang() -> str:
    """The session's language: from the URL on the first run, then from session state."""
    filters.init_state()
    return st.session_state["lang"]


def _leave_pages_directory_mode() -> None:
    """Until some session has run `st.navigation`, Streamlit serves `/<name>` by running `pages/<name>.py`
    directly with a navigation built from the file names (ARCHITECTURE.md). Switch it to `st.navigation` mode
    and rerun: the rerun goes through dashboard.py and opens the same URL with our navigation.

    Fragile: this writes a Streamlit internal (pinned 1.67.0); see docs/maintainers.md, "Fragile"."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# Static CSS, no data in it. Streamlit's own "Download as CSV" in a table's toolbar writes cells as they are;
# every table has our downloads instead, which neutralize formula-like text (export.py).
_CSS = """<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) { display: none !important; }
</style>"""


def current_user() -> access.User | None:
    """Who this session is, or None (no valid link, not signed in, or local mode off localhost). Draws nothing."""
    try:
        return _resolve_user()
    except access.Refused:
        return None


def _resolve_user() -> access.User | None:
    try:
        secrets = access.load_secrets()
    except access.SecretsMissing:
        raise access.Refused("secrets_missing") from None
    if secrets is None:
        # Local mode: the owner is whoever opened this start's `?local=` address (healthtech/owner.py); no
        # request header decides it.
        if not access.is_local_address(st.get_option("server.address")):
            raise access.Refused("local_mode_public")
        if not owner.claim(st.session_state, st.query_params, _cookies()):
            raise access.Refused("local_key_needed")
        return access.User(role=access.EDITOR, name="local", local=True)
    token = st.session_state.get("token")
    if token:
        return access.verify_token(secrets, token)
    record = st.session_state.get(sessions.KEY)
    if record:
        ended = sessions.check(record, secrets)  # every run: credential unchanged, not idle, not too old
        if ended:
            st.session_state[sessions.KEY] = None
            st.session_state["_signed_out"] = ended
            return None
        return access.User(role=access.EDITOR, name=record["name"])
    return None


def _cookies() -> dict:
    try:
        return dict(st.context.cookies)
    except Exception:  # noqa: BLE001 (no request: AppTest, bare mode)
        return {}


def _client() -> str:
    """The rate limit's client: the connection's peer address (never a header); loopback for a proxy in front."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 (no request)
        address = None
    return address if isinstance(address, str) and address else "loopback"


def _gate(lang: str, editor_only: bool) -> access.User:
    """The access check: the user, or a message (and a sign-in form) and nothing else on the page."""
    try:
        user = _resolve_user()
    except access.Refused as refused:
        st.title(i18n.t("app.name", lang))
        show = st.info if refused.reason == "local_key_needed" else st.error
        show(i18n.t(f"access.refused.{refused.reason}", lang), icon=":material/lock:")
        st.stop()
    if user is None:
        st.title(i18n.t("app.name", lang))
        st.info(i18n.t("access.need_link", lang), icon=":material/lock:")
        _sign_in_form(lang)
        st.stop()
    if editor_only and not user.can_edit:
        st.error(i18n.t("access.editors_only", lang), icon=":material/lock:")
        st.stop()
    return user


def _sign_in_form(lang: str) -> None:
    """The password form. Failed attempts are counted across sessions (healthtech/sessions.py): past the limit
    the form says it is locked and for how long."""
    secrets = access.load_secrets()  # present: _resolve_user got this far
    client = _client()
    if (ended := st.session_state.pop("_signed_out", None)) is not None:
        st.warning(i18n.t(f"access.ended.{ended}", lang), icon=":material/logout:")
    with st.form("sign_in"):
        st.markdown(f"**{i18n.t('access.sign_in', lang)}**")
        name = st.text_input(i18n.t("access.name", lang), max_chars=60)
        password = st.text_input(i18n.t("access.password", lang), type="password", max_chars=200)
        if st.form_submit_button(i18n.t("access.sign_in.button", lang)) and secrets:
            outcome, record = sessions.attempt(name, password, client, secrets)
            if outcome == "ok":
                st.session_state[sessions.KEY] = record
                st.session_state["token"] = None
                st.rerun()
            if outcome == "wrong":
                time.sleep(1.0)  # slows down one session's guessing; the limiter slows all of them
                st.error(i18n.t("access.wrong_password", lang))
    if (locked := sessions.lockout_minutes(client)) is not None:
        st.error(i18n.t(f"access.locked.{locked[0]}", lang, minutes=locked[1]), icon=":material/timer:")


def _user_status(user: access.User, lang: str) -> None:
    side = st.sidebar
    if user.local:
        side.caption(i18n.t("access.local_mode", lang))
    elif user.can_edit:
        side.caption(i18n.t("access.signed_in", lang, name=plain(user.name)))
        if side.button(i18n.t("access.sign_out", lang)):
            st.session_state[sessions.KEY] = None
            st.rerun()
    else:
        region = geo.region_name(user.region, lang) if user.region is not None else None
        text = i18n.t(f"access.role.{user.role}", lang)
        side.caption(f"{text} · {i18n.t('access.pinned', lang, region=region)}" if region else text)


def page(name: str, dimensions: tuple[str, ...] = (), editor_only: bool = False) -> PageContext:
    """Access check (issue 7), page config, language, filters, URL state. First line of every page.

    `dimensions` are the filters this page's data has; an active filter outside them gets a note saying it
    does not apply here, rather than being ignored silently."""
    if (cap := capture.active()) is not None:  # off-screen run for the meeting pack: no chrome, no access check
        return PageContext(name=name, lang=cap.lang, filters=cap.filters)
    _leave_pages_directory_mode()
    lang = current_lang()
    st.set_page_config(
        page_title=f"{i18n.t(f'nav.{name}', lang)} · Danish Healthtech",
        page_icon=str(ICON),  # a local file: a material icon here makes the browser fetch it from Google
        layout="wide",
    )
    user = _gate(lang, editor_only)
    st.html(_CSS)
    st.sidebar.markdown(f"**{i18n.t('app.name', lang)}**  \n{i18n.t('app.tagline', lang)}")
    filters.widget("lang", st.sidebar.segmented_control, i18n.t("lang.label", lang), list(i18n.LANGS),
                   format_func=LANG_NAMES.get, required=True)
    lang = st.session_state["lang"]
    chosen = filters.sidebar(lang, pinned_region=user.region)
    _user_status(user, lang)
    filters.write_url()
    ctx = PageContext(name=name, lang=lang, filters=chosen, user=user)
    _not_applicable_note(ctx, dimensions)
    _watch_data(db.data_version())
    return ctx


@st.fragment(run_every=dt.timedelta(seconds=config.REFRESH_SECONDS))
def _watch_data(seen: str) -> None:
    """A viewer's page picks up a new data version by itself (a cheap fingerprint check, rerun on change), and a
    link revoked or expired meanwhile, or an editor session whose password or keys changed or that timed out,
    stops showing data without waiting for the viewer to click."""
    signed_in = st.session_state.get("token") or st.session_state.get(sessions.KEY)
    if db.data_version() != seen or (signed_in and current_user() is None):
        st.rerun(scope="app")


def _not_applicable_note(ctx: PageContext, dimensions: tuple[str, ...]) -> None:
    """"Filteret for periode gælder ikke …" / "Filtrene for region og klynge gælder ikke …", with the page's reason
    (`filters.not_applicable.<page>`)."""
    ignored = [ctx.t(f"filters.{k}").lower() for k in ctx.filters.active() if k not in dimensions]
    if ignored:
        names = ignored[0] if len(ignored) == 1 else f"{', '.join(ignored[:-1])} {ctx.t('filters.and')} {ignored[-1]}"
        key = "filters.not_applicable.one" if len(ignored) == 1 else "filters.not_applicable.many"
        reason = ctx.t(f"filters.not_applicable.{ctx.name}")
        st.info(ctx.t(key, names=names, reason=reason), icon=":material/filter_alt_off:")


def data_as_of() -> dt.datetime:
    """Newest change of the data behind the views: a file's modification or the store's last import/rollback."""
    stats = db.file_stats()
    newest = dt.datetime.fromtimestamp(max((mtime for _, mtime, _ in stats), default=0) / 1e9)
    changed = store.last_change()
    return max(newest, changed.astimezone().replace(tzinfo=None)) if changed else newest


def heading(ctx: PageContext, title_key: str, intro: str | None = None, facts: bool = False) -> None:
    """Title, intro and "data as of". `facts=True` only on a page whose every figure is from the seed documents;
    a page that mixes real and sample figures labels its real sections with `facts_caption` instead."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("heading", title=ctx.t(title_key), text=intro or ""))
        return
    st.title(ctx.t(title_key))
    if intro:
        st.markdown(intro)
    when = formatting.timestamp(data_as_of(), ctx.lang)
    caption = ctx.t("data_as_of", when=when)
    if facts:
        caption += f" · {ctx.t('facts.caption')}"
    st.caption(caption, help=ctx.t("data_as_of.help"))


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def plain(text) -> str:
    """Data shown inside Streamlit markdown (captions, labels) as plain text: links, images, emphasis and
    `:material/…:` shortcodes in the data stay literal characters."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def facts_caption(ctx: PageContext, sources=()) -> None:
    """The label of a section whose figures are real (from the seed documents), with the documents they cite."""
    cited = "; ".join(sorted(set(sources)))
    text = ctx.t("facts.caption")
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("facts", text=f"{text} · {ctx.t('source.caption', sources=cited)}" if cited else text))
        return
    st.caption(f"{text} · {ctx.t('source.caption', sources=plain(cited))}" if cited else text)


def subheader(text: str) -> None:
    """A section heading (the meeting pack's section titles come from here)."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("subheader", title=text))
        return
    st.subheader(text)


def footer(ctx: PageContext) -> None:
    if capture.active() is not None:
        return
    st.divider()
    st.caption(ctx.t("footer.trace"))


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
    heat: list[str] | None = None,
    qualifiers: dict[str, str] | None = None,
) -> None:
    """A table as a user reads it: translated headers and codes, numbers in the user's format (the
    values stay numeric, so sorting works), the sample label where rows are sample, and a CSV download.
    `heat` columns get a blue background in proportion to their value (a heat-table). `qualifiers` maps a
    count column to the column that qualifies it: such a cell reads "mere end 100", in the CSV too."""
    formats = formats or {}
    qualifiers = qualifiers or {}
    shown = labelled(df, codes or {}, ctx.lang)
    is_sample = bool("is_sample" in shown and shown["is_sample"].fillna(False).any())
    hidden = {"is_sample", *qualifiers.values()}
    columns = [c for c in (columns or list(shown.columns)) if c not in hidden]
    qualified = {c: shown[q] for c, q in qualifiers.items() if c in columns}
    shown = shown[columns]
    headers = {c: i18n.t(f"col.{c}", ctx.lang) if f"col.{c}" in i18n.TEXTS else c for c in columns}
    shown = shown.rename(columns=headers)
    styler = shown.style.format(na_rep="–").format(
        {headers[c]: (lambda v, f=f: f(v, ctx.lang)) for c, f in formats.items() if c in headers},
        na_rep="–",
    )
    csv_frame = shown.copy()
    for col, qualifier in qualified.items():
        header = headers[col]
        csv_frame[header] = csv_frame[header].astype(object)
        for row in qualifier.index[qualifier.notna()]:
            text = formatting.qualified(shown.at[row, header], qualifier[row], ctx.lang)
            styler = styler.format(lambda _, text=text: text, subset=([row], [header]))
            csv_frame.at[row, header] = text
    named = {headers[c]: FORMAT_NAMES.get(f, "") for c, f in formats.items() if c in headers}
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("table", display=_display(csv_frame, formats, headers, ctx.lang), values=csv_frame,
                             formats=named, is_sample=is_sample, key=key))
        return
    if heat:
        heat_cols = [headers[c] for c in heat if c in headers]
        top = heat_top(shown[heat_cols])
        styler = styler.map(lambda v: _heat_css(v, top), subset=heat_cols)
    if is_sample:
        st.caption(f":orange-badge[{ctx.t('sample.label')}]")
    config = {headers["source"]: st.column_config.TextColumn(width="large")} if "source" in headers else None
    st.dataframe(styler, hide_index=True, column_config=config, key=f"table_{key}", placeholder="–")
    downloads(ctx, csv_frame, key, named)


def downloads(ctx: PageContext, frame: pd.DataFrame, key: str, named: dict[str, str] | None = None) -> None:
    """CSV for Danish Excel (`;`, decimal comma, UTF-8 BOM), international CSV, and XLSX; made on click, with
    formula-like text neutralized (export.py)."""
    name = f"danish_healthtech_{key}_{ctx.lang}"
    danish, international, workbook = st.columns([1, 1, 1], gap="small", width=560)
    danish.download_button(
        ctx.t("download.csv"), lambda: export.csv_bytes(frame, "da"), file_name=f"{name}.csv", mime="text/csv",
        key=f"download_{key}", on_click="ignore", icon=":material/download:", help=ctx.t("download.csv.help"))
    international.download_button(
        ctx.t("download.csv_intl"), lambda: export.csv_bytes(frame, "intl"), file_name=f"{name}_intl.csv",
        mime="text/csv", key=f"download_{key}_intl", on_click="ignore", help=ctx.t("download.csv_intl.help"))
    workbook.download_button(
        ctx.t("download.xlsx"), lambda: export.xlsx_bytes([export.Sheet(key, frame, named or {})], ctx.lang),
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


def _heat_css(value, top: float) -> str:
    # Explicit text colours: Streamlit's grid draws "inherit" as invisible text.
    if value is None or value != value or not top:
        return "color: #5c6b7a"
    alpha = 0.08 + 0.6 * min(float(value) / top, 1.0)
    return f"background-color: rgba(31, 78, 121, {alpha:.2f}); color: {'#ffffff' if alpha > 0.45 else '#1c2833'}"


def chart(fig) -> None:
    if (cap := capture.active()) is not None:
        title = fig.layout.title.text or ""
        cap.add(capture.Item("chart", text=title.split("<br>")[0], figure=fig,
                             is_sample="<sup>" in title))
        return
    st.plotly_chart(fig, config=PLOTLY_CONFIG)


def sample_banner(ctx: PageContext) -> None:
    """The page-level label for pages built on sample data."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("sample", text=f"{ctx.t('sample.label')}. {ctx.t('sample.explain')}", is_sample=True))
        return
    st.markdown(f":orange-badge[:material/science: {ctx.t('sample.label')}] {ctx.t('sample.explain')}")


def sample_title(ctx: PageContext, key: str, is_sample) -> str:
    """A chart title that carries the sample label when its data is sample."""
    return f"{ctx.t(key)}<br><sup>{ctx.t('sample.label')}</sup>" if bool(is_sample) else ctx.t(key)


def map_layer_choice(ctx: PageContext) -> str:
    if capture.active() is not None:
        return "regions"
    filters.widget("map_layer", st.segmented_control, ctx.t("companies.map.layer"), list(maps.LAYERS),
                   default=maps.LAYERS[0], format_func=lambda layer: ctx.t(f"layer.{layer}"), required=True)
    return filters.choice(st.session_state["map_layer"], maps.LAYERS, maps.LAYERS[0])


def map_chart(deck) -> None:
    """The map, hover tooltips only: click selection did not reach the server in headless Chromium (hover picking
    works), so drill-down goes through the region filter and the municipality choice, which are tested."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("map", figure=deck, is_sample=True))
        return
    st.pydeck_chart(deck, height=520)


def municipality_choice(ctx: PageContext, municipalities: pd.DataFrame) -> None:
    """Drill down to one municipality (within the chosen region), kept in the URL like the filters."""
    if capture.active() is not None:
        return
    shown = municipalities[municipalities["companies"] > 0].sort_values("name")
    options = [filters.ALL, *shown["kommune_code"].tolist()]
    if st.session_state.get("municipality") not in options:
        st.session_state["municipality"] = None
    names = dict(zip(shown["kommune_code"], shown["name"], strict=True))
    counts = dict(zip(shown["kommune_code"], shown["companies"], strict=True))
    filters.widget("municipality", st.selectbox, ctx.t("filters.municipality"), options,
                   format_func=lambda c: ctx.t("filters.all_municipalities") if c == filters.ALL
                   else f"{names[c]} ({formatting.number(counts[c], ctx.lang)})")
