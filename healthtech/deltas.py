"""The change since a meeting, on screen: the sidebar's "compare with" choice, key figures with their delta, the
earlier value as a ghost mark on a bar chart, a change column in tables (the figures: `compare.py`).

Every text goes through i18n; a delta between two sample figures is labelled sample like the figures are."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from healthtech import blocks, capture, changes, compare, datasets, db, filters, formatting, i18n, site, store
from healthtech.context import PageContext

DATE_KEY = "_compare_date"
GHOST = "#e76f51"  # the earlier value's tick on a bar: apart from the bars' blues, readable on white


def _versions() -> list[str]:
    """The stored versions one can compare with, newest first (the last 12 imports and rollbacks)."""
    found = [(v.when, f"{v.dataset}.v{v.version}") for ds in datasets.UPLOADABLE for v in store.history(ds)]
    return [choice for _, choice in sorted(found, reverse=True)[:12]]


def basis_text(basis: compare.Basis | None, lang: str) -> str:
    """"siden mødet 12. maj 2020" / "since the meeting on 12 May 2020" (empty without a comparison)."""
    if basis is None:
        return ""
    if basis.kind == "version":
        return i18n.t("compare.since.version", lang, dataset=datasets.get(basis.dataset).label(lang),
                      version=basis.version)
    key = "compare.since.meeting" if basis.kind == "meeting" else "compare.since.date"
    return i18n.t(key, lang, date=formatting.date(basis.day, lang))


def short_basis_text(basis: compare.Basis | None, lang: str) -> str:
    """"siden 12. maj 2020": under a key figure, where the sidebar names the meeting."""
    if basis is None or basis.kind == "version":
        return basis_text(basis, lang)
    return i18n.t("compare.since.date", lang, date=formatting.date(basis.day, lang))


def _option_text(choice: str, meetings: pd.DataFrame, lang: str) -> str:
    if choice == compare.NONE:
        return i18n.t("compare.none", lang)
    if choice == compare.LAST:
        basis = compare.resolve(compare.LAST, meetings)
        return (i18n.t("compare.last", lang, meeting=formatting.date(basis.day, lang)) if basis is not None
                else i18n.t("compare.last.none", lang))
    basis = compare.resolve(choice, meetings)
    if basis is None:
        return choice
    if basis.kind == "version":
        return i18n.t("compare.version", lang, dataset=datasets.get(basis.dataset).label(lang),
                      version=basis.version, date=formatting.date(basis.day, lang))
    if basis.kind == "meeting":
        key = "compare.meeting.sample" if basis.meeting_is_sample else "compare.meeting"
        return i18n.t(key, lang, date=formatting.date(basis.day, lang))
    return i18n.t("compare.date", lang, date=formatting.date(basis.day, lang))


@functools.lru_cache(maxsize=32)
def _option_texts(options: tuple[str, ...], lang: str, version: str, today: dt.date) -> dict[str, str]:
    """Every option's text, once per data version and day (each resolves its choice against the meetings)."""
    meetings = compare.meetings()
    return {choice: _option_text(choice, meetings, lang) for choice in options}


def _take_date() -> None:
    picked = st.session_state.get(DATE_KEY)
    if isinstance(picked, dt.date):
        st.session_state["compare"] = compare.parse(picked.isoformat())
    st.session_state[DATE_KEY] = None


def sidebar(lang: str) -> compare.Basis | None:
    """"Sammenlign med": the last meeting (default), none, each meeting, the stored versions, and a date."""
    meetings = compare.meetings()
    side = st.sidebar
    current = st.session_state.get("compare", compare.LAST)
    options = [compare.LAST, compare.NONE, *(d.isoformat() for d in meetings["date"]), *_versions()]
    options = list(dict.fromkeys(options))
    if current not in options:  # a date picked below
        options.append(current)
    today = dt.datetime.now(compare.TZ).date()
    texts = _option_texts(tuple(options), lang, db.served_version(), today)
    filters.widget("compare", side.selectbox, i18n.t("compare.label", lang), options, format_func=texts.__getitem__,
                   help=i18n.t("compare.help", lang), placeholder=i18n.t("choose", lang))
    side.date_input(i18n.t("compare.pick_date", lang), value=None, min_value=compare.EARLIEST, max_value=today,
                    key=DATE_KEY, on_change=_take_date, format="DD.MM.YYYY" if lang == "da" else "YYYY-MM-DD")
    basis = compare.resolve(st.session_state.get("compare", compare.LAST), meetings)
    if basis is not None and basis.meeting_is_sample:
        side.caption(i18n.t("compare.sample_note", lang))
    return basis


# --- key figures ------------------------------------------------------------------------------------------------

def _signed(text: str, value: float) -> str:
    return f"+{text}" if value > 0 else text


def delta_text(delta: compare.Delta, lang: str, fmt=formatting.number, relative: bool = True) -> str:
    """"+12 (+3 %)", "uændret", "ikke kendt dengang"; the % only where the earlier value was not 0 (and not for a
    share, whose change is in percentage points: `relative=False`)."""
    if delta.state == compare.UNKNOWN or delta.change is None:
        return i18n.t("compare.unknown", lang)
    if delta.unchanged:
        return i18n.t("compare.unchanged", lang)
    text = _signed(fmt(delta.change, lang), delta.change)
    if delta.share is not None and relative:
        text += f" ({_signed(formatting.percent(delta.share, lang, decimals=1), delta.share)})"
    return text


def metric(ctx: PageContext, column, label: str, value: str, delta: compare.Delta | None, fmt=formatting.number,
           sample: bool = False, judge: bool = True, **kwargs) -> None:
    """`column.metric` with the change since the comparison's moment (nothing extra without a comparison).
    `judge=False`: a figure whose rise is neither good nor bad (a share) gets a grey delta."""
    if delta is None:
        column.metric(label, value, **kwargs)
        return
    plain = delta.unchanged or delta.change is None
    description = short_basis_text(ctx.basis, ctx.lang)
    if sample:
        description += f" · {ctx.t('compare.sample')}"
    column.metric(label, value, delta=delta_text(delta, ctx.lang, fmt, relative=judge), delta_description=description,
                  delta_arrow="off" if plain else "auto", delta_color="normal" if judge and not plain else "off",
                  **kwargs)


# --- tables and charts -----------------------------------------------------------------------------------------

def change_column(ctx: PageContext, frame: pd.DataFrame, earlier: compare.Then | None, key,
                  value: str) -> pd.DataFrame:
    """`frame` with a change column beside `value` (text: "+3", "uændret", "ny" for a key that was not there then,
    "ikke kendt dengang"), or `frame` itself without a comparison."""
    if earlier is None:
        return frame
    out = compare.by_key(frame, earlier, key, value)
    change = f"{value}_change"
    if earlier.state == compare.UNKNOWN:
        texts = [ctx.t("compare.unknown")] * len(out)
    else:
        texts = [ctx.t("compare.new") if pd.isna(before) else
                 (ctx.t("compare.unchanged") if diff == 0 else _signed(formatting.number(diff, ctx.lang), diff))
                 for before, diff in zip(out[f"{value}_then"], out[change], strict=True)]
    out = out.drop(columns=[f"{value}_then", change])
    out.insert(list(out.columns).index(value) + 1, "change_since", texts)
    return out


def ghost(fig: go.Figure, ctx: PageContext, labels, now: pd.DataFrame, earlier: compare.Then | None, key,
          value: str) -> go.Figure:
    """The earlier value of each horizontal bar (the rows of `now`, drawn at `labels`) as a dark tick mark, with
    "41 (dengang · siden mødet 12. maj 2020)" on hover; nothing without a comparison or when it was not known."""
    if earlier is None or earlier.frame is None or earlier.state == compare.UNCHANGED:
        return fig  # nothing to show: no comparison, not known then, or the same data (the table says "uændret")
    earlier_values = compare.by_key(now, earlier, key, value)[f"{value}_then"]
    labels, values = list(labels), [None if pd.isna(v) else float(v) for v in earlier_values]
    since = basis_text(ctx.basis, ctx.lang)
    hover = [f"{lab}: {formatting.number(v, ctx.lang)} ({ctx.t('compare.then')} · {since})" if v is not None else
             f"{lab}: {ctx.t('compare.unknown')}" for lab, v in zip(labels, values, strict=True)]
    fig.add_trace(go.Scatter(x=values, y=labels, mode="markers", name=ctx.t("compare.then"),
                             marker={"symbol": "line-ns-open", "size": 26, "color": GHOST,
                                     "line": {"width": 3, "color": GHOST}},
                             hovertext=hover, hoverinfo="text"))
    top = max([v for v in values if v is not None] + [0])
    current = fig.layout.xaxis.range
    if current is not None and top * 1.25 > current[1]:
        fig.update_xaxes(range=[0, top * 1.25])
    return fig


# --- what changed (the Overview, first in the pack) -------------------------------------------------------------

def _open(page: str, params: dict) -> None:
    """Go to the page that shows a change, with its filters set (session state is canonical; the URL follows)."""
    for key in ("region", "cluster", "municipality", "channel", "funder", "area"):  # exactly the change's view
        st.session_state[key] = params.get(key)
    st.switch_page(site.get(page).path)


def what_changed(ctx: PageContext) -> None:
    """"Hvad har ændret sig siden mødet …": corrections first, then the largest changes, each with a button to the
    page and filters that show it. In the pack: the same sentences under the same heading."""
    if ctx.basis is None:
        if capture.active() is None:  # on screen only: a pack without a comparison simply has none
            st.caption(ctx.t("changes.off"))
        return
    found = changes.collect(ctx.basis)
    since = basis_text(ctx.basis, ctx.lang)
    blocks.subheader(f"{ctx.t('changes.title')} {since}")
    if not found:
        blocks.caption(ctx.t("changes.none", since=since))
        return
    for i, change in enumerate(found):
        text = change.sentence(ctx.lang, ctx.basis)
        if change.sample:
            text += f" ({ctx.t('compare.sample')})"
        if capture.active() is not None:
            blocks.caption(("⚠ " if change.correction else "• ") + text)
            continue
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            icon = ":material/warning:" if change.correction else ":material/arrow_right:"
            st.markdown(f"{icon} {blocks.plain(text)}", width="content")
            if blocks.page_registered(change.page) and st.button(
                    ctx.t("changes.open"), key=f"_changes_{i}", type="tertiary", icon=":material/arrow_forward:"):
                _open(change.page, change.params)
