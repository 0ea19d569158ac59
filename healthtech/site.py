"""The page registry: every page of the dashboard, once, in navigation order.

Navigation (`dashboard.py`), the page chrome (`app.page(name)` takes the filter dimensions and the editor-only
flag from here), the meeting pack (`capture.PAGES`), the bench (`benchmarks/pages.py`, `benchmarks/browser.py`)
and the tests read this list. Adding a page is one entry here plus its file `pages/<name>.py`, which starts with
`app.page("<name>")`; a test fails when a page file has no entry or an entry no file. The navigation label is
the i18n key `nav.<name>`, the page heading `title_key`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str                           # pages/<name>.py, the URL path /<name>, the i18n key nav.<name>
    title_key: str                      # the i18n key of the page's heading
    dimensions: tuple[str, ...] = ()    # the filters the page's data has; others get a "does not apply" note
    in_pack: bool = True                # a section of the meeting pack (PDF and workbook)
    editor_only: bool = False           # in the navigation and open for editors only

    @property
    def path(self) -> str:
        return f"pages/{self.name}.py"


# In navigation order (the first is the default page), which is also the pack's order.
PAGES: tuple[Page, ...] = (
    Page("overview", "overview.title"),
    Page("companies", "companies.title", dimensions=("region", "cluster", "municipality")),
    Page("reach", "reach.title", dimensions=("region", "cluster", "period", "channel")),
    Page("budget", "budget.title", dimensions=("period", "funder")),
    Page("activities", "activities.title", dimensions=("region", "cluster", "period", "area")),
    Page("sources", "sources.title"),
    Page("data", "data.title", in_pack=False, editor_only=True),
)
BY_NAME: dict[str, Page] = {p.name: p for p in PAGES}


def get(name: str) -> Page:
    return BY_NAME[name]


def navigation(can_edit: bool) -> tuple[Page, ...]:
    """The pages a user's navigation lists."""
    return tuple(p for p in PAGES if can_edit or not p.editor_only)


def public() -> tuple[str, ...]:
    """Every page a viewer sees (what the bench and the page tests run)."""
    return tuple(p.name for p in navigation(can_edit=False))


def pack() -> tuple[str, ...]:
    """The meeting pack's sections, in order."""
    return tuple(p.name for p in PAGES if p.in_pack)
