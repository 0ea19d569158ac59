"""Click to drill down (issue 16): a click on a bar, or on a region in the list beside the map, sets the matching
sidebar filter, the way choosing it in the sidebar does (canonical session state, so the sidebar shows it and the
URL holds it); a second click on the same bar or region, or the "clear" button, takes it off again.

The filters a click can set are the sidebar's: region and cluster (Companies), channel (Reach), funder (Budget) and
activity area (Activities, Budget's spending by area); each is a filter of `filters.PARAMS` whose queries take it
as a `$parameter`. Plotly's selection comes back through
`st.plotly_chart(on_select=callback, selection_mode="points")`; the callback runs before the rerun, so the page
is drawn once, already narrowed. The map itself is hover-only (docs/maintainers.md, "Maps"); the region list beside
it is the click target."""

from __future__ import annotations

import streamlit as st

from healthtech import blocks, capture, formatting, geo, i18n
from healthtech.context import PageContext

DIMENSIONS = ("region", "cluster", "channel", "funder", "area")
LABELS = {"channel": "channel", "funder": "funder", "area": "area"}  # dimension -> i18n namespace of its codes


def label(dimension: str, code, lang: str) -> str:
    """A filter value as the sidebar names it."""
    if dimension == "region":
        return geo.region_name(code, lang)
    return i18n.label(LABELS[dimension], code, lang) if dimension in LABELS else str(code)


def _set(dimension: str, value) -> None:
    """Set (or, when it is already set to `value`, clear) a sidebar filter from a click."""
    current = st.session_state.get(dimension)
    st.session_state[dimension] = None if value is None or value == current else value
    if dimension == "region":  # as in the sidebar: a municipality belongs to one region
        st.session_state["municipality"] = None


def _key(name: str, dimension: str) -> str:
    # The current value is part of the key: a new filter gives a new chart widget, without the old selection.
    return f"_drill_{name}_{st.session_state.get(dimension)}"


def chart(ctx: PageContext, fig, name: str, dimension: str, codes) -> None:
    """A bar chart whose bars set `dimension` to the bar's code (`codes`, in the order of the bars). Every trace
    of the figure spans the same categories in that order (a stacked bar's segments, a planned share's outline, the
    earlier value's tick), so a click on any of them picks its category. During a capture: the chart as
    `blocks.chart` records it."""
    if capture.active() is not None or (dimension == "region" and ctx.user.region is not None):
        blocks.chart(fig)  # in the pack, or a reviewer's link pinned to a region: nothing to click
        return
    codes = [c.item() if hasattr(c, "item") else c for c in codes]  # numpy scalars -> the URL's int / str
    key = _key(name, dimension)

    def picked() -> None:
        points = st.session_state[key].selection.points
        bars = [p for p in points if p.get("point_index") is not None]
        if bars and 0 <= bars[0]["point_index"] < len(codes):
            _set(dimension, codes[bars[0]["point_index"]])

    fig.update_layout(clickmode="event+select", dragmode=False)
    blocks.chart(fig, key=key, on_select=picked, selection_mode="points")
    chosen = st.session_state.get(dimension)
    if chosen is not None and chosen in codes:
        st.button(ctx.t("drill.clear", filter=ctx.t(f"filters.{dimension}").lower(),
                        value=label(dimension, chosen, ctx.lang)),
                  key=f"{key}_clear", type="tertiary", icon=":material/close:", on_click=_set,
                  args=(dimension, None))
    else:
        st.caption(ctx.t("drill.hint"))


def region_list(ctx: PageContext, counts, unit: str) -> None:
    """The regions beside the map as a row of pills with their counts: a click narrows the page to the region,
    a second click clears it. Not in the pack (it is the map's legend already)."""
    if capture.active() is not None or ctx.user.region is not None:
        return
    codes = [int(c) for c in counts["code"]]
    numbers = dict(zip(codes, counts["companies"], strict=True))
    key = f"_drill_regions_{st.session_state.get('region')}"

    def picked() -> None:  # a pill clicked: its region; the chosen pill clicked again: none
        st.session_state["region"] = st.session_state.get(key)
        st.session_state["municipality"] = None

    # wrap=True: placed in a column, pills stay on one row and scroll by default ("Region of Southern Denm…" cut off)
    st.pills(ctx.t("drill.regions", unit=unit), codes, selection_mode="single", key=key, wrap=True,
             default=st.session_state.get("region") if st.session_state.get("region") in codes else None,
             format_func=lambda c: f"{geo.region_name(c, ctx.lang)} · {formatting.number(numbers.get(c, 0), ctx.lang)}",
             on_change=picked)
