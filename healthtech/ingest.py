"""Read a file a user uploads (CSV or XLSX) into a validated frame of one registered dataset.

Danish Excel exports are the normal case: `;` separator, decimal comma, thousands dot, cp1252 or UTF-8
(with or without BOM), CRLF, day-first dates and Danish headers. English conventions work too. The
conventions are decided once per file, never per cell:

- encoding: UTF-8 BOM → UTF-8; UTF-16 BOM → UTF-16; else strict UTF-8, else cp1252 (Mac Roman when lines
  end with CR alone: Excel for Mac's "CSV (Macintosh)"). UTF-8 that was read as cp1252 and saved again
  ("Ã¸" for "ø") is refused: the names in it are already broken.
- separator: the one of `;`, `,`, tab under which the header row names the most known columns (an Excel
  `sep=;` first line is honoured).
- numbers: Danish (`1.234,5`) or English (`1,234.5`), from the cells that only one convention can read;
  when every cell reads either way (`1.700`), `;`-separated or Danish-headed files are Danish.
- dates: ISO (`2020-06-30`) or day first (`30-06-2020`, `30.06.2020`, `30/06/2020`); never month first.

Everything that cannot be read right is a `Problem` at a spreadsheet position (row as a spreadsheet shows
it, header = 1; column as the file names it), with a Danish and an English message. A file with any
problem gives no frame: nothing half-read reaches the store. A totals row (`I alt`, `Total`, `Sum`) is
dropped and reported as a notice, so it can never double a sum.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from healthtech import datasets, geo, i18n
from healthtech.datasets import Col, Dataset

UPLOADABLE = datasets.UPLOADABLE
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
MAX_BYTES = 50 * 1024 * 1024
MAX_SHEET_ROWS, MAX_SHEET_COLUMNS = 2_000_000, 200

EXCEL_ERRORS = frozenset({
    "#N/A", "#I/T", "#VALUE!", "#VÆRDI!", "#DIV/0!", "#DIVISION/0!", "#REF!", "#REFERENCE!", "#NAME?",
    "#NAVN?", "#NUM!", "#NULL!", "#NUL!", "#SPILL!", "#CALC!", "#BEREGN!", "#GETTING_DATA", "#FIELD!",
})
NOT_FINITE = frozenset({"nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞"})
TOTAL_WORDS = frozenset({"i alt", "i alt:", "total", "total:", "totalt", "sum", "sum:", "i alt (sum)",
                         "grand total", "subtotal", "sum i alt", "samlet", "samlet:"})
MOJIBAKE = re.compile("Ã[¦¸¥†˜…]")
DANISH_MONTHS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mar": 3, "marts": 3, "apr": 4, "april": 4, "maj": 5,
    "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "oct": 10, "october": 10,
}
# Extra Danish/English names for codes, beyond the code itself and its labels in i18n.
CODE_ALIASES: dict[str, dict[str, str]] = {
    "funder": {"ministeriet": "ministry", "staten": "ministry", "ufm": "ministry", "stat": "ministry",
               "regional": "regional", "regionerne": "regional", "region": "regional",
               "privat": "private", "private": "private", "virksomheder": "private"},
    "area": {"vidensspredning": "dissemination", "formidling": "dissemination",
             "samarbejde": "collaboration", "samarbejdsprojekt": "collaboration",
             "internationalisering": "internationalisation", "internationalization": "internationalisation"},
    "channel": {"nyhedsbrev": "newsletter", "linkedin-gruppe": "linkedin_group", "linkedin gruppe": "linkedin_group",
                "linkedin-grupper": "linkedin_group", "linkedin group": "linkedin_group",
                "linkedin-side": "linkedin_page", "linkedin side": "linkedin_page", "linkedin page": "linkedin_page",
                "linkedin-sider": "linkedin_page", "x": "twitter", "x/twitter": "twitter"},
    "organisation": {"welfare tech": "WT", "welfaretech": "WT", "lifescience innovation": "LSI",
                     "medtech innovation consortium": "MTIC", "copenhagen healthtech cluster": "CHC",
                     "medtech innovation": "MTI", "innovationsnetværk for sundheds- og velfærdsteknologi": "ISV"},
    "membership": {"dedikeret": "dedicated", "interesse": "interest", "interessetilkendegivelse": "interest",
                   "betalende": "paying", "betalende medlem": "paying", "medlem": "paying", "member": "paying"},
    "kind": {"nyhedsbrev": "newsletter", "konference": "conference", "seminar": "conference",
             "gå-hjem-møde": "after_work_meeting", "gå hjem møde": "after_work_meeting",
             "after work": "after_work_meeting", "matchmaking-arrangement": "matchmaking",
             "samarbejdsprojekt": "collaboration_project", "studietur": "study_trip", "andet": "other"},
}
LABEL_NAMESPACES = {"funder": ("funder",), "area": ("area",), "channel": ("channel", "channel_short"),
                    "organisation": ("organisation",), "cluster": ("organisation",),
                    "membership": ("membership",), "kind": ()}
COUNT_COLUMNS = frozenset({"count", "persons", "employees"})
# What the view's CAST can hold; BIGINT up to 2**53, where a number read through a float is still exact.
NUMBER_LIMITS = {"INTEGER": 2**31 - 1, "BIGINT": 2**53, "DECIMAL(14,2)": 999_999_999_999.99}
CODE_COLUMNS = frozenset({"municipality_code", "region_code"})
OPTIONAL_COLUMNS = frozenset({"source"})  # may be left out, and its cells may be blank
GRANT_START = dt.date(2018, 12, 1)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Our own exports' guard against formulas (export.neutralize), taken off again so a round trip is exact.
NEUTRALIZED = re.compile(r"^'(?=[=+\-@\t\r])")
NEUTRAL_HEADERS = frozenset({"id", "type", "region"})


@dataclass(frozen=True)
class Problem:
    """One thing in a file that cannot be read right, at its spreadsheet position."""

    file: str
    row: int
    column: str
    code: str
    detail: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "en") -> str:
        return i18n.t(f"ingest.{self.code}", lang, **dict(self.detail))

    def line(self, lang: str = "en") -> str:
        """`FILE:ROW:COLUMN: message` on one line, also for a header or a value with a line break in it."""
        column, message = (" ".join(text.split()) for text in (self.column or "-", self.message(lang)))
        return f"{self.file}:{self.row}:{column}: {message}"


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


def read_path(path: Path, dataset: str, name: str | None = None) -> Result:
    """Read a file from disk (the CLI); `name` is how problems name it (default: the path as given)."""
    return read_bytes(path.read_bytes(), name or str(path), dataset)


def read_bytes(data: bytes, filename: str, dataset: str) -> Result:
    """Read an uploaded file's bytes. Never raises for anything in the file."""
    ds = datasets.get(dataset)
    if not ds.uploadable:
        raise ValueError(f"{dataset} is not an uploadable dataset ({', '.join(UPLOADABLE)})")
    result = Result(dataset=dataset, file=filename)
    try:
        rows, result.conventions = _rows(data, filename)
        _Reader(ds, filename, rows, result).read()
    except _Abort:
        result.frame = None
    except _Rejected as e:
        result.problems.append(Problem(filename, e.row, e.column, e.code, tuple(sorted(e.detail.items()))))
        result.frame = None
    return result


# --- bytes -> rows of cells -------------------------------------------------------------------------------

def _rows(data: bytes, filename: str) -> tuple[list[list], dict[str, str]]:
    ext = Path(filename).suffix.lower()
    if len(data) > MAX_BYTES:
        raise _Rejected("too_large", limit_mb=MAX_BYTES // (1024 * 1024))
    if not data.strip():
        raise _Rejected("empty_file")
    is_zip = data[:4] == b"PK\x03\x04"
    is_ole = data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if ext in EXCEL_EXTENSIONS:
        if is_ole:
            raise _Rejected("old_xls")
        if not is_zip:
            raise _Rejected("not_xlsx")
        return _xlsx_rows(data), {"format": "xlsx"}
    if ext in TEXT_EXTENSIONS:
        if is_zip or is_ole:
            raise _Rejected("csv_is_excel")
        if data[:5] == b"%PDF-":
            raise _Rejected("not_text")
        return _csv_rows(data)
    if ext == ".xls":
        raise _Rejected("old_xls")  # whatever is inside: say what to do with it
    raise _Rejected("unsupported_extension", extension=ext or "(none)")


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding != "utf-16" and b"\x00" in body[:65536]:
        raise _Rejected("not_text")
    try:
        text = body.decode("utf-16" if encoding == "utf-16" else "utf-8")
    except UnicodeDecodeError as e:
        if encoding != "utf-8":
            raise _Rejected("encoding", row=body[: e.start].count(b"\n") + 1, encoding=encoding) from None
        # CR alone ends the lines of Excel for Mac's "CSV (Macintosh)", which is Mac Roman: read as cp1252,
        # its "ø" would be "¿" without a word of warning.
        legacy = "mac_roman" if b"\r" in body and b"\n" not in body else "cp1252"
        try:
            text, encoding = body.decode(legacy), legacy
        except UnicodeDecodeError as e2:
            raise _Rejected("encoding", row=body[: e2.start].count(b"\n") + 1, encoding=legacy) from None
    bad = MOJIBAKE.search(text)
    if bad:
        raise _Rejected("mojibake", row=len(_LINE_END.split(text[: bad.start()])), text=bad.group())
    return text, encoding


def _csv_rows(data: bytes) -> tuple[list[list], dict[str, str]]:
    try:
        text, encoding = _decode(data)
    except _Rejected as e:
        if e.row > 1 and re.match(rb"(\xef\xbb\xbf)?sep=", data, re.IGNORECASE):
            e.row -= 1  # the `sep=` line Excel hides is no spreadsheet row (see below)
        raise
    first = _LINE_END.split(text, maxsplit=1)[0].strip(" ").lower()
    forced = None
    if first.startswith("sep=") and len(first) in (4, 5, 6):
        # Excel's `sep=;` line: Excel hides it, so the header below it is row 1 there, and here.
        forced = "\t" if first[4:] in ("\t", "") else first[4]
        text = (_LINE_END.split(text, maxsplit=1) + [""])[1]
    header_line = _LINE_END.split(text.lstrip("\r\n"), maxsplit=1)[0]  # blank lines above the header
    delimiter = forced or _guess_delimiter(header_line)
    records: list[list] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            records.append(record)
    except csv.Error as e:  # at the record (spreadsheet row) where the broken quote starts
        raise _Rejected("bad_quotes", row=len(records) + 1, detail=str(e)) from None
    return records, {"format": "csv", "encoding": encoding, "delimiter": delimiter}


_LINE_END = re.compile(r"\r\n|\r|\n")  # old Mac Excel ("CSV (Macintosh)") ends lines with CR alone


def _guess_delimiter(header_line: str) -> str:
    def score(delim: str) -> tuple[int, int, int]:
        try:
            cells = next(csv.reader([header_line], delimiter=delim), [])
        except csv.Error:
            cells = []
        return sum(_norm(c) in _KNOWN_HEADERS for c in cells), len(cells), header_line.count(delim)
    # The separator under which the header names the most known columns (a note column "kilde, dato, …"
    # must not win it for `,`), then the one that splits it into most cells; `;` wins ties (Danish Excel).
    return max((";", ",", "\t"), key=score)


def _xlsx_rows(data: bytes) -> list[list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # a damaged workbook raises from zipfile, zlib, XML parsing or openpyxl itself
        raise _Rejected("not_xlsx", detail=type(e).__name__) from None
    try:
        sheet = next((ws for ws in book.worksheets if ws.sheet_state == "visible"), None)
        if sheet is None:
            raise _Rejected("empty_file")
        # A few KB can declare a sheet of billions of cells: refuse beyond what an export of ours can have.
        if (sheet.max_row or 0) > MAX_SHEET_ROWS or (sheet.max_column or 0) > MAX_SHEET_COLUMNS:
            raise _Rejected("sheet_too_large", rows=sheet.max_row or 0, columns=sheet.max_column or 0)
        rows = []
        for row in sheet.iter_rows(min_row=1, values_only=True):
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
        return rows
    except _Rejected:
        raise
    except Exception as e:  # read-only mode parses the sheet lazily: damage can surface only here
        raise _Rejected("not_xlsx", detail=type(e).__name__) from None
    finally:
        book.close()


# --- rows -> validated frame ------------------------------------------------------------------------------

def _norm(text) -> str:
    return " ".join(str(text).replace("\ufeff", "").replace("\xa0", " ").split()).casefold()


def _header_names(col: Col) -> set[str]:
    names = {col.name, col.name.replace("_", " "), col.name.replace("_", "-")} | set(col.aliases)
    return {_norm(n) for n in names}


_KNOWN_HEADERS = frozenset(n for d in datasets.DATASETS if d.uploadable for c in d.columns for n in _header_names(c))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Reader:
    """Reads the rows of one file for one dataset, collecting every problem on the way."""

    def __init__(self, ds: Dataset, filename: str, rows: list[list], result: Result):
        self.ds, self.file, self.rows, self.result = ds, filename, rows, result
        self.danish_headers = False

    def problem(self, row: int, column: str, code: str, **detail) -> None:
        self.result.problems.append(Problem(self.file, row, column, code, tuple(sorted(detail.items()))))

    def notice(self, row: int, column: str, code: str, **detail) -> None:
        self.result.notices.append(Problem(self.file, row, column, code, tuple(sorted(detail.items()))))

    # The steps, in order.
    def read(self) -> None:
        header_row, header = self._header()
        columns = self._map_columns(header_row, header)
        body = self._body(header_row, header, columns)
        if not body:
            if self.result.problems:  # every row was ragged: that is the problem, not a header-only file
                raise _Abort
            raise _Rejected("header_only", row=header_row)
        numbers = self._number_convention(body, columns)
        self.result.conventions["numbers"] = numbers
        frame = self._parse(body, columns, numbers)
        self._check_keys(frame, columns)
        self._check_seed_period(frame, columns)
        if self.result.problems:
            self.result.frame = None
            return
        self.result.frame = frame.drop(columns="_row").reset_index(drop=True)

    def _header(self) -> tuple[int, list]:
        for index, row in enumerate(self.rows, start=1):
            if any(not _blank(c) for c in row):
                cells = list(row)
                while cells and _blank(cells[-1]):
                    cells.pop()
                return index, ["" if c is None else str(c).strip() for c in cells]
        raise _Rejected("empty_file")

    def _map_columns(self, header_row: int, header: list[str]) -> dict[int, Col]:
        lookup: dict[str, Col] = {}
        for col in self.ds.columns:
            for name in _header_names(col):
                lookup.setdefault(name, col)
        # Danish-only headers: "Organisation", "CVR" (the canonical names), "ID", "Type", "Region" are English too.
        english = {_norm(n) for col in self.ds.columns for n in (col.name, col.name.replace("_", " "))}
        danish = {_norm(a) for col in self.ds.columns for a in col.aliases} - english - NEUTRAL_HEADERS
        columns: dict[int, Col] = {}
        seen: dict[str, int] = {}
        for index, name in enumerate(header):
            col = lookup.get(_norm(name))
            if col is None:
                if name:
                    self.notice(header_row, name, "unknown_column")
                continue
            self.danish_headers |= _norm(name) in danish
            if col.name in seen:
                self.problem(header_row, name, "duplicate_column", first=header[seen[col.name]])
                continue
            seen[col.name] = index
            columns[index] = col
        present = {c.name for c in columns.values()}
        for col in self.ds.columns:
            if col.name in present or col.name in OPTIONAL_COLUMNS:
                continue
            if col.name == "region_code" and "municipality_code" in present:
                continue  # derived from the municipality
            self.problem(header_row, col.name, "missing_column",
                         names=" / ".join([col.name, *col.aliases[:2]]))
        if self.result.problems:
            raise _Abort
        return columns

    def _body(self, header_row: int, header: list[str], columns: dict[int, Col]) -> list[tuple[int, list]]:
        width = len(header)
        body = []
        for index, row in enumerate(self.rows[header_row:], start=header_row + 1):
            cells = list(row)
            if all(_blank(c) for c in cells):
                continue
            if len(cells) > width and all(_blank(c) for c in cells[width:]):
                cells = cells[:width]
            if len(cells) != width:
                if self.result.conventions.get("format") == "xlsx" and len(cells) < width:
                    cells += [None] * (width - len(cells))
                else:
                    self.problem(index, "", "ragged_row", expected=width, found=len(cells))
                    continue
            if any(isinstance(c, str) and _norm(c) in TOTAL_WORDS for c in cells):
                self.notice(index, "", "totals_row")
                continue
            body.append((index, cells))
        return body

    def _number_convention(self, body: list[tuple[int, list]], columns: dict[int, Col]) -> str:
        danish = english = 0
        for index, col in columns.items():
            if not _is_numeric(col) or col.name in CODE_COLUMNS:
                continue
            for text in {c.strip() for _, cells in body if isinstance(c := cells[index], str) and c.strip()}:
                da, en = _parse_number(text, "da"), _parse_number(text, "en")
                danish += da is not None and en is None
                english += en is not None and da is None
        if danish != english:
            return "da" if danish > english else "en"
        if self.result.conventions.get("delimiter") == ";" or self.danish_headers:
            return "da"
        return "en"

    def _parse(self, body: list[tuple[int, list]], columns: dict[int, Col], numbers: str) -> pd.DataFrame:
        header = {index: name for index, name in enumerate(self._header()[1])}
        data: dict[str, list] = {"_row": [r for r, _ in body]}
        parsers = {}
        for index, col in columns.items():
            parsers[index] = _memo(_parser(col, numbers))
        for index, col in columns.items():
            parse, values = parsers[index], []
            for row, cells in body:
                value, code, detail = parse(cells[index])
                if code:
                    self.problem(row, header[index], code, **detail)
                values.append(value)
            data[col.name] = values
        frame = pd.DataFrame(data)
        self._derive_region(frame, columns, header)
        for col in self.ds.columns:
            if col.name not in frame:
                frame[col.name] = None
        return frame[["_row", *self.ds.column_names]].astype(_dtypes(self.ds))

    def _derive_region(self, frame: pd.DataFrame, columns: dict[int, Col], header: dict[int, str]) -> None:
        if "municipality_code" not in frame:
            return
        derived = frame["municipality_code"].map(lambda c: geo.region_of(c) if pd.notna(c) else None)
        if "region_code" not in frame:
            frame["region_code"] = derived
            return
        region_header = next(header[i] for i, c in columns.items() if c.name == "region_code")
        for row, given, expected, muni in zip(frame["_row"], frame["region_code"], derived,
                                              frame["municipality_code"], strict=True):
            if pd.notna(given) and pd.notna(expected) and given != expected:
                self.problem(row, region_header, "region_mismatch", municipality=geo.municipality_name(muni),
                             region=geo.region_name(expected, "da"), given=int(given))

    def _check_seed_period(self, frame: pd.DataFrame, columns: dict[int, Col]) -> None:
        """Reach before the grant began is the application's 2018 table, a seed figure: an upload cannot
        replace or add to it (it would be counted as a real 2018 figure)."""
        if self.ds.name != "reach":
            return
        header = self._header()[1]
        column = next((header[i] for i, c in columns.items() if c.name == "as_of"), "as_of")
        for row, as_of in zip(frame["_row"], frame["as_of"], strict=True):
            if as_of is not None and as_of == as_of and as_of < GRANT_START:
                self.problem(row, column, "before_grant", value=as_of.isoformat())

    def _check_keys(self, frame: pd.DataFrame, columns: dict[int, Col]) -> None:
        key = list(self.ds.key)
        header = self._header()[1]
        names = {c.name: header[i] for i, c in columns.items()}
        complete = frame.dropna(subset=key)
        first_rows: dict[tuple, int] = {}
        for row, *values in complete[["_row", *key]].itertuples(index=False, name=None):
            k = tuple(values)
            if k in first_rows:
                self.problem(row, "+".join(names.get(c, c) for c in key), "duplicate_key", first=first_rows[k])
            else:
                first_rows[k] = row


class _Abort(_Rejected):
    def __init__(self):
        super().__init__("aborted")


def _is_numeric(col: Col) -> bool:
    return col.type.startswith(("INTEGER", "BIGINT", "DOUBLE", "DECIMAL"))


def _dtypes(ds: Dataset) -> dict[str, str]:
    types = {"_row": "int64"}
    for col in ds.columns:
        if col.type in ("INTEGER", "BIGINT"):
            types[col.name] = "Int64"
        elif _is_numeric(col):
            types[col.name] = "float64"
        else:
            types[col.name] = "object"
    return types


def _memo(parse):
    cache: dict = {}

    def memoised(value):
        key = (type(value), value)
        try:
            return cache[key]
        except KeyError:
            cache[key] = out = parse(value)
            return out
        except TypeError:  # unhashable: never from csv/openpyxl, but never a traceback either
            return parse(value)
    return memoised


_DA_NUMBER = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d{1,3}( \d{3})+|\d+)(,\d+)?")
_EN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")
_CURRENCY = re.compile(r"^(kr\.?|dkk)\s*|\s*(kr\.?|dkk)$", re.IGNORECASE)


def _parse_number(text: str, convention: str) -> float | None:
    text = _CURRENCY.sub("", text.replace("\xa0", " ").replace("\u2212", "-").strip())
    if convention == "da":
        if not _DA_NUMBER.fullmatch(text):
            return None
        return float(text.replace(".", "").replace(" ", "").replace(",", "."))
    if not _EN_NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def _parser(col: Col, numbers: str):
    """A function cell -> (value, problem code or None, problem detail)."""
    if col.name == "municipality_code":
        return _municipality
    if col.name == "region_code":
        return _region
    if col.name == "cvr":
        return _cvr
    if col.type == "DATE":
        return _month if col.name == "month" else _date
    if _is_numeric(col):
        integer = col.type in ("INTEGER", "BIGINT")
        return lambda v: _number(v, numbers, integer=integer, count=col.name in COUNT_COLUMNS,
                                 required=col.required, limit=NUMBER_LIMITS.get(col.type))
    if col.values:
        return _code_parser(col)
    return lambda v: _text(v, col.required and col.name not in OPTIONAL_COLUMNS)


def _common(value, required: bool = True):
    """The checks every cell gets: blank, Excel error value. Returns a result tuple or None to go on."""
    if _blank(value):
        return (None, "missing_value" if required else None, {})
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return (None, "excel_error", {"value": value.strip()})
    return None


def _text(value, required: bool):
    if (early := _common(value, required)) is not None:
        return early
    text = str(value).strip()
    if CONTROL.search(text):
        return (None, "control_character", {"value": CONTROL.sub("?", text)[:60]})
    return (NEUTRALIZED.sub("", text), None, {})


def _number(value, convention: str, *, integer: bool, count: bool, required: bool, limit: float | None = None):
    if (early := _common(value, required)) is not None:
        return early
    if isinstance(value, bool):
        return (None, "not_a_number", {"value": str(value)})
    if isinstance(value, (int, float)):
        number = float(value)
        shown = str(value)
    else:
        shown = str(value).strip()
        if shown.casefold() in NOT_FINITE:
            return (None, "not_finite", {"value": shown})
        number = _parse_number(shown, convention)
        if number is None:
            other = _parse_number(shown, "en" if convention == "da" else "da")
            code = "other_convention" if other is not None else "not_a_number"
            return (None, code, {"value": shown, "convention": convention})
    if not math.isfinite(number):
        return (None, "not_finite", {"value": shown})
    if integer and number != int(number):
        return (None, "fractional_count" if count else "not_an_integer", {"value": shown})
    if count and number < 0:
        return (None, "negative_count", {"value": shown})
    read = int(number) if integer else round(number, 2)
    if limit is not None and abs(read) > limit:
        return (None, "out_of_range", {"value": shown, "limit": str(limit) if integer else f"{limit:.2f}"})
    return (read, None, {})


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?: 00:00(?::00)?)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-./](\d{4})")
_NAMED_MONTH = re.compile(r"([a-zæøå]+)\.?[ -](\d{4}|\d{2})")  # "juni 2020", and Excel's "jun-20"


def _date(value):
    if (early := _common(value)) is not None:
        return early
    if isinstance(value, dt.datetime):
        return (value.date(), None, {})
    if isinstance(value, dt.date):
        return (value, None, {})
    text = str(value).strip()
    if m := _ISO.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DAY_FIRST.fullmatch(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return (None, "not_a_date", {"value": text})
    try:
        return (dt.date(y, mo, d), None, {})
    except ValueError:
        return (None, "impossible_date", {"value": text})


def _month(value):
    if (early := _common(value)) is not None:
        return early
    if isinstance(value, (dt.date, dt.datetime)):
        return (dt.date(value.year, value.month, 1), None, {})
    text = str(value).strip()
    month = None
    if (m := _ISO_MONTH.fullmatch(text)) is not None:
        y, month = int(m.group(1)), int(m.group(2))
    elif (m := _MONTH_YEAR.fullmatch(text)) is not None:
        month, y = int(m.group(1)), int(m.group(2))
    elif (m := _NAMED_MONTH.fullmatch(text.casefold())) is not None:
        month, y = DANISH_MONTHS.get(m.group(1)), int(m.group(2))
        y = 2000 + y if y < 100 else y  # a month name with a two-digit year is this century
        if month is None:
            return (None, "not_a_month", {"value": text})
    else:
        day, code, _ = _date(text)
        if code == "impossible_date":
            return (None, code, {"value": text})
        if day is None:
            return (None, "not_a_month", {"value": text})
        return (day.replace(day=1), None, {})
    if not 1 <= month <= 12:
        return (None, "impossible_date", {"value": text})
    return (dt.date(y, month, 1), None, {})


def _code_lookup(col: Col) -> dict[str, object]:
    lookup: dict[str, object] = {}
    for code in col.values:
        lookup[_norm(code)] = code
        for namespace in LABEL_NAMESPACES.get(col.name, ()):
            for lang in i18n.LANGS:
                lookup.setdefault(_norm(i18n.label(namespace, code, lang)), code)
    namespace = "organisation" if col.name == "cluster" else col.name
    for alias, code in CODE_ALIASES.get(namespace, {}).items():
        if code in col.values:
            lookup.setdefault(_norm(alias), code)
    return lookup


def _code_parser(col: Col):
    lookup = _code_lookup(col)
    allowed = ", ".join(str(v) for v in col.values)

    def parse(value):
        if (early := _common(value, col.required)) is not None:
            return early
        code = lookup.get(_norm(value))
        if code is None:
            return (None, "unknown_code", {"value": str(value).strip(), "allowed": allowed})
        return (code, None, {})
    return parse


def _int_code(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def _place(value, names, word: str, known, problem: str):
    """A municipality or region given by code or by name ("Københavns Kommune", "Region Syddanmark")."""
    if (early := _common(value)) is not None:
        return early
    code = _int_code(value)
    if code is None:
        code = names().get(_norm(_strip_suffix(str(value), word)))  # built only for a name
    if code is None or not known(code):
        return (None, problem, {"value": str(value).strip()})
    return (code, None, {})


def _municipality(value):
    return _place(value, _municipality_names, "(?:regions)?kommune", lambda c: geo.region_of(c) is not None,
                  "unknown_municipality")


def _region(value):
    return _place(value, _region_names, "region", lambda c: c in geo.region_codes(), "unknown_region")


def _cvr(value):
    if _blank(value):
        return (None, None, {})
    if (early := _common(value)) is not None:
        return early
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    text = str(int(value)) if numeric else str(value)
    digits = re.sub(r"^dk|[\s-]", "", text.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{8}", digits):
        return (None, "not_a_cvr", {"value": text.strip()})
    return (digits, None, {})


def _strip_suffix(text: str, word: str) -> str:
    text = " ".join(text.split())
    for pattern in (rf"^{word}\s+", rf"\s+{word}$", r"s\s+kommune$"):
        text = re.sub(pattern, "", text, flags=re.IGNORECASE)
    return text


def _municipality_names() -> dict[str, int]:
    names = {}
    for code in geo.municipality_codes():
        name = geo.municipality_name(code)
        names[_norm(name)] = code
        names[_norm(name.replace("-", " "))] = code
    for code in geo.municipality_codes():  # genitive of the official name: "Københavns Kommune"
        names.setdefault(_norm(geo.municipality_name(code)) + "s", code)
    names.setdefault("århus", names.get("aarhus"))
    return {k: v for k, v in names.items() if v is not None}


def _region_names() -> dict[str, int]:
    names = {}
    for code in geo.region_codes():
        for lang in i18n.LANGS:
            name = geo.region_name(code, lang)
            names[_norm(name)] = code
            names[_norm(_strip_suffix(name, "region"))] = code
    return names


def write_normalized(frame: pd.DataFrame, out) -> None:
    """Plain CSV: comma, dot decimal, ISO dates, canonical headers."""
    frame.to_csv(out, index=False, lineterminator="\n", date_format="%Y-%m-%d")
