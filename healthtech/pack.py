"""The meeting pack: every dashboard page as an A4 PDF (and every table as an XLSX workbook) to take along.

1. `collect()` runs each page off-screen (`capture.py`) in the chosen language and filters: headings,
   charts, tables, sample labels and sources, exactly as the pages show them.
2. Charts become PNG images through kaleido on Debian's Chromium (one browser for the whole pack), at
   3x scale; the map becomes a static image of the same choropleth (same classes and colours), drawn with
   plotly from the deck's own GeoJSON. For black-and-white printing, bars get hatch patterns and every
   value is written on or beside its mark.
3. `pdf()` lays it out as HTML + CSS and prints it with WeasyPrint as a tagged PDF/UA-1 (`pack_html.py`): a cover
   (network, period, data as of, filters, language), a section per page with figure captions (title, source or
   sample label), key tables, and "page N of M".
Text in the PDF goes through `export.neutralize` like every other export. No Streamlit here: the Overview's
panel that makes and offers the pack is `pack_panel.py`; the CLI (`python -m healthtech pack`) calls this directly.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from healthtech import capture, datasets, documents, export, filters, formatting, freshness, geo, i18n, store

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PATTERNS = ("", "/", "\\", "x", ".", "+", "-", "|")
TABLE_ROWS = 25          # a longer table is cut in the PDF (the workbook has it whole)

Progress = Callable[[float, str], None]
_one_at_a_time = threading.Lock()  # one kaleido browser per process; a second pack waits for the first


@dataclass
class Pack:
    lang: str
    filters: filters.Filters
    pages: list[capture.Capture]
    made: dt.datetime
    data_as_of: freshness.Stamp    # over every dataset the pack's pages show
    started: float = 0.0  # time.monotonic() when making it began
    basis: object = None  # compare.Basis: what the figures are compared with ("what changed" first, deltas)


def collect(lang: str, chosen: filters.Filters, progress: Progress | None = None, basis=None) -> Pack:
    started = time.monotonic()
    pages = []
    for i, page in enumerate(capture.PAGES):
        if progress:
            progress(i / (len(capture.PAGES) + 2), i18n.t(f"nav.{page}", lang))
        pages.append(capture.run_page(page, lang, chosen, basis))
    return Pack(lang=lang, filters=chosen, pages=pages, made=dt.datetime.now(),
                data_as_of=freshness.stamp(freshness.merged_reads(capture.PAGES)),
                started=started, basis=basis)


# --- figures -------------------------------------------------------------------------------------------------

def for_print(fig: go.Figure) -> go.Figure:
    """Readable in black and white: hatch patterns per bar series, dashes per line, dark outlines; a bar's label
    beside it (the A4 page has room), never on the hatching."""
    fig = go.Figure(fig)
    bars = lines = 0
    for trace in fig.data:
        if trace.type == "bar":
            trace.marker.pattern = {"shape": PATTERNS[bars % len(PATTERNS)], "fgcolor": "#000000", "size": 7,
                                    "solidity": 0.15, "fillmode": "overlay"}
            trace.marker.line = {"color": "#000000", "width": 0.6}
            if trace.textposition is not None and not isinstance(trace.textposition, str):
                trace.textposition = "outside"  # a label set inside a long bar (for a phone) off the hatching
            bars += 1
        elif trace.type == "scatter" and "lines" in (trace.mode or "lines"):
            trace.line.dash = ("solid", "dash", "dot", "dashdot", "longdash")[lines % 5]
            lines += 1
    fig.update_layout(paper_bgcolor="white", plot_bgcolor="white", font={"color": "#000000"})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def static_map(deck, lang: str) -> go.Figure:
    """The deck's choropleth as a plotly figure: one filled shape per feature in its class colour, with the
    count written on each region (municipalities: the colour and the legend carry it)."""
    layer = deck.layers[0]
    features = layer.data["features"]
    fig = go.Figure()
    for feature in features:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        r, g, b = props["fill"][:3]
        for polygon in polygons:
            ring = polygon[0]
            fig.add_trace(go.Scatter(x=[p[0] for p in ring], y=[p[1] for p in ring], mode="lines", fill="toself",
                                     fillcolor=f"rgb({r},{g},{b})", line={"color": "#ffffff", "width": 0.5},
                                     hoverinfo="skip", showlegend=False))
        if layer.id == "regions":
            biggest = max((p[0] for p in polygons), key=len)
            x = sum(p[0] for p in biggest) / len(biggest)
            y = sum(p[1] for p in biggest) / len(biggest)
            fig.add_annotation(x=x, y=y, text=f"<b>{formatting.number(props['count'], lang)}</b>", showarrow=False,
                               font={"size": 14, "color": "#000000"}, bgcolor="rgba(255,255,255,0.8)")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.8)  # about 1/cos(56°N)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, plot_bgcolor="white", paper_bgcolor="white")
    return fig


def images(pack: Pack, progress: Progress | None = None) -> dict[int, bytes]:
    """PNG per chart and map item (keyed by id(item)), rendered with one kaleido browser."""
    import kaleido

    items = [item for page in pack.pages for item in page.items if item.kind in ("chart", "map")]
    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    out: dict[int, bytes] = {}
    kaleido.start_sync_server(silence_warnings=True)
    try:
        for i, item in enumerate(items):
            if progress and i % 4 == 0:
                progress((len(capture.PAGES) + i / max(len(items), 1)) / (len(capture.PAGES) + 2),
                         i18n.t("pack.progress.charts", pack.lang))
            if item.kind == "map":
                fig, width, height = static_map(item.figure, pack.lang), 700, 560
            else:
                fig = for_print(item.figure)
                width, height = 900, int(fig.layout.height or 420)
            out[id(item)] = fig.to_image(format="png", width=width, height=height, scale=3)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return out


# --- PDF -------------------------------------------------------------------------------------------------

def pdf(pack: Pack, pictures: dict[int, bytes]) -> bytes:
    """The pack's PDF: tagged (PDF/UA-1), laid out by WeasyPrint (`pack_html.py`, which says why)."""
    from healthtech import pack_html

    return pack_html.pdf(pack, pictures)


def _filters_text(f: filters.Filters, lang: str) -> str:
    parts = [geo.region_name(f.region, lang) if f.region else i18n.t("filters.all_regions", lang),
             f"{f.cluster} · {i18n.label('organisation', f.cluster, lang)}" if f.cluster
             else i18n.t("filters.all_clusters", lang),
             geo.municipality_name(f.municipality) if f.municipality else i18n.t("filters.all_municipalities", lang),
             i18n.t(f"period.{f.period}", lang)]
    parts += [i18n.label(key, value, lang) for key, value in (("channel", f.channel), ("funder", f.funder),
                                                               ("area", f.area)) if value is not None]
    return "; ".join(parts)


def _versions_text(lang: str) -> str:
    """Each uploaded dataset with its file, version, who and when; or "the embedded data"."""
    current = {name: store.current(name) for name in datasets.UPLOADABLE}
    uploaded = [f"{datasets.get(name).label(lang)}: {freshness.upload_text(version, lang)}"
                for name, version in current.items() if version is not None]
    return "; ".join(uploaded) if uploaded else i18n.t("pack.cover.embedded", lang)


# --- the whole thing ---------------------------------------------------------------------------------------

def meeting_pack(lang: str, chosen: filters.Filters, progress: Progress | None = None,
                 basis=None) -> tuple[bytes, Pack]:
    started = time.monotonic()
    pack = collect(lang, chosen, progress, basis)
    with _one_at_a_time:
        pictures = images(pack, progress)
    if progress:
        progress((len(capture.PAGES) + 1.5) / (len(capture.PAGES) + 2), i18n.t("pack.progress.layout", lang))
    document = pdf(pack, pictures)
    if progress:
        progress(1.0, i18n.t("pack.progress.done", lang, seconds=formatting.number(time.monotonic() - started,
                                                                                   lang, 1)))
    return document, pack


def workbook(pack: Pack) -> bytes:
    """Every table of every page, one sheet each (named to fit whole, `export.sheet_for`; the page and the table's
    full title on its first line), plus a sheet of sources and data versions."""
    sheets = []
    for page in pack.pages:
        short = i18n.t(f"nav.{page.page}", pack.lang)
        for item in page.items:
            if item.kind == "table":
                title = f"{short} – {item.title}" if item.title else short
                title += f" · {i18n.t('sample.label', pack.lang)}" if item.is_sample else ""
                sheets.append(export.Sheet(export.sheet_for(item.key, pack.lang), item.values, item.formats,
                                           title=title))
    sheets.append(export.Sheet(i18n.t("pack.sheet.sources", pack.lang), sources_frame(pack)))
    return export.xlsx_bytes(sheets, pack.lang)


def sources_frame(pack: Pack) -> pd.DataFrame:
    from healthtech import catalog, queries

    overview = catalog.dataset_overview(queries.run("sources/dataset_rows"), pack.lang)
    overview = overview[["name", "dataset", "origin", "files", "row_count", "sources", "data_as_of"]].copy()
    overview["sources"] = [documents.cite(v, pack.lang) if isinstance(v, str) else v for v in overview["sources"]]
    overview["origin"] = [i18n.label("origin", o, pack.lang) for o in overview["origin"]]
    overview = overview.rename(columns={c: i18n.t(f"col.{c}", pack.lang) if f"col.{c}" in i18n.TEXTS else c
                                        for c in overview.columns})
    meta = pd.DataFrame({overview.columns[0]: [i18n.t("pack.cover.data_as_of", pack.lang),
                                               i18n.t("pack.cover.versions", pack.lang)],
                         overview.columns[1]: [freshness.summary(pack.data_as_of, pack.lang),
                                               _versions_text(pack.lang)]})
    return pd.concat([overview, meta], ignore_index=True)


def file_name(pack_or_lang, kind: str) -> str:
    lang = pack_or_lang.lang if isinstance(pack_or_lang, Pack) else pack_or_lang
    word = "moedepakke" if lang == "da" else "meeting_pack"
    return f"danish_healthtech_{word}_{dt.date.today().isoformat()}_{lang}.{kind}"
