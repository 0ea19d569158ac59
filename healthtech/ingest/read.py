"""A file's bytes -> rows of cells (CSV or XLSX), after the checks on size and kind; then the rows -> a validated
frame of one dataset (`read_bytes`, `read_path`), every problem collected on the way."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from healthtech import datasets, geo, zipcheck
from healthtech.datasets import Col, Dataset
from healthtech.ingest.cells import (
    NEW_CODE,
    OPTIONAL_COLUMNS,
    _blank,
    _is_numeric,
    _memo,
    _parser,
)
from healthtech.ingest.report import Problem, Result, _Abort, _Rejected
from healthtech.ingest.sniff import _LINE_END, _decode, _guess_delimiter, number_convention
from healthtech.ingest.vocabulary import NEUTRAL_HEADERS, TOTAL_WORDS, _header_names, _norm

UPLOADABLE = datasets.UPLOADABLE
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
# What a real export needs, measured (docs/deploy.md): 20,000 companies are 2.1 MB as CSV and 1.0 MB as XLSX,
# 100,000 participations 1.7 / 1.5 MB, 100,000 reach rows 3.2 MB. `server.maxUploadSize` is the same 10 MB.
MAX_BYTES = 10 * 1024 * 1024
# Rows as a spreadsheet counts them, counted while the file is read (a workbook may declare none, or lie).
MAX_ROWS = 200_000
MAX_SHEET_ROWS, MAX_SHEET_COLUMNS = MAX_ROWS, 200

GRANT_START = dt.date(2018, 12, 1)

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
        if (refusal := zipcheck.check(data)) is not None:  # before openpyxl inflates a byte
            raise _Rejected(refusal.code, **refusal.detail)
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
            if len(records) >= MAX_ROWS:
                raise _Rejected("too_many_rows", row=len(records) + 1, limit=MAX_ROWS)
            records.append(record)
    except csv.Error as e:  # at the record (spreadsheet row) where the broken quote starts
        raise _Rejected("bad_quotes", row=len(records) + 1, detail=str(e)) from None
    return records, {"format": "csv", "encoding": encoding, "delimiter": delimiter}


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
        # Counted while streaming: a sheet without <dimension> (or one that lies) is stopped at the limit, and
        # the gap before a far-away row (openpyxl yields its empty rows) counts too.
        for index, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            if index > MAX_ROWS:
                raise _Rejected("too_many_rows", row=index, limit=MAX_ROWS)
            if len(row) > MAX_SHEET_COLUMNS:
                raise _Rejected("sheet_too_large", row=index, rows=index, columns=len(row))
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
        numbers = number_convention(body, columns, self.result.conventions.get("delimiter"), self.danish_headers)
        self.result.conventions["numbers"] = numbers
        frame = self._parse(body, columns, numbers)
        self._check_keys(frame, columns)
        self._note_pre_grant(frame, columns)
        self._note_document_figures(frame)
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

    def _parse(self, body: list[tuple[int, list]], columns: dict[int, Col], numbers: str) -> pd.DataFrame:
        header = {index: name for index, name in enumerate(self._header()[1])}
        data: dict[str, list] = {"_row": [r for r, _ in body]}
        parsers = {}
        for index, col in columns.items():
            parsers[index] = _memo(_parser(col, numbers))
        for index, col in columns.items():
            parse, values, new = parsers[index], [], set()
            for row, cells in body:
                value, code, detail = parse(cells[index])
                if code == NEW_CODE:
                    if value not in new:  # one notice per new value, at its first row
                        new.add(value)
                        self.notice(row, header[index], f"new_{col.name}", **detail)
                elif code:
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

    def _note_pre_grant(self, frame: pd.DataFrame, columns: dict[int, Col]) -> None:
        """Reach dated before the grant began is a channel's earlier history: read, and said once. It is shown
        beside the application's 2018 table and is never the baseline (the views keep the seed figures first)."""
        if self.ds.name != "reach":
            return
        header = self._header()[1]
        column = next((header[i] for i, c in columns.items() if c.name == "as_of"), "as_of")
        before = [row for row, as_of in zip(frame["_row"], frame["as_of"], strict=True)
                  if as_of is not None and as_of == as_of and as_of < GRANT_START]
        if before:
            self.notice(before[0], column, "pre_grant", rows=len(before))

    def _note_document_figures(self, frame: pd.DataFrame) -> None:
        """A row whose key is a figure from the seed documents (data/facts: reach's 2018 table) does not replace
        that figure: the views keep the document's figure first (db.view_sql). Said per row, with the document's
        value, so the row is not silently hidden; the row is still stored."""
        facts = [p for p in self.ds.paths() if not datasets.is_sample_path(p)]
        if not facts or frame.empty:
            return
        key = list(self.ds.key)
        known = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in facts], ignore_index=True)
        documented = {tuple(fact[k] for k in key): fact for fact in known.to_dict("records")}

        def text(value) -> str:
            return "" if value is None or value != value else str(value)  # noqa: PLR0124 (NaN)
        for row, *values in zip(frame["_row"], *(frame[k] for k in key), strict=True):
            fact = documented.get(tuple(text(v) for v in values))
            if fact is not None:
                self.notice(row, "", "document_figure", **{k: str(v) for k, v in fact.items()})

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


def write_normalized(frame: pd.DataFrame, out) -> None:
    """Plain CSV: comma, dot decimal, ISO dates, canonical headers."""
    frame.to_csv(out, index=False, lineterminator="\n", date_format="%Y-%m-%d")
