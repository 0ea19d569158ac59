"""Pure figure builders: DataFrame in, plotly Figure out. No Streamlit calls.

Text on the bars is formatted by `formatting` (so it matches tables and metrics), axes follow the
language through plotly's `separators`. Colours are a calm blue/teal set that stays distinguishable in
black and white (bars also carry their value as text).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import re
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go

from healthtech import formatting, i18n

# Every mark colour has at least 3:1 contrast with the plot's white background (WCAG 1.4.11; tests/
# test_accessible_charts.py): sky and sand were #8ecae6 and #e9c46a (1.8:1 and 1.7:1), now a mid blue and an ochre
# that keep the set apart by lightness as well as hue (dark blue, teal, mid blue, ochre: blue-yellow stays apart in
# the common red-green colour blindness). A light fill that a chart needs (a range band, a map class) gets an
# outline of 3:1 instead (OUTLINE).
BLUE, TEAL, SKY, SLATE, SAND = "#1f4e79", "#2a9d8f", "#4d8fcc", "#5c6b7a", "#b5830f"
BACKGROUND = "#ffffff"  # the plot's background: Streamlit's theme (.streamlit/config.toml) and the pack's pages
OUTLINE = "#718290"
FUNDER_COLOURS = {"ministry": BLUE, "regional": TEAL, "private": SKY}
KIND_COLOURS = {"cluster": BLUE, "network": TEAL}


_MEMO: OrderedDict[bytes, dict] = OrderedDict()
_MEMO_SIZE = 256
_MEMO_LOCK = threading.Lock()


def _memo(builder):
    """Remember a builder's figures by its arguments (bounded LRU). Building a figure through plotly's validators
    takes 10-30 ms; a rerun with the same data asks for the same figure. Each call returns a new Figure made from
    the remembered dict without validating it again (it was validated when built), so callers may change it."""

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        try:
            key = hashlib.blake2b(pickle.dumps((builder.__name__, args, kwargs), protocol=5)).digest()
        except Exception:  # arguments that do not pickle are simply not remembered
            return builder(*args, **kwargs)
        with _MEMO_LOCK:
            spec = _MEMO.get(key)
            if spec is not None:
                _MEMO.move_to_end(key)
        if spec is None:
            spec = builder(*args, **kwargs).to_dict()
            with _MEMO_LOCK:
                _MEMO[key] = spec
                while len(_MEMO) > _MEMO_SIZE:
                    _MEMO.popitem(last=False)
        return go.Figure(spec, _validate=False)

    return wrapper


def _layout(fig: go.Figure, lang: str, height: int, x_title: str | None = None) -> go.Figure:
    fig.update_layout(
        separators=formatting.plotly_separators(lang),
        height=height,
        margin={"l": 8, "r": 24, "t": 16, "b": 8},
        showlegend=False,
        bargap=0.35,
        xaxis_title=x_title,
        yaxis_title=None,
        hoverlabel={"align": "left"},
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(automargin=True, rangemode="tozero", separatethousands=True)
    return fig


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


INK = "#1a1a1a"
INSIDE = 0.6  # a bar at least this share of the longest carries its label inside: at 390 px there is no room beside it


def _text_on(fill: str) -> str:
    """White or ink, whichever reads better on a bar of colour `fill`."""
    return "#ffffff" if contrast("#ffffff", fill) >= contrast(INK, fill) else INK


def _hbar(labels, values, texts, colours, hover, lang, height, x_title=None, ticksuffix=None) -> go.Figure:
    """Horizontal bars, each with its label: inside a long bar (in white or ink, whichever reads on it), beside a
    short one, so no label runs past a phone's edge ("14,0 mio. kr." was cut off at 390 px)."""
    values, colours = list(values), list(colours)
    top = max(values, default=0)
    fig = go.Figure(go.Bar(
        y=list(labels), x=values, orientation="h", marker_color=colours,
        text=list(texts), textposition=["inside" if top and v >= INSIDE * top else "outside" for v in values],
        insidetextanchor="end", insidetextfont={"color": [_text_on(c) for c in colours]}, cliponaxis=False,
        hovertext=list(hover), hoverinfo="text",
    ))
    _layout(fig, lang, height, x_title)
    if ticksuffix:
        fig.update_xaxes(ticksuffix=ticksuffix)
    # Room on the right for the outside labels.
    fig.update_xaxes(range=[0, max(values, default=0) * 1.25 or 1])
    return fig


def _wrap(label: str, width: int = 18) -> str:
    """A long category label on lines of about `width` characters (broken at spaces), so the bars keep their room
    on a phone ("Uddannelses- og<br>Forskningsministeriet"). Only for a chart with no marks added by label."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


@_memo
def funder_split(df: pd.DataFrame, lang: str) -> go.Figure:
    """Planned budget per funder: bars in mio. kr., labelled with amount and share."""
    labels = [_wrap(i18n.label("funder", f, lang)) for f in df["funder"]]
    texts = [f"{formatting.mio_dkk(a, lang)} · {formatting.percent(s, lang)}"
             for a, s in zip(df["amount_dkk"], df["share"], strict=True)]
    hover = [f"{lab}<br>{formatting.mio_dkk(a, lang)} ({formatting.mio_eur(e, lang)})<br>{formatting.percent(s, lang)}"
             for lab, a, e, s in zip(labels, df["amount_dkk"], df["amount_eur"], df["share"], strict=True)]
    colours = [FUNDER_COLOURS.get(f, SLATE) for f in df["funder"]]
    return _hbar(labels, df["amount_dkk"] / 1e6, texts, colours, hover, lang, 240, formatting.unit_mio_dkk(lang))


@_memo
def previous_cofunding(df: pd.DataFrame, lang: str) -> go.Figure:
    """Co-funding of the previous period per network and funder."""
    labels = [f"{o} · {i18n.label('funder', f, lang)}" for o, f in zip(df["organisation"], df["funder"], strict=True)]
    texts = [formatting.mio_dkk(a, lang, decimals=3 if a % 100000 else 1) for a in df["amount_dkk"]]
    colours = [FUNDER_COLOURS.get(f, SLATE) for f in df["funder"]]
    return _hbar(labels, df["amount_dkk"] / 1e6, texts, colours, labels, lang, 200, formatting.unit_mio_dkk(lang))


@_memo
def companies_stated(df: pd.DataFrame, lang: str) -> go.Figure:
    """Companies each cluster or network states; one trace per kind, so the legend explains the colours. A count
    the source qualifies reads "> 100" on its bar and "mere end 100" / "more than 100" when hovered."""
    fig = go.Figure()
    for kind, part in df.groupby("kind", sort=False):
        counts = list(zip(part["companies_stated"], part["companies_qualifier"], strict=True))
        fig.add_trace(go.Bar(
            y=list(part["short"]), x=list(part["companies_stated"]), orientation="h",
            name=i18n.label("kind", kind, lang), marker_color=KIND_COLOURS.get(kind, SLATE),
            text=[formatting.qualified(v, q, lang, compact=True) for v, q in counts], textposition="outside",
            cliponaxis=False, hoverinfo="text",
            hovertext=[f"{o}<br>{formatting.qualified(v, q, lang)} {i18n.label('basis', b, lang)}" for o, (v, q), b in
                       zip(part["organisation"], counts, part["companies_basis"], strict=True)],
        ))
    _layout(fig, lang, 320)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.15, "x": 0})
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["short"]))
    fig.update_xaxes(range=[0, df["companies_stated"].max() * 1.2])
    return fig


@_memo
def reach_by_channel(df: pd.DataFrame, lang: str) -> go.Figure:
    labels = [i18n.label("channel", c, lang) for c in df["channel"]]
    texts = [formatting.number(v, lang) for v in df["count"]]
    hover = [f"{lab}: {txt}" for lab, txt in zip(labels, texts, strict=True)]
    return _hbar(labels, df["count"], texts, [BLUE] * len(df), hover, lang, 260, i18n.t("unit.reach", lang))


@_memo
def planned_weighting(df: pd.DataFrame, lang: str) -> go.Figure:
    """Planned share per activity area, in percent."""
    labels = [i18n.label("area", a, lang) for a in df["area"]]
    texts = [formatting.percent(s, lang) for s in df["planned_share"]]
    return _hbar(labels, df["planned_share"] * 100, texts, [BLUE, TEAL, SKY, SAND][: len(df)],
                 [f"{lab}: {txt}" for lab, txt in zip(labels, texts, strict=True)], lang, 260,
                 ticksuffix=formatting.percent_suffix(lang))


TITLE_WIDTH = 56  # characters of a chart title on one line: about 59 fill a phone's 390 px


def _titled(fig: go.Figure, title: str | None) -> go.Figure:
    fig.update_yaxes(automargin=True)  # tick labels such as "10.000" are never cut off at the left edge
    if title:
        head, _, rest = title.partition("<br>")
        title = _wrap(head, TITLE_WIDTH) + (f"<br>{rest}" if rest else "")
        lines = title.count("<br>") + 1
        fig.update_layout(title={"text": title, "font": {"size": 13}, "x": 0, "xanchor": "left"},
                          margin={"t": 24 + 16 * lines})
        fig.update_layout(height=fig.layout.height + 24 + 16 * max(lines - 2, 0))
    return fig


@_memo
def counts_bar(labels, values, lang: str, title: str | None = None, colour: str = BLUE,
               height: int | None = None, texts=None) -> go.Figure:
    """Horizontal bars of counts, each labelled with its formatted value (or with `texts`, such as "25 af
    netværkets 500" for a contribution)."""
    labels, values = list(labels), list(values)
    texts = list(texts) if texts is not None else [formatting.number(v, lang) for v in values]
    hover = [f"{lab}: {txt}" for lab, txt in zip(labels, texts, strict=True)]
    fig = _hbar(labels, values, texts, [colour] * len(values), hover, lang, height or 70 + 36 * len(values))
    if any(len(t) > 8 for t in texts):  # room on the right for "24 af 500"
        fig.update_xaxes(range=[0, max(values, default=0) * 1.5 or 1])
    return _titled(fig, title)


@_memo
def joined_over_time(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Companies joined per year (bars) and the cumulative count (line)."""
    years = [str(y) for y in df["year"]]
    fig = go.Figure([
        go.Bar(x=years, y=list(df["joined"]), marker_color=SKY, name=i18n.t("col.joined", lang),
               text=[formatting.number(v, lang) for v in df["joined"]], textposition="outside", cliponaxis=False,
               hoverinfo="x+y"),
        go.Scatter(x=years, y=list(df["cumulative"]), mode="lines+markers", line={"color": BLUE, "width": 2},
                   name=i18n.t("col.cumulative", lang), hoverinfo="x+y"),
    ])
    fig.update_layout(separators=formatting.plotly_separators(lang), height=280, showlegend=False,
                      margin={"l": 8, "r": 8, "t": 16, "b": 8})
    fig.update_yaxes(rangemode="tozero", separatethousands=True)
    return _titled(fig, title)


@_memo
def legend_strip(items: list[tuple[list[int], str]], title: str) -> go.Figure:
    """A map legend: one coloured box per class with its range under it (pydeck draws none)."""
    fig = go.Figure(go.Bar(
        x=[label for _, label in items], y=[1] * len(items),
        marker_color=[f"rgb({r},{g},{b})" for (r, g, b), _ in items], marker_line_color=OUTLINE,
        marker_line_width=1, hoverinfo="skip",
    ))
    fig.update_layout(height=130, margin={"l": 4, "r": 4, "t": 48, "b": 28}, bargap=0.08, showlegend=False,
                      title={"text": title, "font": {"size": 12}, "x": 0, "xanchor": "left"})
    fig.update_yaxes(visible=False)
    fig.update_xaxes(type="category", tickfont={"size": 11})
    return fig


ORGANISATION_COLOURS = {"WT": BLUE, "MTI": TEAL, "MTIC": SKY, "CHC": SAND, "LSI": SLATE, "ISV": "#9b7fb3"}
CHANNEL_COLOURS = {"newsletter": BLUE, "linkedin_group": TEAL, "linkedin_page": SKY, "twitter": SAND}
CHANNEL_DASHES = {"newsletter": "solid", "linkedin_group": "dash", "linkedin_page": "dot", "twitter": "dashdot"}
ADDED_COLOURS = (SLATE, "#e76f51", "#6d597a", "#264653", "#b5838d")
ADDED_DASHES = ("longdash", "longdashdot", "solid", "dash", "dot")


@_memo
def reach_stacked(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Recipients/followers per channel, stacked by organisation (with the count on each segment)."""
    fig = go.Figure()
    channels = list(dict.fromkeys(df["channel"]))
    labels = [i18n.label("channel", c, lang) for c in channels]
    for org, part in df.groupby("organisation", sort=False):
        counts = part.set_index("channel")["count"].reindex(channels)
        fig.add_trace(go.Bar(
            y=labels, x=list(counts.fillna(0)), name=org, orientation="h",
            marker_color=ORGANISATION_COLOURS.get(org, SLATE), marker_line_color="white", marker_line_width=1,
            text=[formatting.number(v, lang) if v == v else "" for v in counts], textposition="inside",
            insidetextanchor="middle", hovertext=[f"{org} · {lab}: {formatting.number(v, lang)}"
                                                  for lab, v in zip(labels, counts.fillna(0), strict=True)],
            hoverinfo="text",
        ))
    _layout(fig, lang, 320, i18n.t("unit.reach", lang))
    # Stacks grow left to right in trace order; plotly lists a stacked chart's legend reversed unless told.
    fig.update_layout(barmode="stack", showlegend=True,
                      legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"})
    fig.update_xaxes(range=None, autorange=True)
    return _titled(fig, title)


REAL_MARKER = {"symbol": "diamond", "size": 12}
SAMPLE_MARKER = {"symbol": "circle-open", "size": 9}


@_memo
def channel_lines(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Reach per channel at each snapshot; line styles differ too, so it reads in black and white. An actual
    figure (the application's 2018 table, an upload) is a filled diamond, a sample figure an open circle, and the
    legend says which is which."""
    fig = go.Figure()
    sample_word = i18n.t("reach.point.sample", lang)
    added = 0  # channels the network added after the application (Facebook, ...): colours and dashes of their own
    for channel, part in df.groupby("channel", sort=False):
        label = i18n.label("channel", channel, lang)
        if channel in CHANNEL_COLOURS:
            colour, dash = CHANNEL_COLOURS[channel], CHANNEL_DASHES.get(channel, "solid")
        else:
            colour, dash = ADDED_COLOURS[added % len(ADDED_COLOURS)], ADDED_DASHES[added % len(ADDED_DASHES)]
            added += 1
        kinds = [SAMPLE_MARKER if s else REAL_MARKER for s in part["is_sample"]]
        fig.add_trace(go.Scatter(
            x=[formatting.snapshot(d, lang) for d in part["as_of"]], y=list(part["count"]), name=label,
            mode="lines+markers", line={"color": colour, "dash": dash, "width": 2},
            marker={"symbol": [k["symbol"] for k in kinds], "size": [k["size"] for k in kinds],
                    "line": {"width": 2, "color": colour}},
            hovertext=[f"{label}: {formatting.number(v, lang)}" + (f" ({sample_word})" if s else "")
                       for v, s in zip(part["count"], part["is_sample"], strict=True)], hoverinfo="text+x",
        ))
    for key, marker in (("reach.point.real", REAL_MARKER), ("reach.point.sample", SAMPLE_MARKER)):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=i18n.t(key, lang), hoverinfo="skip",
                                 marker={**marker, "color": SLATE, "line": {"width": 2, "color": SLATE}}))
    fig.update_layout(separators=formatting.plotly_separators(lang), height=340, showlegend=True,
                      legend={"orientation": "h", "y": -0.2, "x": 0}, margin={"l": 8, "r": 8, "t": 16, "b": 8},
                      yaxis_title=i18n.t("unit.reach", lang))
    # Snapshots in date order, also when a channel added later has a date the first channels lack.
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[formatting.snapshot(d, lang) for d in sorted(set(df["as_of"]))])
    fig.update_yaxes(rangemode="tozero", separatethousands=True)
    return _titled(fig, title)


@_memo
def cumulative_vs_plan(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Cumulative spending (solid) against the linear plan (dashed), in mio. kr."""
    months = [formatting.month(m, lang) for m in df["month"]]
    fig = go.Figure([
        go.Scatter(x=months, y=list(df["cumulative_plan"] / 1e6), name=i18n.t("budget.actual.plan", lang),
                   mode="lines", line={"color": SLATE, "dash": "dash", "width": 2},
                   hovertext=[formatting.mio_dkk(v, lang) for v in df["cumulative_plan"]], hoverinfo="text+x"),
        go.Scatter(x=months, y=list(df["cumulative_actual"] / 1e6), name=i18n.t("budget.actual.actual", lang),
                   mode="lines+markers", line={"color": BLUE, "width": 3},
                   hovertext=[formatting.mio_dkk(v, lang) for v in df["cumulative_actual"]], hoverinfo="text+x"),
    ])
    fig.update_layout(separators=formatting.plotly_separators(lang), height=320, showlegend=True,
                      legend={"orientation": "h", "y": -0.25, "x": 0}, margin={"l": 8, "r": 8, "t": 16, "b": 8},
                      yaxis_title=formatting.unit_mio_dkk(lang))
    fig.update_xaxes(type="category", nticks=12)
    fig.update_yaxes(rangemode="tozero")
    return _titled(fig, title)


@_memo
def share_vs_plan(labels, actual, planned, lang: str, flags=None, title: str | None = None) -> go.Figure:
    """Actual share (bars) against the planned share (outlined bars) per category, in percent. A flagged
    category gets a ⚠ in its label, so the flag reads without colour."""
    labels = [f"⚠ {lab}" if flags is not None and flag else lab
              for lab, flag in zip(labels, flags if flags is not None else [False] * len(labels), strict=True)]
    planned_texts = [formatting.percent(p, lang) for p in planned]
    gap = max([*actual, *planned], default=0) * 1.5  # 1.2 % of the axis (range below), between bar and label
    fig = go.Figure([
        go.Bar(y=labels, x=[p * 100 for p in planned], orientation="h",
               name=i18n.t("budget.actual.planned_share", lang),
               marker={"color": "rgba(0,0,0,0)", "line": {"color": SLATE, "width": 2}},
               hovertext=planned_texts, hoverinfo="text+y"),
        go.Bar(y=labels, x=[a * 100 for a in actual], orientation="h",
               name=i18n.t("budget.actual.actual_share", lang),
               marker_color=BLUE, text=[formatting.percent(a, lang, 1) for a in actual], textposition="inside",
               hoverinfo="text+y"),
        # The planned share written right of whichever bar ends later, so it never sits on the actual bar's label.
        go.Scatter(y=labels, x=[max(a, p) * 100 + gap for a, p in zip(actual, planned, strict=True)], mode="text",
                   text=planned_texts, textposition="middle right", textfont={"color": SLATE}, cliponaxis=False,
                   showlegend=False, hoverinfo="skip"),
    ])
    _layout(fig, lang, 90 + 60 * max(len(labels), 2))  # one bar (a filter) still leaves room for the legend
    fig.update_layout(barmode="overlay", showlegend=True, legend={"orientation": "h", "y": -0.3, "x": 0})
    fig.update_xaxes(ticksuffix=formatting.percent_suffix(lang),
                     range=[0, max([*actual, *planned], default=0) * 125 or 1])
    return _titled(fig, title)


STATUS_MARKERS = {"under": ("triangle-left", "#b5562b"), "within": ("circle", TEAL), "over": ("triangle-right", BLUE)}


@_memo
def deliverables_progress(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Each deliverable's planned range as a grey band and what was delivered as a marker whose shape says
    under (◀), within (●) or over (▶) the range, so it reads in black and white."""
    labels = [i18n.label("deliverable", d, lang) for d in df["deliverable"]]
    # An "at least" range (no upper bound) is drawn open-ended to 1.5 x its minimum.
    top = [lo * 1.5 if pd.isna(hi) else hi for lo, hi in zip(df["planned_min"], df["planned_max"], strict=True)]
    widths = [max(t - lo, 0.15) for t, lo in zip(top, df["planned_min"], strict=True)]
    fig = go.Figure(go.Bar(
        y=labels, x=widths, base=list(df["planned_min"]),
        orientation="h", marker_color="rgba(92,107,122,0.25)", marker_line={"color": OUTLINE, "width": 1},
        name=i18n.t("activities.deliverables.range", lang),
        hoverinfo="skip",
    ))
    for status, (symbol, colour) in STATUS_MARKERS.items():
        part = df[df["status"] == status]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            y=[i18n.label("deliverable", d, lang) for d in part["deliverable"]], x=list(part["delivered"]),
            mode="markers+text",
            marker={"symbol": symbol, "size": 14, "color": colour, "line": {"color": "white", "width": 1}},
            text=[formatting.number(v, lang) for v in part["delivered"]], textposition="middle right",
            name=i18n.t(f"status.{status}", lang), hoverinfo="text+y",
        ))
    _layout(fig, lang, 110 + 34 * max(len(df), 4))  # a few rows (an area filter) still leave room for the legend
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.12 if len(df) >= 6 else -0.3, "x": 0})
    fig.update_xaxes(range=None, autorange=True)
    return _titled(fig, title)


@_memo
def targets_progress(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Progress towards each effect target in % of the target (100 % line); targets not in the data are left out."""
    known = df[df["reached"].notna()]
    labels = [i18n.label("target_short", t, lang) for t in known["target"]]
    texts = [f"{formatting.number(r, lang)} / {formatting.number(v, lang)} ({formatting.percent(p, lang)})"
             for r, v, p in zip(known["reached"], known["value"], known["progress"], strict=True)]
    fig = _hbar(labels, known["progress"] * 100, texts, [BLUE if p >= 1 else SKY for p in known["progress"]], texts,
                lang, 90 + 40 * len(known), ticksuffix=formatting.percent_suffix(lang))
    fig.add_vline(x=100, line_dash="dash", line_color=SLATE)
    fig.update_xaxes(range=[0, max(known["progress"].max() * 100 * 1.45, 120) if len(known) else 120])
    return _titled(fig, title)


# --- words for a screen reader (issue 17) ----------------------------------------------------------------------

_TAGS = re.compile(r"<[^>]+>")


def _plain(text) -> str:
    return _TAGS.sub(" ", str(text)).replace("  ", " ").strip()


def describe(fig: go.Figure, lang: str) -> str:
    """One sentence that says what a chart shows, made from its own data (the bars' and lines' values and labels
    as drawn): "Størst: Nyhedsbrev (4.792 af 14.069 i alt); mindst: Twitter (1.204)." Bars: the largest and the
    smallest category (summed over stacked traces); lines: each line's first and last point; labelled markers
    (deliverables under/within/over): which categories each marker kind holds. Empty for a chart with no values
    (the map's legend strip)."""
    parts = []
    bars = [t for t in fig.data if t.type == "bar" and t.text is not None and len(t.text)]
    if bars:
        parts.append(_describe_bars(fig, bars, lang))
    for trace in fig.data:
        if trace.type != "scatter" or trace.x is None or not len(trace.x) or trace.x[0] is None:
            continue
        mode = trace.mode or "lines"
        if "lines" in mode and trace.y is not None:
            parts.append(_describe_line(trace, lang))
        elif "markers" in mode and trace.text is not None and trace.name:
            categories = ", ".join(_plain(y) for y in trace.y)
            parts.append(f"{_plain(trace.name)}: {categories}")
    if not parts and fig.data and fig.data[0].type == "bar" and fig.data[0].x is not None:  # a legend strip
        parts.append(i18n.t("chart.describe.classes", lang, classes=" · ".join(_plain(x) for x in fig.data[0].x)))
    return "; ".join(p for p in parts if p) + ("." if parts else "")


def _describe_bars(fig: go.Figure, bars: list, lang: str) -> str:
    horizontal = bars[0].orientation == "h"
    values: dict[str, float] = {}
    texts: dict[str, str] = {}
    for trace in bars:
        labels, numbers = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        for label, value, text in zip(labels, numbers, trace.text, strict=False):
            if value is None or value != value:
                continue
            key = _plain(label)
            values[key] = values.get(key, 0) + float(value)
            texts[key] = _plain(text) if key not in texts else None  # summed over traces: formatted below
    if not values:
        return ""

    def shown(key: str) -> str:
        return texts[key] or formatting.number(values[key], lang)

    ranked = sorted(values, key=values.get, reverse=True)
    plain_counts = all(texts[k] is None or texts[k] == formatting.number(values[k], lang) for k in ranked)
    top = shown(ranked[0])
    if plain_counts and len(ranked) > 1:
        top = i18n.t("chart.describe.of_total", lang, value=top, total=formatting.number(sum(values.values()), lang))
    if len(ranked) == 1:
        return f"{ranked[0]}: {top}"
    return i18n.t("chart.describe.bars", lang, largest=ranked[0], largest_value=top, smallest=ranked[-1],
                  smallest_value=shown(ranked[-1]))


def _describe_line(trace, lang: str) -> str:
    points = [(x, y) for x, y in zip(trace.x, trace.y, strict=False) if y is not None and y == y]
    if not points:
        return ""
    (x0, y0), (x1, y1) = points[0], points[-1]

    decimals = 0 if min(abs(y0), abs(y1)) >= 100 or (float(y0).is_integer() and float(y1).is_integer()) else 1

    def number(v) -> str:
        return formatting.number(v, lang, decimals=decimals)

    return i18n.t("chart.describe.line", lang, name=_plain(trace.name or ""), first=number(y0), x0=_plain(x0),
                  last=number(y1), x1=_plain(x1))
