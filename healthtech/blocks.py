"""Page blocks: what pages are made of, below the chrome (headings, captions, charts, sample labels, map widgets);
tables and their column formats are in `tables.py`.

Every block draws on screen and, during a meeting-pack capture (`capture.py`), appends an `Item` instead, so the
PDF and the workbook hold exactly what the page shows.
"""

from __future__ import annotations

import os
import re

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from healthtech import (
    capture,
    charts,
    config,
    datasets,
    documents,
    filters,
    formatting,
    freshness,
    i18n,
    maps,
    site,
)
from healthtech.context import PageContext

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def heading(ctx: PageContext, title_key: str, intro: str | None = None, facts: bool = False) -> None:
    """Title, intro and "data as of" (`freshness.py`: the newest of the datasets this page shows, and which; never
    a file time), plus the uploads the page's figures come from. `facts=True` only on a page whose every figure
    is from the seed documents; a page that mixes real and sample figures labels its real sections with
    `facts_caption` instead."""
    stamp = freshness.page_stamp(ctx.name)
    caption = freshness.caption(stamp, ctx.lang)
    if facts:
        caption += f" · {ctx.t('facts.caption')}"
    uploads = upload_caption(ctx, stamp)
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("heading", title=ctx.t(title_key), text=intro or ""))
        cap.add(capture.Item("stamp", text=caption))
        if uploads:
            cap.add(capture.Item("stamp", text=uploads))
        return
    st.title(ctx.t(title_key))
    if intro:
        st.markdown(intro)
    st.caption(plain(caption), help=freshness.details(stamp, ctx.lang))
    if uploads:
        st.caption(plain(uploads))


def upload_caption(ctx: PageContext, stamp: freshness.Stamp) -> str:
    """"Uploadede tal: Rækkevidde: reach.xlsx, version 3, uploadet af Mette 1. dec. 2026 kl. 05.10" (empty when
    the page shows no uploaded data)."""
    if not stamp.uploads:
        return ""
    return ctx.t("upload.caption", uploads="; ".join(
        f"{datasets.get(p.dataset).label(ctx.lang)}: {freshness.part_text(p, ctx.lang)}" for p in stamp.uploads))


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def plain(text) -> str:
    """Data shown inside Streamlit markdown (captions, labels) as plain text: links, images, emphasis and
    `:material/…:` shortcodes in the data stay literal characters."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def _sources_page_registered() -> bool:
    return page_registered("sources")


def page_registered(name: str) -> bool:
    """Whether this run's navigation has the page (a page script run on its own, as in tests, has none)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    target = os.path.realpath(config.ROOT / site.get(name).path)
    return any(p.get("script_path") == target and p.get("url_pathname") for p in ctx.pages_manager.get_pages().values())


def source_caption(ctx: PageContext, sources=(), prefix: str = "") -> None:
    """One line under a figure: "Kilde: Ansøgningen, afsnit 2 og 4 · Pressemeddelelse, 2018: …". Each document is a
    page link to the Sources page at its (first) cited section: the same tab and session, so a reader who came by a
    link keeps access (a markdown link would open a new tab, which has no access). In the pack: the same words."""
    if (cap := capture.active()) is not None:
        cited = documents.cite_all(sources, ctx.lang)
        cap.add(capture.Item("facts", text=f"{prefix}{ctx.t('source.caption', sources=cited)}"))
        return
    if not _sources_page_registered():  # no navigation to link within: the words, with plain links
        st.caption(plain(prefix) + ctx.t("source.caption", sources=documents.cite_markdown(sources, ctx.lang)))
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.caption(plain(prefix + ctx.t("source.caption", sources="")).rstrip(), width="content")
        for text, file, section in documents.cite_pieces(sources, ctx.lang):
            if file is None:
                st.caption(plain(text), width="content")
            else:
                st.page_link(site.get("sources").path, label=plain(text),
                             query_params=documents.link_params(file, section, ctx.lang))


def facts_caption(ctx: PageContext, sources=()) -> None:
    """The label of a section whose figures are real (from the seed documents), with the documents they cite."""
    text = ctx.t("facts.caption")
    if not [s for s in sources if not formatting.missing(s)]:
        if (cap := capture.active()) is not None:
            cap.add(capture.Item("facts", text=text))
        else:
            st.caption(text)
        return
    source_caption(ctx, sources, prefix=f"{text} · ")


_ANCHOR = re.compile(r"[a-z0-9-]{1,80}")
# Static script; the one value in it is an anchor id that matches _ANCHOR (our own section keys), never data.
_SCROLL = """<script>
(() => {{ let tries = 0; const go = () => {{ const el = document.getElementById("{anchor}");
  if (el) {{ el.scrollIntoView({{block: "start"}}); }} else if (tries++ < 50) {{ setTimeout(go, 100); }} }};
  setTimeout(go, 300); }})();
</script>"""


def scroll_to(anchor: str) -> None:
    """Scroll the page to a heading's anchor once it is drawn (Streamlit scrolls to a `#hash` only when the heading
    is there before the page settles). Nothing in the pack."""
    if capture.active() is not None or not _ANCHOR.fullmatch(anchor):
        return
    st.html(_SCROLL.format(anchor=anchor), unsafe_allow_javascript=True)


def caption(text: str) -> None:
    """A line of explanation under a figure that the meeting pack must carry too (what it counts, what it is not
    compared with). Data in it goes through `plain` first."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("caption", text=text))
        return
    st.caption(text)


def subheader(text: str) -> None:
    """A section heading, h2 under the page's h1 (the meeting pack's section titles come from here)."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("subheader", title=text))
        return
    st.header(text)


def footer(ctx: PageContext) -> None:
    if capture.active() is not None:
        return
    st.divider()
    st.caption(ctx.t("footer.trace"))


def _lang() -> str:
    """The language of what is being drawn: the capture's, else the session's."""
    if (cap := capture.active()) is not None:
        return cap.lang
    return st.session_state.get("lang", i18n.DEFAULT_LANG)


def chart(fig, **interactive) -> None:
    """A chart with, under it, one sentence of what it shows made from its data (charts.describe): a screen reader
    reads it (the chart is a figure described by it, chrome.py) and so does anyone in a hurry. `interactive`:
    `key`, `on_select`, `selection_mode` for a chart whose clicks do something (drill.py)."""
    description = charts.describe(fig, _lang())
    if (cap := capture.active()) is not None:
        title = fig.layout.title.text or ""
        cap.add(capture.Item("chart", text=title.split("<br>")[0], figure=fig,
                             is_sample="<sup>" in title, description=description))
        return
    st.plotly_chart(fig, config=PLOTLY_CONFIG, **interactive)
    if description:
        st.caption(plain(description))


def sample_banner(ctx: PageContext) -> None:
    """The page-level label for pages built on sample data."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("sample", text=f"{ctx.t('sample.label')}. {ctx.t('sample.explain')}", is_sample=True))
        return
    st.markdown(f":orange-badge[:material/science: {ctx.t('sample.label')}] {ctx.t('sample.explain')}")


def sample_title(ctx: PageContext, key: str, is_sample, **values) -> str:
    """A chart title that carries the sample label when its data is sample."""
    text = ctx.t(key, **values)
    return f"{text}<br><sup>{ctx.t('sample.label')}</sup>" if bool(is_sample) else text


def map_layer_choice(ctx: PageContext) -> str:
    if capture.active() is not None:
        return "regions"
    filters.widget("map_layer", st.segmented_control, ctx.t("companies.map.layer"), list(maps.LAYERS),
                   default=maps.LAYERS[0], format_func=lambda layer: ctx.t(f"layer.{layer}"), required=True)
    return filters.choice(st.session_state["map_layer"], maps.LAYERS, maps.LAYERS[0])


def on_phone() -> bool:
    """Whether the browser says it is a phone ("Mobi" in its user agent, as every phone browser's has): the map
    is then zoomed out to fit a phone's width. Never during a capture."""
    if capture.active() is not None:
        return False
    try:
        return "Mobi" in (st.context.headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 (no request: AppTest, bare mode)
        return False


def main_chart_first_on_phone():
    """Two containers at this point of the page, for its key figures and for the section with its main chart, in
    that order; on a phone the other way round, so the first screen shows the chart (four key-figure cards fill a
    390 x 844 screen). Drawn in that order, so a screen reader and the Tab key meet them as they are seen."""
    first, second = st.container(), st.container()
    return (second, first) if on_phone() else (first, second)


def map_chart(deck) -> None:
    """The map, hover tooltips only: click selection did not reach the server in headless Chromium (hover picking
    works), so drill-down goes through the region and municipality filters, which are tested."""
    if (cap := capture.active()) is not None:
        cap.add(capture.Item("map", figure=deck, is_sample=True, description=map_text(deck, _lang())))
        return
    st.pydeck_chart(deck, height=520)
    features = deck.layers[0].data["features"]
    if len(features) <= 5:  # regions: one line beside the map
        st.caption(plain(map_text(deck, _lang())))
    else:
        with st.expander(i18n.t("map.text.municipalities", _lang())):
            st.caption(plain(map_text(deck, _lang())))


def map_text(deck, lang: str) -> str:
    """The map's text equivalent: every area with its count, the most first ("Region Hovedstaden: 120 virksomheder
    · …"; municipalities with none are named as a group)."""
    props = sorted((f["properties"] for f in deck.layers[0].data["features"]), key=lambda p: (-p["count"], p["label"]))
    shown = " · ".join(f"{p['label']}: {p['count_text']}" for p in props if p["count"] > 0)
    empty = [p["label"] for p in props if p["count"] == 0]
    if empty:
        shown += " · " + i18n.t("map.text.none", lang, areas=", ".join(empty))
    return shown
