"""What a page knows about the run it draws: its name, the language, the chosen filters and the user.

`app.page(name)` (chrome.py) makes it; the blocks (blocks.py) and the editor's widgets take it."""

from __future__ import annotations

from dataclasses import dataclass

from healthtech import access, compare, filters, i18n


@dataclass(frozen=True)
class PageContext:
    name: str
    lang: str
    filters: filters.Filters = filters.Filters()
    user: access.User = access.User(role=access.EDITOR, local=True)
    basis: compare.Basis | None = None  # what the figures are compared with (the sidebar's "compare with")
    dimensions: tuple[str, ...] | None = None  # the page's filter dimensions (site.py); None: every filter

    def params(self) -> dict[str, object]:
        """The query parameters of the page's own filters; one its data lacks (noted on the page) is "no filter"."""
        chosen = self.filters if self.dimensions is None else self.filters.only(self.dimensions)
        return chosen.params()

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)
