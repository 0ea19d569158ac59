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

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)
