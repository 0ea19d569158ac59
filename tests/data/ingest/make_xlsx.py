"""Write the workbook fixtures of the ingest catalogue (run from anywhere: `python tests/data/ingest/make_xlsx.py`).

The .xlsx files are committed; this script only says how they were made. The CSV fixtures are committed as
the bytes a user's tool writes and have no generator. Outcomes are in expected.toml.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def _book(rows: list[list], title: str = "Ark1") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def _bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def reach_da() -> openpyxl.Workbook:
    """Danish headers, real numbers and dates, a totals row whose SUM has no cached value (openpyxl)."""
    return _book([
        ["Organisation", "Kanal", "Antal", "Dato"],
        ["Welfare Tech", "Nyhedsbrev", 1700, dt.datetime(2020, 6, 30)],
        ["LSI", "LinkedIn-gruppe", 2345.0, dt.date(2020, 6, 30)],
        ["MTI", "Twitter", "1.250", "31-12-2019"],  # cells stored as text, as after a paste
        [None, None, None, None],
        ["I alt", None, "=SUM(C2:C4)", None],
    ])


def reach_errors() -> openpyxl.Workbook:
    """Excel error cells, a fraction, a negative, a huge count, an impossible date typed as text."""
    return _book([
        ["organisation", "channel", "count", "as_of"],
        ["WT", "newsletter", "#N/A", dt.date(2020, 6, 30)],
        ["WT", "twitter", "#VALUE!", dt.date(2020, 6, 30)],
        ["LSI", "newsletter", 2.5, dt.date(2020, 6, 30)],
        ["LSI", "twitter", -3, dt.date(2020, 6, 30)],
        ["MTI", "newsletter", 10**20, dt.date(2020, 6, 30)],
        ["MTI", "twitter", 40, "31-06-2020"],
        ["CHC", "twitter", 1, "#DIV/0!"],
        ["CHC", "newsletter", True, dt.date(2020, 6, 30)],  # TRUE is not the 1 above it
    ])


def companies() -> openpyxl.Workbook:
    """Codes as numbers, CVR as a number, a row shorter than the header (empty cells at the end)."""
    return _book([
        ["company_id", "name", "cvr", "municipality_code", "cluster", "employees", "membership", "joined_on"],
        ["K001", "Nordjysk Puls ApS", 12345678, 851, "LSI", 12, "paying", dt.datetime(2020, 6, 30)],
        ["K002", "Capital Care A/S", None, 101.0, "CHC", 1250, "Betalende medlem", dt.datetime(2019, 2, 1)],
        [1003, "Sønderjysk Sundhed ApS", "12 34 56 79", "Sønderborg", "WT", 0, "interest", "15-08-2018"],
    ])


def _patched(book: openpyxl.Workbook, values: dict[bytes, bytes]) -> bytes:
    """The workbook with cell values changed in the sheet XML, as a hand-edited or foreign-made file has them."""
    source, out = zipfile.ZipFile(io.BytesIO(_bytes(book))), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, new in values.items():
                    old, new = b"<v>" + old + b"</v>", b"<v>" + new + b"</v>"
                    if old not in data:
                        raise ValueError(f"no {old!r} in the sheet")
                    data = data.replace(old, new)
            target.writestr(item, data)
    return out.getvalue()


def companies_numbers(cvr: bytes, employees: bytes) -> bytes:
    """A companies workbook whose CVR and employees cells hold numbers openpyxl itself would never write."""
    book = _book([
        ["company_id", "name", "cvr", "municipality_code", "cluster", "employees", "membership", "joined_on"],
        ["K001", "Nordjysk Puls ApS", 11111111, 851, "LSI", 22222222, "paying", dt.datetime(2020, 6, 30)],
    ])
    return _patched(book, {b"11111111": cvr, b"22222222": employees})


def activities_hidden_sheet() -> openpyxl.Workbook:
    """The first sheet is hidden (notes); the data is on the first visible sheet."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Noter"
    notes.append(["Ikke data", "må ikke læses"])
    notes.sheet_state = "hidden"
    sheet = book.create_sheet("Aktiviteter")
    for row in [
        ["Aktivitets-id", "Dato", "Område", "Aktivitetstype", "Titel", "Klynge", "Regionskode"],
        ["A001", dt.datetime(2020, 6, 30), "Vidensspredning", "Konference", "Healthtech 2020", "LSI", 1081],
        ["A002", dt.datetime(2020, 7, 1), "Matchmaking", "matchmaking", "Match; Make\nDay", "CHC", "1084"],
    ]:
        sheet.append(row)
    return book


def participations() -> openpyxl.Workbook:
    return _book([
        ["Aktivitets-id", "Virksomheds-id", "Antal personer", None, None],
        ["A001", "K001", 2, None, None],
        ["A001", "K002", 3.0, None, None],
        ["A002", "K001", 1],
        ["Total", None, "=SUM(C2:C4)"],
    ])


def spending() -> openpyxl.Workbook:
    return _book([
        ["Måned", "Finansiering", "Område", "Beløb (kr.)"],
        [dt.datetime(2020, 6, 1), "Ministeriet", "Vidensspredning", 1234567.5],
        [dt.datetime(2020, 6, 15), "Privat", "Matchmaking", 1234.5],
        ["juli 2020", "regional", "collaboration", -2500],
        ["07-2020", "regional", "internationalisation", "1.234,50"],
    ], title="Forbrug")


def meetings() -> openpyxl.Workbook:
    """The secretariat's list of steering-group meetings: Danish headers, real dates and one typed as text."""
    return _book([
        ["Mødedato", "Møde", "Titel"],
        [dt.datetime(2019, 3, 14), "Styregruppemøde", "Konstituerende møde"],
        [dt.date(2019, 10, 3), "styregruppemøde", None],
        ["12-05-2020", "Steering-group meeting", "Midtvejsstatus"],
    ])


def main() -> None:
    for name, make in [("reach_da.xlsx", reach_da), ("reach_errors.xlsx", reach_errors),
                       ("companies.xlsx", companies), ("activities_hidden_sheet.xlsx", activities_hidden_sheet),
                       ("participations.xlsx", participations), ("spending.xlsx", spending),
                       ("meetings.xlsx", meetings)]:
        (HERE / name).write_bytes(_bytes(make()))
    # 1E400 reads as inf (not a CVR, not a finite count); "inf" makes openpyxl itself fail half-way.
    (HERE / "companies_infinite_cells.xlsx").write_bytes(companies_numbers(b"1E400", b"-1e400"))
    (HERE / "companies_unreadable_cell.xlsx").write_bytes(companies_numbers(b"12345678", b"inf"))
    # A workbook named .csv, and one cut off half-way (an interrupted download).
    (HERE / "reach_is_xlsx.csv").write_bytes(_bytes(reach_da()))
    whole = _bytes(activities_hidden_sheet())
    (HERE / "activities_damaged.xlsx").write_bytes(whole[: len(whole) // 2])


if __name__ == "__main__":
    main()
