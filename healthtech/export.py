"""Tables out of the dashboard: CSV for Danish Excel or international, XLSX, and a dataset's own rows for editing.

Every export neutralizes text that a spreadsheet would take for a formula: a cell whose text starts with `=`,
`+`, `-`, `@`, tab or carriage return gets a leading apostrophe (OWASP's advice), so a company called
`=HYPERLINK(…)` stays text. Numbers are never touched: they stay numbers (a negative amount stays a number).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

import pandas as pd

from healthtech import datasets, i18n

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel number formats for the dashboard's column formats (app.FORMAT_NAMES). Excel shows them with the
# reader's own separators, so Danish Excel shows 14,0 mio. kr. and 1.700.
EXCEL_FORMATS = {
    "int": "#,##0", "share": "0%", "share_1": "0.0%", "points": "0.0", "dkk": '#,##0 "kr."',
    "mio_dkk": '#,##0.0,, "mio. kr."', "mio_eur": '#,##0.0,, "mio. EUR"', "date": "dd-mm-yyyy",
    "month": "mmm yyyy", "timestamp": "dd-mm-yyyy hh:mm",
}
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DIALECTS = {"da": {"sep": ";", "decimal": ","}, "intl": {"sep": ",", "decimal": "."}}


def neutralize(value):
    """Text that would start a formula gets a leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, dialect: str = "da") -> bytes:
    """CSV that Danish Excel opens right (`;`, decimal comma, UTF-8 with BOM) or international (`,`, dot)."""
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n", date_format="%Y-%m-%d",
                                    **DIALECTS[dialect])
    return text.encode("utf-8-sig")


@dataclass
class Sheet:
    name: str
    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)   # column -> EXCEL_FORMATS key
    title: str = ""                                          # a line above the table (caption, sample label)


SHEET_NAME_ROOM = 31 - len(" (9)")  # a chosen name fits whole even when the pack numbers a second copy


def sheet_for(key: str, lang: str) -> str:
    """A table's sheet name (its query `key`), chosen to fit Excel's 31 characters whole: i18n `sheet.<key>`; a
    table without one is named after its query's file."""
    entry = f"sheet.{key}"
    return i18n.t(entry, lang) if entry in i18n.TEXTS else key.rsplit("/", 1)[-1]


def sheet_name(text: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", text).strip("'") or "Sheet"
    name, n = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def xlsx_bytes(sheets: list[Sheet], lang: str = "da") -> bytes:
    """A workbook, one sheet per table: bold headers, numbers as numbers with Excel number formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.name, taken))
        frame = safe_frame(sheet.frame)
        row = 1
        if sheet.title:
            ws.cell(row=1, column=1, value=neutralize(sheet.title)).font = Font(italic=True)
            row = 3
        for col, header in enumerate(frame.columns, start=1):
            ws.cell(row=row, column=col, value=header).font = Font(bold=True)
            width = max([len(str(header))] + [len(str(v)) for v in frame.iloc[:200, col - 1]])
            ws.column_dimensions[get_column_letter(col)].width = min(max(10, width + 2), 60)
        ws.freeze_panes = ws.cell(row=row + 1, column=1)
        formats = {frame.columns.get_loc(neutralize(str(c))) + 1: EXCEL_FORMATS[f]
                   for c, f in sheet.formats.items() if f in EXCEL_FORMATS and neutralize(str(c)) in frame.columns}
        for r, values in enumerate(frame.itertuples(index=False, name=None), start=row + 1):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c, value=_cell(value))
                if c in formats and not isinstance(cell.value, str):
                    cell.number_format = formats[c]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if value is None:
        return None
    if isinstance(value, str):
        return ILLEGAL.sub("", value)  # control characters Excel's XML cannot hold
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, (dt.date, dt.datetime, bool)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, (int, float)):
        return value
    return float(value) if hasattr(value, "__float__") else str(value)


# --- a dataset's rows, for editing and uploading again -----------------------------------------------------

def dataset_frame(rows: pd.DataFrame, dataset: str, lang: str = "da") -> pd.DataFrame:
    """A dataset's rows as a spreadsheet user edits them: headers as the upload reads them (the first alias),
    codes as their labels, region and municipality as names, dates day-first. Uploading the Danish CSV of
    this frame again gives the same rows (tests/test_exports.py)."""
    from healthtech import geo

    ds = datasets.get(dataset)
    out = pd.DataFrame(index=rows.index)
    for col in ds.columns:
        if col.name not in rows:
            continue
        values = rows[col.name]
        if col.name == "region_code":
            values = values.map(lambda c: geo.region_name(c, lang) if pd.notna(c) else None)
        elif col.name == "municipality_code":
            values = values.map(lambda c: geo.municipality_name(c) if pd.notna(c) else None)
        elif col.values and col.labels and col.labels != "organisation":  # organisations by their short names
            values = values.map(lambda v, ns=col.labels: i18n.label(ns, v, lang) if pd.notna(v) else None)
        elif col.type == "DATE":
            values = pd.to_datetime(values).dt.strftime("%d-%m-%Y")  # a month as its first day: Excel keeps it
        header = col.aliases[0] if lang == "da" and col.aliases else col.name
        out[header] = values
    return out

