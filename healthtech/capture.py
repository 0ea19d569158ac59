"""Run a page script off-screen and keep what it shows: headings, charts, tables, sample labels, sources.

The meeting pack (PDF) and the workbook (XLSX) are made of exactly what the pages show, in the chosen
language and filters, by running `pages/<name>.py` with a `Capture` active. `app.page()` then skips the
chrome (access check, sidebar, URL) and returns a context with the capture's language and filters; the
`app` building blocks (`heading`, `subheader`, `table`, `chart`, `map_chart`, `sample_banner`,
`facts_caption`) append an `Item` as well as drawing. The script runs in a thread of its own with no Streamlit
script context, so Streamlit's own calls draw nothing there (bare mode), not even inside a running session.
"""

from __future__ import annotations

import contextvars
import logging
import runpy
import threading
from dataclasses import dataclass, field

import pandas as pd

from healthtech import config, filters, site

_active: contextvars.ContextVar[Capture | None] = contextvars.ContextVar("capture", default=None)
PAGES = site.pack()  # the meeting pack's sections, from the page registry
_BARE_MODE_LOGGERS = ("streamlit.runtime.scriptrunner_utils.script_run_context",
                      "streamlit.runtime.state.session_state_proxy", "streamlit.runtime.caching.cache_data_api",
                      "streamlit")


@dataclass
class Item:
    kind: str  # heading | subheader | table | chart | map | sample | facts | stamp | note | caption
    title: str = ""
    text: str = ""
    figure: object = None           # plotly Figure (chart) or pydeck Deck (map)
    display: pd.DataFrame | None = None   # table as the user reads it (headers translated, values formatted)
    values: pd.DataFrame | None = None    # the same table with raw values (numbers stay numbers)
    formats: dict = field(default_factory=dict)  # shown header -> app format name (INT, SHARE, ...)
    is_sample: bool = False
    key: str = ""
    source: str = ""                # the section's "real figures · Source: …" line, for figure captions
    description: str = ""           # a chart's one sentence for a screen reader (charts.describe): the PDF's alt text


@dataclass
class Capture:
    page: str
    lang: str
    filters: filters.Filters
    items: list[Item] = field(default_factory=list)
    section: str = ""
    facts: str = ""
    filter_note: str | None = None   # "the region filter does not apply on this page: …" (also on the pack's cover)
    basis: object = None             # compare.Basis: what the page's figures are compared with (deltas.py)
    _waiting: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        if item.kind == "note" and not any(i.kind == "heading" for i in self.items):
            self._waiting.append(item)  # drawn above the title on screen; in the pack right under it
            return
        if item.kind in ("heading", "subheader"):
            self.section, self.facts = item.title, ""
        elif not item.title:
            item.title = self.section
        if item.kind == "facts":
            self.facts = item.text
        elif item.kind in ("chart", "map", "table") and not item.source:
            item.source = self.facts
        self.items.append(item)
        if item.kind == "heading" and self._waiting:
            self.items.extend(self._waiting)
            self._waiting.clear()


def active() -> Capture | None:
    return _active.get()


def _recording(kind: str, original):
    """Wrap a Streamlit element so that, during a capture, it is recorded (and drawn nowhere)."""
    def element(self, *args, **kwargs):
        cap = _active.get()
        if cap is None:
            return original(self, *args, **kwargs)
        if kind == "metric":
            label, value = (list(args) + [kwargs.get("label"), kwargs.get("value")])[:2]
            delta = kwargs.get("delta")  # the change since a meeting (deltas.metric) travels with the figure
            text = str(value) if delta is None else f"{value} ({delta} {kwargs.get('delta_description') or ''})"
            cap.add(Item("metric", title=str(label), text=text.replace(" )", ")")))
        else:
            cap.add(Item("note", text=str(args[0] if args else kwargs.get("body", ""))))
        return None
    element._captures = True
    return element


def _install() -> None:
    """Key figures (`metric`) and notes (`info`, `warning`) are drawn by pages directly with Streamlit; these
    wrappers record them during a capture. Outside a capture (every normal run) they call Streamlit as is."""
    import streamlit
    from streamlit.delta_generator import DeltaGenerator

    for name, kind in (("metric", "metric"), ("info", "note"), ("warning", "note")):
        current = getattr(DeltaGenerator, name)
        if not getattr(current, "_captures", False):
            setattr(DeltaGenerator, name, _recording(kind, current))
            setattr(streamlit, name, getattr(streamlit._main, name))  # `st.info` is bound at import time


_install()


def run_page(page: str, lang: str, chosen: filters.Filters, basis=None) -> Capture:
    """Run one page script off-screen in the given language and filters (and comparison, `compare.Basis`); what
    it showed, in order."""
    capture = Capture(page=page, lang=lang, filters=chosen, basis=basis)
    errors: list[BaseException] = []

    def target() -> None:
        token = _active.set(capture)
        try:
            runpy.run_path(str(config.ROOT / "pages" / f"{page}.py"), run_name="__capture__")
        except BaseException as e:  # re-raised in the caller's thread
            errors.append(e)
        finally:
            _active.reset(token)

    quiet = [(logging.getLogger(name), logging.getLogger(name).level) for name in _BARE_MODE_LOGGERS]
    for logger, _ in quiet:
        logger.setLevel(logging.ERROR)
    try:
        worker = threading.Thread(target=target, name=f"capture-{page}")
        worker.start()
        worker.join()
    finally:
        for logger, level in quiet:
            logger.setLevel(level)
    if errors:
        raise errors[0]
    capture.items[:0], capture._waiting = capture._waiting, []  # a page that drew no heading keeps its notes
    return capture
