"""The view state that follows the user: language and filters <-> st.session_state <-> st.query_params.

On a session's first run each value is read from the URL (invalid values fall back to the default); from
then on `st.session_state` is canonical and every run writes the values back to the URL, because a page
switch clears the query string. Widgets are re-seeded from the canonical key before they are drawn, so they
keep their value across pages (Streamlit drops a widget's state on a page that does not draw it).

Filters reach SQL only as `$parameters`: `Filters.params()` gives region, cluster, municipality, the period's
start and end, channel, funder and area; `queries.run_filtered` passes a query the ones its header declares, and
`Filters.only(dimensions)` keeps a page's own (a filter the page's data lacks gets a note, never a narrowing).
Channel, funder and area (issue 16) are what a click on a Reach, Budget or Activities bar sets (drill.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from healthtech import compare, geo, i18n, queries
from healthtech.datasets import AREAS, CHANNELS, FUNDERS, ORGANISATIONS

PERIODS = {
    "all": (dt.date(2018, 12, 1), dt.date(2020, 11, 30)),
    "y1": (dt.date(2018, 12, 1), dt.date(2019, 11, 30)),
    "y2": (dt.date(2019, 12, 1), dt.date(2020, 11, 30)),
}


def _int_in(allowed: Callable[[], list[int]]):
    def parse(text):
        try:
            value = int(text)
        except (TypeError, ValueError):
            return None
        return value if value in allowed() else None
    return parse


def channels() -> list[str]:
    """The reach channels in the data, in the application's order, then the ones the network added (Facebook, …):
    an added channel is a bar of its own, so it can be a filter too."""
    found = list(queries.run("shared/channels")["channel"])
    return [*CHANNELS, *(c for c in found if c not in CHANNELS)]


@dataclass(frozen=True)
class Param:
    key: str
    parse: Callable[[str | None], object]
    default: object


PARAMS = (
    Param("lang", i18n.normalise, i18n.DEFAULT_LANG),
    Param("region", _int_in(geo.region_codes), None),
    Param("cluster", lambda v: v if v in ORGANISATIONS else None, None),
    Param("period", lambda v: v if v in PERIODS else "all", "all"),
    Param("municipality", _int_in(geo.municipality_codes), None),
    Param("channel", lambda v: v if v is not None and v in channels() else None, None),
    Param("funder", lambda v: v if v in FUNDERS else None, None),
    Param("area", lambda v: v if v in AREAS else None, None),
    Param("compare", compare.parse, compare.LAST),  # what the figures are compared with (compare.py, deltas.py)
)
# A share link's token is not view state: the access gate takes it out of the URL into the session (chrome.py),
# so the URL a reader copies carries the view and never the access.
BY_KEY = {p.key: p for p in PARAMS}


@dataclass(frozen=True)
class Filters:
    region: int | None = None
    cluster: str | None = None
    period: str = "all"
    municipality: int | None = None
    channel: str | None = None
    funder: str | None = None
    area: str | None = None

    def params(self) -> dict[str, object]:
        start, end = PERIODS[self.period]
        return {"region": self.region, "cluster": self.cluster, "municipality": self.municipality,
                "period_start": start, "period_end": end, "channel": self.channel, "funder": self.funder,
                "area": self.area}

    def active(self) -> dict[str, object]:
        """The filters that narrow the data (not at their default)."""
        return {k: v for k, v in (("region", self.region), ("cluster", self.cluster),
                                  ("period", None if self.period == "all" else self.period),
                                  ("municipality", self.municipality), ("channel", self.channel),
                                  ("funder", self.funder), ("area", self.area)) if v is not None}

    def only(self, dimensions: tuple[str, ...]) -> Filters:
        """The filters a page's data has (`site.Page.dimensions`); the others at "no filter". A shared query
        (spending by area on Budget and Activities) so never narrows by a filter its page says does not apply."""
        return Filters(**{k: getattr(self, k) for k in ("region", "cluster", "period", "municipality", "channel",
                                                         "funder", "area") if k in dimensions})


def valid(key: str, value) -> bool:
    """Whether `value` is one the URL parser of `key` would give (None, "no filter", is always valid)."""
    if value is None:
        return True
    try:
        return BY_KEY[key].parse(value) == value
    except (TypeError, ValueError):
        return False


def init_state() -> None:
    """First run: each value from the URL. Every run: a value in the session state that its parser would not
    give (set by a widget or anything else) falls back to the default before anything reads it."""
    for p in PARAMS:
        if p.key not in st.session_state:
            st.session_state[p.key] = p.parse(st.query_params.get(p.key))
        elif not valid(p.key, st.session_state[p.key]):
            st.session_state[p.key] = p.default


def write_url() -> None:
    for p in PARAMS:
        value = st.session_state.get(p.key, p.default)
        if value == p.default or value is None:
            if p.key in st.query_params:
                del st.query_params[p.key]
        elif st.query_params.get(p.key) != str(value):
            st.query_params[p.key] = str(value)


ALL = "all"  # the widget value for "no filter": Streamlit shows a None option as an empty placeholder


def _canonical(key: str, value, options: list, default):
    """A widget's value as canonical state, re-validated: one of the widget's own options and, for a URL
    parameter, what its parser gives; anything else (a client can send any string for a selectbox) is the
    default. So no client text reaches a query, a file path or a label lookup."""
    if value not in options:
        return default
    value = None if value == ALL and key != "period" else value
    return value if key not in BY_KEY or valid(key, value) else default


def _copy_from_widget(key: str, options: list, default) -> None:
    st.session_state[key] = _canonical(key, st.session_state.get(f"_w_{key}"), options, default)
    if key == "region":  # a municipality belongs to one region: a new region clears it
        st.session_state["municipality"] = None


def widget(key: str, draw: Callable, label: str, options, *args, default=None, **kwargs):
    """Draw a widget bound to the canonical state `key` (re-seeded every run, copied back on change, both
    re-validated against `options`). A canonical None is shown as the option `ALL`; `default` is the canonical
    value an invalid one falls back to (for URL parameters: the parameter's default)."""
    options = list(options)
    if default is None and key in BY_KEY:
        default = BY_KEY[key].default
    value = _canonical(key, ALL if st.session_state.get(key) is None else st.session_state.get(key), options,
                       default)
    st.session_state[key] = value
    st.session_state[f"_w_{key}"] = ALL if value is None else value
    return draw(label, options, *args, key=f"_w_{key}", on_change=_copy_from_widget, args=(key, options, default),
                **kwargs)


def choice(value, options, default=None):
    """A plain widget's value re-validated: one of its options, else `default` (for widgets not bound to
    canonical state, e.g. the Data page's choices)."""
    try:
        return value if value in list(options) else default
    except TypeError:
        return default


def current() -> Filters:
    s = st.session_state
    municipality = s.get("municipality")
    if municipality is not None and s.get("region") is not None and geo.region_of(municipality) != s["region"]:
        municipality = None
    return Filters(region=s.get("region"), cluster=s.get("cluster"), period=s.get("period", "all"),
                   municipality=municipality, channel=s.get("channel"), funder=s.get("funder"), area=s.get("area"))


def sidebar(lang: str, pinned_region: int | None = None) -> Filters:
    """Region, cluster, municipality and period filters in the sidebar. A pinned region (a reviewer's link) is fixed:
    whatever the URL or the widget says, the region is the pinned one."""
    side = st.sidebar
    side.markdown(f"**{i18n.t('filters.title', lang)}**")
    if pinned_region is not None and st.session_state.get("region") != pinned_region:
        st.session_state["region"] = pinned_region
        st.session_state["municipality"] = None
    widget("region", side.selectbox, i18n.t("filters.region", lang), [ALL, *geo.region_codes()],
           format_func=lambda c: i18n.t("filters.all_regions", lang) if c == ALL else geo.region_name(c, lang),
           disabled=pinned_region is not None, placeholder=i18n.t("choose", lang))
    widget("cluster", side.selectbox, i18n.t("filters.cluster", lang), [ALL, *ORGANISATIONS],
           format_func=lambda c: i18n.t("filters.all_clusters", lang) if c == ALL
           else f"{c} · {i18n.label('organisation', c, lang)}", placeholder=i18n.t("choose", lang))
    # The municipality is a filter like the others (issue 12): visible here on every page, in the link and on the
    # pack's cover; the pages whose data has no municipality say that it does not apply.
    region = st.session_state.get("region")
    places = sorted((c for c in geo.municipality_codes() if region is None or geo.region_of(c) == region),
                    key=geo.municipality_name)
    if st.session_state.get("municipality") not in places:
        st.session_state["municipality"] = None
    widget("municipality", side.selectbox, i18n.t("filters.municipality", lang), [ALL, *places],
           format_func=lambda c: i18n.t("filters.all_municipalities", lang) if c == ALL
           else geo.municipality_name(c), placeholder=i18n.t("choose", lang))
    widget("period", side.segmented_control, i18n.t("filters.period", lang), list(PERIODS),
           format_func=lambda p: i18n.t(f"period.{p}", lang), required=True)
    # What a bar click on Reach, Budget or Activities sets (drill.py): filters like the others, in the link.
    for key, options, namespace in (("channel", channels(), "channel"), ("funder", FUNDERS, "funder"),
                                    ("area", AREAS, "area")):
        widget(key, side.selectbox, i18n.t(f"filters.{key}", lang), [ALL, *options],
               format_func=lambda c, key=key, namespace=namespace: i18n.t(f"filters.all_{key}s", lang) if c == ALL
               else i18n.label(namespace, c, lang), placeholder=i18n.t("choose", lang))
    return current()
