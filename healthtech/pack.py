"""The meeting pack: every dashboard page as an A4 PDF (and every table as an XLSX workbook) to take along.

1. `collect()` runs each page off-screen (`capture.py`) in the chosen language and filters: headings,
   charts, tables, sample labels and sources, exactly as the pages show them.
2. Charts become PNG images through kaleido on Debian's Chromium (one browser for the whole pack), at
   3x scale; the map becomes a static image of the same choropleth (same classes and colours), drawn with
   plotly from the deck's own GeoJSON. For black-and-white printing, bars get hatch patterns and every
   value is written on or beside its mark.
3. `pdf()` lays it out with reportlab: a cover (network, period, data as of, filters, language), a section
   per page with figure captions (title, source or sample label), key tables, and "page N of M".
Text in the PDF goes through `export.neutralize` like every other export. No Streamlit here: the Overview's
panel that makes and offers the pack is `pack_panel.py`; the CLI (`python -m healthtech pack`) calls this directly.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from healthtech import capture, datasets, documents, export, filters, formatting, freshness, geo, i18n, store

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PATTERNS = ("", "/", "\\", "x", ".", "+", "-", "|")
TABLE_ROWS = 25          # a longer table is cut in the PDF (the workbook has it whole)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

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
    """Readable in black and white: hatch patterns per bar series, dashes per line, dark outlines."""
    fig = go.Figure(fig)
    bars = lines = 0
    for trace in fig.data:
        if trace.type == "bar":
            trace.marker.pattern = {"shape": PATTERNS[bars % len(PATTERNS)], "fgcolor": "#000000", "size": 7,
                                    "solidity": 0.15, "fillmode": "overlay"}
            trace.marker.line = {"color": "#000000", "width": 0.6}
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

def _fonts() -> tuple[str, str]:
    """DejaVu Sans when the system has it (every character we use), else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _text(value, font: str, neutralize: bool = True) -> str:
    """Safe for a Paragraph: neutralized (unless it is a number formatted as text), XML-escaped, and within
    the font's characters."""
    from xml.sax.saxutils import escape

    value = value if value is not None else ""
    text = str(export.neutralize(value) if neutralize else value)
    text = text.replace("<br>", " ").replace("<sup>", "").replace("</sup>", "")
    text = re.sub(r":[a-z-]+-badge\[(.*?)\]", r"\1", re.sub(r":material/[a-z_]+:", "", text))
    if font == "Helvetica":
        text = text.replace("⚠", "(!)").replace("✓", "x").replace("≥", ">=").replace("≤", "<=")
        text = text.encode("cp1252", "replace").decode("cp1252")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))  # markdown bold, as on the page


def pdf(pack: Pack, pictures: dict[int, bytes]) -> bytes:
    """The pack's PDF: tagged (PDF/UA-1), laid out by WeasyPrint (`pack_html.py`, which says why)."""
    from healthtech import pack_html

    return pack_html.pdf(pack, pictures)


def pdf_reportlab(pack: Pack, pictures: dict[int, bytes]) -> bytes:
    """The former layout, with reportlab: untagged. Kept to measure against (`python -m healthtech bench-pack`)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = _fonts()
    lang = pack.lang
    base = getSampleStyleSheet()
    style = {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=bold, fontSize=26, leading=32,
                                alignment=0),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontName=bold, fontSize=18, leading=22,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=bold, fontSize=13, leading=16,
                             spaceBefore=10, keepWithNext=1),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=regular, fontSize=10, leading=13),
        "caption": ParagraphStyle("caption", parent=base["BodyText"], fontName=regular, fontSize=8.5,
                                  leading=11, textColor=colors.HexColor("#333333")),
        "sample": ParagraphStyle("sample", parent=base["BodyText"], fontName=bold, fontSize=9, leading=12),
        "note": ParagraphStyle("note", parent=base["BodyText"], fontName=regular, fontSize=9, leading=12,
                               leftIndent=8, borderPadding=(4, 4, 4, 6), borderColor=colors.black,
                               borderWidth=0.5, spaceBefore=6, spaceAfter=8),
        "metric_label": ParagraphStyle("metric_label", fontName=regular, fontSize=8, leading=10),
        "metric_value": ParagraphStyle("metric_value", fontName=bold, fontSize=15, leading=19),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", fontName=bold, fontSize=7.5, leading=9),
    }

    def t(key, **values):
        return i18n.t(key, lang, **values)

    def para(text, kind="body"):
        return Paragraph(_text(text, regular), style[kind])

    width = A4[0] - 3.6 * cm
    story = [Spacer(1, 3 * cm), para(t("pack.cover.title"), "title"), para(t("app.tagline"), "h2"),
             Spacer(1, 1 * cm)]
    f = pack.filters
    cover = [
        (t("pack.cover.period"), formatting.date_range(*filters.PERIODS[f.period], lang)),
        (t("pack.cover.data_as_of"), freshness.summary(pack.data_as_of, lang)),
        (t("pack.cover.made"), formatting.timestamp(pack.made, lang)),
        (t("pack.cover.filters"), _filters_text(f, lang)),
    ]
    if pack.basis is not None:  # "Sammenlignet med: siden mødet 10. jun. 2021"
        from healthtech import deltas

        cover.append((t("compare.label"), deltas.basis_text(pack.basis, lang)))
    # Every "filter does not apply" note of the pages, on the cover too: a figure that a filter does not narrow
    # (the network-wide budget in a regional pack, say) is never on the cover's side of the pack without it.
    notes = [f"{t(f'nav.{page.page}')}: {page.filter_note}" for page in pack.pages if page.filter_note]
    cover += [(t("pack.cover.not_applicable") if i == 0 else "", note) for i, note in enumerate(notes)]
    cover += [
        (t("pack.cover.language"), t(f"language.{lang}")),
        (t("pack.cover.versions"), _versions_text(lang)),
    ]
    table = Table([[para(k, "sample"), para(v)] for k, v in cover], colWidths=[5.5 * cm, width - 5.5 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3,
                                                                      colors.grey)]))
    story += [table, Spacer(1, 1 * cm), para(t("pack.cover.note"), "caption")]

    figure_no = 0
    for page in pack.pages:
        story.append(PageBreak())
        metrics: list = []
        for item in page.items + [capture.Item("end")]:
            if item.kind == "metric":
                metrics.append(item)
                continue
            if metrics:
                story.append(_metrics(metrics, width, para))
                metrics = []
            if item.kind == "heading":
                story.append(para(item.title, "h1"))
                if item.text:
                    story.append(para(item.text))
            elif item.kind == "subheader":
                story.append(para(item.title, "h2"))
            elif item.kind in ("sample", "facts", "caption", "stamp"):
                story.append(para(item.text, "sample" if item.kind == "sample" else "caption"))
            elif item.kind == "note":
                story.append(para(item.text, "note"))
            elif item.kind in ("chart", "map") and id(item) in pictures:
                figure_no += 1
                picture = pictures[id(item)]
                ratio = _png_ratio(picture)
                img_width = width if item.kind == "chart" else width * 0.7
                img = Image(io.BytesIO(picture), width=img_width, height=img_width * ratio)
                label = item.text or item.title
                if item.kind == "map":
                    label = f"{t('pack.map')} – {item.title}"
                origin = f" · {t('sample.label')}" if item.is_sample else (f" · {item.source}" if item.source else "")
                caption = para(f"{t('pack.figure', n=figure_no)}: {label}{origin}", "caption")
                story.append(KeepTogether([img, caption, Spacer(1, 0.3 * cm)]))
            elif item.kind == "table":
                story.extend(_table(item, width, para, style, t))
    story += [Spacer(1, 0.5 * cm), para(t("footer.trace"), "caption")]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=1.8 * cm, rightMargin=1.8 * cm, topMargin=1.6 * cm,
                            bottomMargin=1.6 * cm, title=t("pack.cover.title"), author="Danish Healthtech",
                            lang="da-DK" if lang == "da" else "en-GB")
    doc.build(story, canvasmaker=_numbered_canvas(regular, lang))
    return out.getvalue()


def _metrics(items, width, para):
    """Key figures in a row of boxes, as on the page."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    cells = [[para(i.title, "metric_label"), para(i.text, "metric_value")] for i in items]
    table = Table([cells], colWidths=[width / len(items)] * len(items))
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                               ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


_WORDS = re.compile(r"[ \t\n\r]+")


def _widths(display: pd.DataFrame, width: float, font_size: float = 7.5) -> list[float]:
    """Columns share the width by their longest value (capped), but none is narrower than its longest word, so
    words are not broken (unless the words alone are wider than the page, then all shrink alike)."""
    char, padding = 0.6 * font_size, 6.0
    weights, floors = [], []
    for col in display.columns:
        values = [str(v) for v in display[col].head(60)]
        words = [len(w) for text in values for w in _WORDS.split(text)]  # a no-break space joins words
        words += [int(len(w) * 1.15) + 1 for w in _WORDS.split(str(col))]  # the header is bold
        weights.append(min(max([len(v) for v in values] + [4]), 30) + 2)
        floors.append(max(words + [3]) * char + padding)
    if sum(floors) > width:
        return [width * f / sum(floors) for f in floors]
    fixed = [False] * len(weights)
    while True:  # below its floor a column gets the floor; the rest share what is left (ends: fixed only grows)
        free = width - sum(f for f, x in zip(floors, fixed, strict=True) if x)
        rest = sum(wt for wt, x in zip(weights, fixed, strict=True) if not x) or 1
        widths = [fl if x else free * wt / rest for wt, fl, x in zip(weights, floors, fixed, strict=True)]
        newly = [not x and w < fl for w, fl, x in zip(widths, floors, fixed, strict=True)]
        if not any(newly):
            return widths
        fixed = [x or n for x, n in zip(fixed, newly, strict=True)]


def _table(item, width, para, style, t) -> list:
    """A key table: header repeated on each page, at most TABLE_ROWS rows (the workbook has them all)."""
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    display = item.display
    rows = display.head(TABLE_ROWS)
    data = [[Paragraph(_text(c, style["head"].fontName), style["head"]) for c in display.columns]]
    raw = item.values.head(TABLE_ROWS) if item.values is not None else rows
    data += [[Paragraph(_text(v, style["cell"].fontName, neutralize=isinstance(r, str)), style["cell"])
              for v, r in zip(shown, original, strict=True)]
             for shown, original in zip(rows.itertuples(index=False, name=None),
                                        raw.itertuples(index=False, name=None), strict=True)]
    table = Table(data, repeatRows=1, colWidths=_widths(display, width))
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    parts = [table]
    notes = [t("sample.label")] if item.is_sample else []
    if len(display) > TABLE_ROWS:
        notes.append(t("pack.table.cut", shown=TABLE_ROWS, total=len(display)))
    if notes:
        parts.append(para(" · ".join(notes), "caption"))
    parts.append(Spacer(1, 8))
    return [KeepTogether(parts)] if len(rows) <= 8 else parts


def _png_ratio(png: bytes) -> float:
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(png)) as im:
        return im.height / im.width


def _numbered_canvas(font: str, lang: str):
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.drawRightString(self._pagesize[0] - 1.8 * cm, 1 * cm,
                                     i18n.t("pack.page", lang, n=self._pageNumber, total=total))
                self.drawString(1.8 * cm, 1 * cm, "Danish Healthtech")
                super().showPage()
            super().save()

    return NumberedCanvas


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
    """Every table of every page, one sheet each, plus a sheet of sources and data versions."""
    sheets = []
    for page in pack.pages:
        short = i18n.t(f"nav.{page.page}", pack.lang)
        for item in page.items:
            if item.kind == "table":
                title = item.title + (f" · {i18n.t('sample.label', pack.lang)}" if item.is_sample else "")
                sheets.append(export.Sheet(f"{short} – {item.title or item.key}", item.values, item.formats,
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
