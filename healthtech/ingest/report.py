"""What reading a file reports: `Problem` (one thing at a spreadsheet position, with a Danish and an English
message) and `Result` (the frame, or the problems that kept it out, and notices); and the exceptions that end a
read early."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from healthtech import i18n


@dataclass(frozen=True)
class Problem:
    """One thing in a file that cannot be read right, at its spreadsheet position."""

    file: str
    row: int
    column: str
    code: str
    detail: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "en") -> str:
        values = dict(self.detail)
        if isinstance(values.get("allowed"), tuple):  # (codes, label namespace): labels in the reader's language
            codes, namespace = values["allowed"]
            values["allowed"] = ", ".join(i18n.label(namespace, c, lang) if namespace else str(c) for c in codes)
        if self.code == "document_figure":
            values = _document_figure(values, lang)
        return i18n.t(f"ingest.{self.code}", lang, **values)

    def line(self, lang: str = "en") -> str:
        """`FILE:ROW:COLUMN: message` on one line, also for a header or a value with a line break in it."""
        column, message = (" ".join(text.split()) for text in (self.column or "-", self.message(lang)))
        return f"{self.file}:{self.row}:{column}: {message}"


def _document_figure(fact: dict, lang: str) -> dict:
    """A reach figure from the documents in the reader's words: Welfare Tech · Nyhedsbrev · 1. jan. 2018: 1.700;
    kilde Ansøgningen, afsnit 4."""
    from healthtech import documents, formatting

    count, as_of = fact.get("count", ""), fact.get("as_of", "")
    return {**fact, "organisation": i18n.label("organisation", fact.get("organisation", ""), lang),
            "channel": i18n.label("channel", fact.get("channel", ""), lang),
            "as_of": formatting.date(dt.date.fromisoformat(as_of), lang) if as_of else "",
            "count": formatting.number(int(count), lang) if count.isdigit() else count,
            "source": documents.cite(fact.get("source"), lang)}


@dataclass
class Result:
    dataset: str
    file: str
    frame: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    conventions: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None

    def report(self, lang: str = "en") -> pd.DataFrame:
        """Problems, then notices, as a table for the UI and its download."""
        rows = [(p.file, p.row, p.column or "-", "error", p.message(lang)) for p in self.problems]
        rows += [(p.file, p.row, p.column or "-", "notice", p.message(lang)) for p in self.notices]
        return pd.DataFrame(rows, columns=["file", "row", "column", "kind", "message"])


class _Rejected(Exception):
    def __init__(self, code: str, row: int = 1, column: str = "", **detail):
        super().__init__(code)
        self.code, self.row, self.column, self.detail = code, row, column, detail



class _Abort(_Rejected):
    def __init__(self):
        super().__init__("aborted")
