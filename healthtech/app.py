"""The pages' public API: every page file calls `app.page(...)`, then `app.heading(...)`, `app.table(...)`, ...

This module only re-exports; the code lives by job:

- `chrome.py`: the page chrome, i.e. `page(name)` (pages-directory workaround, page setup, language, access gate
  and sign-in form, sidebar with filters and user status, URL state, the not-applicable note, the data watch),
  `current_lang()` and `current_user()`; `context.py`: `PageContext`, what a page knows about its run.
- `blocks.py`: the page blocks (heading, subheaders, captions, charts, sample labels, map widgets);
- `tables.py`: tables (folded under their chart, one download control, "Vis forespørgsel", heat colours) and the
  column formats (`INT`, `SHARE`, ...).

Pages keep one import (`from healthtech import app`); new page-facing names are added to `__all__` here.
"""

from __future__ import annotations

from healthtech.blocks import (
    PLOTLY_CONFIG,
    caption,
    chart,
    facts_caption,
    footer,
    heading,
    main_chart_first_on_phone,
    map_chart,
    map_layer_choice,
    on_phone,
    plain,
    sample_banner,
    sample_title,
    scroll_to,
    source_caption,
    subheader,
)
from healthtech.chrome import current_lang, current_user, page
from healthtech.context import PageContext
from healthtech.tables import (
    DATE,
    DKK,
    FORMAT_NAMES,
    INT,
    MIO_DKK,
    MIO_EUR,
    MONTH,
    POINTS,
    SHARE,
    SHARE_1,
    SNAPSHOT,
    TIMESTAMP,
    Format,
    downloads,
    heat_top,
    labelled,
    table,
)

__all__ = [
    "DATE", "DKK", "FORMAT_NAMES", "INT", "MIO_DKK", "MIO_EUR", "MONTH", "PLOTLY_CONFIG", "POINTS", "SHARE",
    "SHARE_1", "SNAPSHOT", "TIMESTAMP", "Format", "PageContext", "caption", "chart", "current_lang", "current_user",
    "downloads", "facts_caption", "footer", "heading", "heat_top", "labelled", "main_chart_first_on_phone",
    "map_chart", "map_layer_choice",
    "on_phone", "page", "plain", "sample_banner", "sample_title", "scroll_to", "source_caption", "subheader", "table",
]
