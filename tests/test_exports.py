"""Take it to the meeting: exports safe to open, XLSX with numbers as numbers, round trips through the upload,
the meeting pack (PDF) in both languages, and English without Danish leaking in."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from healthtech import db, export, filters, freshness, i18n, ingest, pack, queries
from healthtech.datasets import DATASETS
from tests.page_runs import page_view, shown

INJECTIONS = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+45 1234", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"]


# --- neutralized exports ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_is_neutralized(text):
    assert export.neutralize(text) == "'" + text


def test_numbers_and_ordinary_text_are_left_alone():
    for value in (-5, -2.5, 0, 1700, "Aalborg", "Welfare Tech", "", None):
        assert export.neutralize(value) == value


def _companies_with_injections() -> pd.DataFrame:
    return pd.DataFrame({"Navn": INJECTIONS, "Ansatte": [1, 2, 3, 4, 5, 6], "Beløb": [-10.5, 2, 3, 4, 5, 6.25]})


def test_csv_exports_neutralize_and_keep_numbers_numbers():
    danish = export.csv_bytes(_companies_with_injections(), "da")
    assert danish.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    frame = pd.read_csv(io.BytesIO(danish), sep=";", decimal=",", encoding="utf-8-sig")
    assert all(name.startswith("'") for name in frame["Navn"])
    assert frame["Ansatte"].tolist() == [1, 2, 3, 4, 5, 6] and frame["Beløb"].tolist()[0] == -10.5
    assert "-10,5" in danish.decode("utf-8-sig") and "6,25" in danish.decode("utf-8-sig")
    international = export.csv_bytes(_companies_with_injections(), "intl").decode("utf-8-sig")
    assert international.splitlines()[0] == "Navn,Ansatte,Beløb" and "-10.5" in international


def test_xlsx_export_neutralizes_text_and_writes_numbers_with_danish_formats():
    frame = _companies_with_injections()
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(
        [export.Sheet("Virksomheder", frame, {"Beløb": "mio_dkk", "Ansatte": "int"})])))
    ws = book["Virksomheder"]
    assert [c.value for c in ws[1]] == ["Navn", "Ansatte", "Beløb"]
    names = [ws.cell(row=r, column=1).value for r in range(2, 8)]
    assert all(isinstance(n, str) and n.startswith("'") for n in names)
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 8))  # text, never a formula
    assert ws.cell(row=2, column=2).value == 1 and ws.cell(row=2, column=2).data_type == "n"
    assert ws.cell(row=2, column=3).value == -10.5 and ws.cell(row=2, column=3).number_format == '#,##0.0,, "mio. kr."'


def test_sheet_names_follow_excels_rules():
    taken: set[str] = set()
    names = [export.sheet_name("Budget – Finansieringskildernes andel af forbruget", taken),
             export.sheet_name("Budget – Finansieringskildernes andel af forbruget", taken),
             export.sheet_name("a/b:c*d?e[f]", taken)]
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == 3
    assert not re.search(r"[\[\]:*?/\\]", names[2])


def _fits_whole(name: str) -> bool:
    return (0 < len(name) <= export.SHEET_NAME_ROOM and not re.search(r"[\[\]:*?/\\]", name)
            and name == name.strip().strip("'"))


def test_every_chosen_sheet_name_fits_excel_whole_in_both_languages():
    chosen = {key: names for key, names in i18n.TEXTS.items() if key.startswith("sheet.")}
    chosen["pack.sheet.sources"] = i18n.TEXTS["pack.sheet.sources"]
    assert len(chosen) > 20
    for i, lang in enumerate(("da", "en")):
        names = [names[i] for names in chosen.values()]
        assert [n for n in names if not _fits_whole(n)] == [], lang
        assert len({n.lower() for n in names}) == len(names), lang  # no two tables share a name
    for dataset in ingest.UPLOADABLE:  # the Data page's "current data" workbook is named after its dataset
        assert _fits_whole(dataset)


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "chosen", "compared"), [
    ("da", filters.Filters(), False),
    ("en", filters.Filters(region=1081, municipality=851, period="y1"), True),
])
def test_every_table_the_pages_and_the_pack_produce_has_a_whole_sheet_name(lang, chosen, compared):
    """The pack captures every table the pages draw (the same page scripts), so each table key met here is one a
    reader can download: each has a chosen name, and the workbooks hold those names exactly."""
    from healthtech import compare

    made = pack.collect(lang, chosen, basis=compare.resolve(compare.LAST) if compared else None)
    tables = [item for page in made.pages for item in page.items if item.kind == "table"]
    assert len(tables) > 15
    missing = sorted({t.key for t in tables if f"sheet.{t.key}" not in i18n.TEXTS})
    assert missing == []
    for item in tables:  # a table's own download
        book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes([export.Sheet(export.sheet_for(item.key, lang),
                                                                                   item.values)], lang)))
        assert book.sheetnames == [i18n.t(f"sheet.{item.key}", lang)]
    book = openpyxl.load_workbook(io.BytesIO(pack.workbook(made)))
    expected, seen = [], {}
    for item in tables:  # a table in the pack twice gets " (2)" after its whole name
        name = i18n.t(f"sheet.{item.key}", lang)
        seen[name] = seen.get(name, 0) + 1
        expected.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    assert book.sheetnames == expected + [i18n.t("pack.sheet.sources", lang)]
    assert all(len(n) <= 31 for n in book.sheetnames)


# --- round trips through the upload ----------------------------------------------------------------------

@pytest.mark.parametrize("dataset", ingest.UPLOADABLE)
def test_a_dataset_exported_as_danish_csv_and_uploaded_again_gives_the_same_rows(dataset):
    rows = queries.run(f"data/{dataset}_rows")
    exported = export.csv_bytes(export.dataset_frame(rows, dataset, "da"), "da")
    result = ingest.read_bytes(exported, f"{dataset}.csv", dataset)
    assert result.ok, [p.line() for p in result.problems[:5]]
    assert result.conventions["numbers"] == "da" and result.conventions["delimiter"] == ";"
    again = result.frame[[c for c in rows.columns if c in result.frame.columns]]
    expected = rows[again.columns]
    pd.testing.assert_frame_equal(_canonical(again), _canonical(expected), check_dtype=False)


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if col in ("as_of", "date", "month", "joined_on"):
            out[col] = pd.to_datetime(out[col]).dt.date
        elif col == "source":
            out[col] = out[col].fillna("")
        elif pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype(float).round(2)
    return out.sort_values(list(out.columns[:2])).reset_index(drop=True)


def test_the_data_page_offers_the_current_data_for_editing():
    at = page_view("pages/data.py")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download de nuværende data (CSV til dansk Excel)" in labels


# --- the meeting pack --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def packs():
    """The pack in both languages, made once for the tests below (about 10-15 s each)."""
    made = {}
    for lang in ("da", "en"):
        document, contents = pack.meeting_pack(lang, filters.Filters())
        made[lang] = (document, contents)
    return made


def _pdftotext(document: bytes, tmp_path) -> str:
    """The PDF's text in drawing order (cell by cell), whitespace collapsed (a wrapped cell reads as one line;
    a file name wrapped after its dot is joined again)."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(document)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"(\w)-\n(\w)", r"\1-\2", text)  # "Ringkøbing-" / "Skjern" broken at its hyphen, joined
    text = " ".join(text.replace("\u00a0", " ").split())
    return re.sub(r"\s*\.\s*(txt|csv)\b", r".\1", text)


@pytest.mark.parametrize(("lang", "figures"), [
    ("da", ["Danish Healthtech – mødepakke", "28,0 mio. kr.", "14,0 mio. kr.", "2,8 mio. kr.", "11,2 mio. kr.",
            "14.069", "4.792", "3.452", "4.103", "1.722", "1. dec. 2018 – 30. nov. 2020", "Eksempeldata",
            "Side 1 af", "Alle regioner", "dansk"]),
    ("en", ["Danish Healthtech – meeting pack", "DKK 28.0m", "DKK 14.0m", "DKK 2.8m", "DKK 11.2m", "14,069",
            "4,792", "3,452", "4,103", "1,722", "1 Dec 2018 – 30 Nov 2020", "Sample data", "Page 1 of",
            "All regions", "English"]),
])
@pytest.mark.slow
def test_the_pack_has_the_seed_figures_and_the_sample_label_in_its_language(packs, tmp_path, lang, figures):
    document, _ = packs[lang]
    assert document.startswith(b"%PDF-")
    text = _pdftotext(document, tmp_path)
    for figure in figures:
        assert figure in text, figure


@pytest.mark.parametrize(("lang", "stamp", "cited"), [
    ("da", "Data pr. 2018 (ansøgning og pressemeddelelse)", "Ansøgningen, afsnit 2"),
    ("en", "Data as of 2018 (application and press release)", "The application, section 2"),
])
@pytest.mark.slow
def test_the_pack_dates_its_data_by_the_documents_and_cites_them_in_words(packs, tmp_path, lang, stamp, cited):
    text = _pdftotext(packs[lang][0], tmp_path)
    assert stamp in text and cited in text
    # Document file names only in the Sources section's document table, the last part of the pack.
    sources_title = i18n.t("sources.title", lang)
    assert re.findall(r"[0-9a-f]{16}\.txt", text[: text.rindex(sources_title)]) == []


@pytest.mark.slow
def test_every_page_of_the_pack_renders_on_a4(packs, tmp_path):
    document, contents = packs["da"]
    (tmp_path / "pack.pdf").write_bytes(document)
    info = subprocess.run(["pdfinfo", str(tmp_path / "pack.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "595.276 x 841.89 pts (A4)" in info
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "pack.pdf"), str(tmp_path / "page")], check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == pages >= 1 + len(contents.pages)  # a cover, then at least a page per dashboard page
    assert all(p.stat().st_size > 2000 for p in rendered)


@pytest.mark.slow
def test_the_pack_has_a_chart_per_chart_and_a_static_map(packs):
    _, contents = packs["da"]
    kinds = [item.kind for page in contents.pages for item in page.items]
    assert kinds.count("map") == 1 and kinds.count("chart") >= 15 and kinds.count("table") >= 20
    budget = next(p for p in contents.pages if p.page == "budget")
    split = next(i for i in budget.items if i.kind == "chart")
    assert "Pressemeddelelse, 2018" in split.source  # a real figure's caption names its source, in words
    companies = next(p for p in contents.pages if p.page == "companies")
    deck = next(i.figure for i in companies.items if i.kind == "map")
    fig = pack.static_map(deck, "da")
    fills = {trace.fillcolor for trace in fig.data}
    colours = {"rgb({},{},{})".format(*f["properties"]["fill"][:3]) for f in deck.layers[0].data["features"]}
    assert fills == colours  # the same classes and colours as the dashboard's map
    assert sorted(a.text for a in fig.layout.annotations) == sorted(
        f"<b>{f['properties']['count']}</b>" for f in deck.layers[0].data["features"])


def test_text_in_the_pack_is_neutralized(monkeypatch, tmp_path):
    from healthtech import capture

    item = capture.Item("table", title="Test", display=pd.DataFrame({"Navn": ["=HYPERLINK(\"x\")", "Aalborg"]}),
                        values=pd.DataFrame({"Navn": ["=HYPERLINK(\"x\")", "Aalborg"]}))
    contents = pack.Pack(lang="da", filters=filters.Filters(), pages=[capture.Capture("overview", "da",
                         filters.Filters(), items=[item])], made=pd.Timestamp("2026-01-01").to_pydatetime(),
                         data_as_of=freshness.stamp(["budget"]))
    text = _pdftotext(pack.pdf(contents, {}), tmp_path)
    assert "'=HYPERLINK" in text and "Aalborg" in text


def test_a_negative_number_in_a_pdf_table_is_not_taken_for_a_formula(tmp_path):
    from healthtech import capture

    item = capture.Item("table", title="Test", display=pd.DataFrame({"Forskel": ["-0,5", "'-x"]}),
                        values=pd.DataFrame({"Forskel": [-0.5, "-x"]}))
    contents = pack.Pack(lang="da", filters=filters.Filters(), pages=[capture.Capture("overview", "da",
                         filters.Filters(), items=[item])], made=pd.Timestamp("2026-01-01").to_pydatetime(),
                         data_as_of=freshness.stamp(["budget"]))
    text = _pdftotext(pack.pdf(contents, {}), tmp_path)
    assert " -0,5 " in f" {text} " and "'-0,5" not in text


@pytest.mark.slow
def test_the_workbook_has_every_table_of_every_page_with_numbers_as_numbers(packs):
    _, contents = packs["da"]
    book = openpyxl.load_workbook(io.BytesIO(pack.workbook(contents)))
    tables = [item for page in contents.pages for item in page.items if item.kind == "table"]
    assert len(book.sheetnames) == len(tables) + 1 and book.sheetnames[-1] == "Kilder og versioner"
    budget = book["Budget pr. finansiering"]
    assert budget.cell(row=1, column=1).value == "Budget – Budgettets fordeling på finansieringskilder"
    header_row = 3  # a title line (the page and the table's whole title), a blank line, then the headers
    headers = [c.value for c in budget[header_row]]
    amount = headers.index("Beløb (kr.)") + 1
    values = [budget.cell(row=r, column=amount).value for r in range(header_row + 1, header_row + 4)]
    assert sorted(values) == [2_800_000, 11_200_000, 14_000_000]
    assert budget.cell(row=header_row + 1, column=amount).number_format == '#,##0.0,, "mio. kr."'
    sources = book["Kilder og versioner"]
    assert any(row[0].value == "Data pr." for row in sources.iter_rows())


# --- English, completely -----------------------------------------------------------------------------------

DANISH = re.compile(
    r"[æøåÆØÅ]|\b(og|af|pr|ikke|fra|til|med|der|som|eller|alle|ingen|heraf|virksomhed\w*|klynge\w*|kommune\w*|"
    r"periode\w*|rækkevidde|forbrug\w*|eksempel\w*|tal|side|kilde\w*|sprog|måned\w*|dato|antal|i alt|beløb|"
    r"mio\. kr|data pr|samlet|sammenlagt|planlagt|faktisk\w*)\b", re.IGNORECASE)


def _data_values() -> list[str]:
    """Names and citations that are Danish in the data itself (proper nouns, titles of Danish documents)."""
    values = {"Danske Kommuner"}
    for sql in ("select name from companies", "select name from municipalities", "select organisation from clusters",
                "select title from documents", "select publisher from documents", "select title from activities",
                "select name from knowledge_partners"):
        values |= {str(v) for v in db.query(sql).iloc[:, 0].dropna()}
    for table in ("budget", "activity_weights", "targets", "clusters", "reach", "grant", "previous_funding",
                  "deliverables", "knowledge_partners", "network_figures", "documents"):
        for source in db.query(f'select distinct source from "{table}"')["source"].dropna():  # noqa: S608
            values |= {part.strip() for part in re.split(r"[;·]", str(source))}
            values |= {re.sub(r"^\S+\.txt\s*", "", part.strip()) for part in str(source).split(";")}  # headings
    return sorted((v for v in values if len(v) > 1), key=len, reverse=True)


def _without_data(text: str, values: list[str]) -> str:
    for value in values:
        text = text.replace(value, " ").replace(" ".join(value.split()), " ")
    return text


ENGLISH = re.compile(
    r"\b(the|of|and|or|with|from|choose|option|options|select|results?|sources?|sample|figures|page|show|not|this|"
    r"that|is|are|has|was|none|as of|uploaded|search|total|companies|members?|year|month|date|people|"
    r"persons|no options|drag and drop|browse files|limit)\b", re.IGNORECASE)


def _ui_texts(at) -> list[str]:
    """What a page shows, with every widget's label, options and placeholder (Streamlit's own placeholder,
    "Choose an option", is English unless the widget gets one)."""
    texts = [shown(at)]
    texts += [b.label for b in at.button] + [b.proto.label for b in at.get("download_button")]
    texts += [s.label for s in at.selectbox] + [str(o) for s in at.selectbox for o in s.options]
    texts += [s.proto.placeholder or "Choose an option" for s in at.selectbox]
    texts += [w.proto.label for w in at.get("file_uploader")]
    texts += [e.label for e in at.expander]
    return [re.sub(r"\]\([^)]*\)", "]", text) for text in texts]  # a link's target is not shown


@pytest.mark.parametrize("page", ["overview", "companies", "reach", "budget", "activities", "sources", "data"])
def test_no_english_on_a_danish_page(page):
    at = page_view(f"pages/{page}.py")
    text = "\n".join(_ui_texts(at))
    if page == "sources":  # file paths and the datasets' command-line codes are identifiers, not words
        text = re.sub(r"\b(sample|facts|geo)/[\w./]+", " ", text)
        text = re.sub(r"^([^\n]*?) (" + "|".join(d.name for d in DATASETS) + r") ", r"\1 ", text, flags=re.M)
    text = _without_data(text, _data_values())
    if page == "data":  # the column list names the English headers a file may carry, by design
        text = re.sub(r"\([^)]*\)", "", text)
    leaks = sorted({m.group(0) for m in ENGLISH.finditer(text)})
    assert leaks == [], [line for line in text.splitlines() if ENGLISH.search(line)][:5]


@pytest.mark.parametrize("page", ["overview", "companies", "reach", "budget", "activities", "sources", "data"])
def test_no_danish_on_an_english_page(page):
    at = page_view(f"pages/{page}.py", "en")
    texts = _ui_texts(at)
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        texts.append(json.dumps({k: layout.get(k) for k in ("title", "xaxis", "yaxis", "legend")}))
        texts += [str(t.get("name", "")) for t in json.loads(chart.proto.spec)["data"]]
    text = _without_data("\n".join(texts), _data_values())
    if page == "data":  # the column list names the Danish headers a file may carry, by design
        text = re.sub(r"\([^)]*\)", "", text)
    leaks = sorted({m.group(0) for m in DANISH.finditer(text)})
    assert leaks == [], [line for line in text.splitlines() if DANISH.search(line)][:5]


@pytest.mark.slow
def test_no_danish_in_the_english_pack(packs, tmp_path):
    text = _without_data(_pdftotext(packs["en"][0], tmp_path), _data_values())
    leaks = [text[max(0, m.start() - 40):m.end() + 40] for m in DANISH.finditer(text)]
    assert leaks == []


def test_every_text_has_both_languages_and_the_same_placeholders():
    for key, (da, en) in i18n.TEXTS.items():
        assert da.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", da)) == set(re.findall(r"{(\w+)}", en)), key


def test_poppler_is_installed_for_these_tests():
    assert shutil.which("pdftotext") and shutil.which("pdftoppm"), "make test installs poppler-utils"


def test_formula_like_names_survive_a_round_trip_exactly():
    rows = queries.run("data/companies_rows").head(3).copy()
    rows["name"] = ['=HYPERLINK("http://evil.example","x")', "-Minus ApS", "@Home Care"]
    exported = export.csv_bytes(export.dataset_frame(rows, "companies", "da"), "da")
    assert b"'=HYPERLINK" in exported and b"'-Minus ApS" in exported  # neutralized in the file
    result = ingest.read_bytes(exported, "companies.csv", "companies")
    assert result.ok and result.frame["name"].tolist() == rows["name"].tolist()  # and exact after the upload


def test_the_validation_report_download_is_neutralized_too():
    bad = 'Organisation;Kanal;Antal;Dato;=HYPERLINK("http://evil";"x")\r\nWT;Nyhedsbrev;-5;30-11-2020;1\r\n'
    result = ingest.read_bytes(bad.encode(), "=cmd|' /C calc'!A0.csv", "reach")
    text = export.csv_bytes(result.report("da"), "da").decode("utf-8-sig")
    cells = [cell for line in text.splitlines()[1:] for cell in line.split(";")]
    assert cells and not any(cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells)


def test_data_in_markdown_is_shown_as_plain_text():
    from healthtech import app

    escaped = app.plain("[klik](http://evil.example) ![x](http://evil.example/x.png) **fed** :material/lock:")
    assert "](" not in escaped.replace("\\](", "") and "\\*\\*fed\\*\\*" in escaped and "\\:material" in escaped


def test_control_characters_never_break_an_xlsx_export():
    frame = pd.DataFrame({"Navn": ["Nordjysk\x0bPuls\x07 ApS"], "Antal": [3]})
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes([export.Sheet("x", frame)]))).active
    assert ws["A2"].value == "NordjyskPuls ApS" and ws["B2"].value == 3


@pytest.mark.parametrize("text", ["06-2020", "2020-06", "juni 2020", "jun-20", "Jun 2020", "01-06-2020"])
def test_a_month_reads_the_way_danish_excel_writes_it(text):
    data = f"Måned;Finansiering;Område;Beløb\r\n{text};Privat;Matchmaking;1.234,50\r\n".encode("cp1252")
    result = ingest.read_bytes(data, "forbrug.csv", "spending")
    assert result.ok, [p.line() for p in result.problems]
    assert str(result.frame.at[0, "month"]) == "2020-06-01" and result.frame.at[0, "amount_dkk"] == 1234.5


# --- the pack as a reader and a screen reader get it (issue 17) -------------------------------------------------

def _pages_text(document: bytes, tmp_path) -> list[str]:
    path = tmp_path / "pack_pages.pdf"
    path.write_bytes(document)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page.replace("\u00a0", " ") for page in text.split("\f") if page.strip()]


def _catalog_language(document: bytes) -> str | None:
    """The document language (/Lang in the catalog), looked up in the PDF's streams too (object streams)."""
    import zlib

    chunks = [document]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        if (found := re.search(rb"/Type\s*/Catalog.*?/Lang\s*\(([^)]*)\)", chunk, re.S)) or \
                (found := re.search(rb"/Lang\s*\(([^)]*)\)[^/]*?/Type\s*/Catalog", chunk, re.S)):
            return found.group(1).decode()
    return None


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pack_is_a_tagged_pdf_in_its_language_with_headings_kept_and_words_whole(packs, tmp_path, lang):
    document, contents = packs[lang]
    (tmp_path / "pack.pdf").write_bytes(document)
    info = subprocess.run(["pdfinfo", str(tmp_path / "pack.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert _catalog_language(document) == lang
    tree = subprocess.run(["pdfinfo", "-struct", str(tmp_path / "pack.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert "H1" in tree and "H2" in tree and "Table" in tree and "TH" in tree and "Figure" in tree

    items = [item for page in contents.pages for item in page.items]
    headings = {" ".join(i.title.split()) for i in items if i.kind in ("heading", "subheader")}
    footer = re.compile(r"^Danish Healthtech\s+(Side|Page) \d+ (af|of) \d+$")
    # The dashboard's vocabulary: every word of the tables' headers and cells and of the headings.
    vocabulary = {w for i in items if i.kind == "table" for text in [*map(str, i.display.columns),
                                                                     *i.display.astype(str).to_numpy().ravel()]
                  for w in re.findall(r"[A-Za-zÆØÅæøå]{6,}", text)}
    vocabulary |= {w for h in headings for w in re.findall(r"[A-Za-zÆØÅæøå]{6,}", h)}
    source = " ".join(" ".join(str(v).split()) for i in items for v in (i.title, i.text))
    source += " ".join(" ".join(str(v).split()) for i in items if i.kind == "table"
                       for v in i.display.astype(str).to_numpy().ravel())
    for number, page in enumerate(_pages_text(document, tmp_path), start=1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not footer.match(line)]
        assert body and body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"
        assert "Hold musen" not in page and "Hover" not in page, number
        # A word hyphenated at a line's end ("Bevillings-" / "periode", Danish or English rules) is whole.
        words = re.findall(r"[A-Za-zÆØÅæøå]+[-\u2010\u00ad]?", page)
        split = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
                 if a[-1].isalpha() and a + b in vocabulary and a not in vocabulary and b not in vocabulary
                 and f"{a} {b}" not in source]  # "worked with in 2017" is two words
        assert split == [], f"page {number}: words broken inside: {split}"
    # One caption per figure, never "Kort – Kort over …".
    text = " ".join(" ".join(p.split()) for p in _pages_text(document, tmp_path))
    figure_word = i18n.t("pack.figure", lang, n="")
    figures = [i for i in items if i.kind in ("chart", "map")]
    assert len(re.findall(rf"{figure_word}\d+:", text)) == len(figures)
    map_word = i18n.t("pack.map", lang)
    assert f"{map_word} – {map_word}" not in text and f"{map_word}: {map_word}" not in text
