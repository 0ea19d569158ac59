"""Issue 12 (part B): "data as of" tells the truth per dataset, citations are short and for people, uploaded
figures cite their upload, and file names stay in the Sources page's document table."""

from __future__ import annotations

import datetime as dt
import os
import re

import pandas as pd
import pytest

from healthtech import changes, documents, formatting, freshness, queries, store
from tests.page_runs import page_view, run_page, shown

PAGES = ["overview", "companies", "reach", "budget", "activities", "sources"]
FILE_NAME = re.compile(r"[0-9a-f]{16}\.txt")


def _caption_texts(at) -> str:
    return "\n".join(re.sub(r"\\(.)", r"\1", str(c.value)) for c in at.caption)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_document_file_name_outside_the_sources_table(page, lang):
    at = page_view(f"pages/{page}.py", lang)
    text = shown(at)
    helps = [str(c.proto.help) for c in at.caption] + [str(m.proto.help) for m in at.metric]
    if page == "sources":  # the document table is where the file names belong: its rows, and nowhere else
        files = tuple(queries.run("sources/documents")["file"])  # its last column
        rows = [line for line in text.splitlines() if line.rstrip().endswith(files)]
        assert len(rows) == len(files)
        text = "\n".join(line for line in text.splitlines() if line not in rows)
    assert FILE_NAME.findall(text + "\n".join(helps)) == []


def test_a_seed_citation_reads_as_document_and_section():
    assert documents.cite("001_19bda5ed8e2036d5.txt §4", "da") == "Ansøgningen, afsnit 4"
    assert documents.cite("001_19bda5ed8e2036d5.txt §2; 001_19bda5ed8e2036d5.txt §3; 001_19bda5ed8e2036d5.txt §4",
                          "en") == "The application, sections 2–4"
    assert documents.cite("000_350d397697d34dbe.txt Yderligere information", "da") == (
        "Pressemeddelelse, 2018: Yderligere information")
    # Many headings of one press release: the document alone, so a citation stays one line.
    many = "; ".join(f"000_350d397697d34dbe.txt Om {n}" for n in ("Welfare Tech", "LifeScience Innovation"))
    assert documents.cite(many, "en") == "Press release, 2018"
    assert documents.cite("data/geo/SOURCE.md", "da").startswith("DAGI")


def test_a_citation_links_to_the_sources_page_at_its_section_and_never_carries_a_token():
    text = documents.cite_markdown(["001_19bda5ed8e2036d5.txt §4"], "en")
    assert text == "The application, section [4](sources?doc=application-2018&section=4&lang=en)"
    assert "sources?doc=press-release-2018&section=yderligere-information" in documents.cite_markdown(
        ["000_350d397697d34dbe.txt Yderligere information"], "da")


def test_in_the_dashboard_a_citation_is_a_page_link_to_the_sources_page_in_the_same_session():
    """Under st.navigation a citation is a page link (same tab and session: a reader who came by a link keeps
    access); following it opens the Sources page at the cited document and section."""
    at = run_page("dashboard.py")
    links = [(re.sub(r"\\(.)", r"\1", pl.proto.label), pl.proto.page, pl.proto.query_string)
             for pl in at.get("page_link")]
    assert ("Ansøgningen, afsnit 3–6", "sources", "doc=application-2018&section=3") in links
    assert ("Pressemeddelelse, 2018", "sources", "doc=press-release-2018") in links
    assert not any("token" in q for _, _, q in links)
    at.query_params.update({"doc": "application-2018", "section": "3"})
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert [re.sub(r"\\(.)", r"\1", e.label) for e in at.expander
            if e.proto.expanded and e.icon != ":material/table:"] == ["3. Virksomhedsdeltagelse og -opbakning"]


def test_the_overview_cites_in_one_short_line_under_its_figures():
    at = page_view("pages/overview.py")
    line = next(c for c in _caption_texts(at).splitlines() if c.startswith("Kilde:"))
    plain = re.sub(r"\]\([^)]*\)", "", line).replace("[", "")
    assert plain == "Kilde: Ansøgningen, afsnit 3–6 · Pressemeddelelse, 2018 · Pressemeddelelse på engelsk, 2018: " \
                    "Further information"
    assert len(plain) < 120


@pytest.mark.slow
def test_data_as_of_on_a_fresh_clone_is_the_documents_date_not_today(data_copy):
    """A fresh clone has today's file times; the stamp must still say 2018 and which documents."""
    now = dt.datetime.now().timestamp()
    for path in data_copy.rglob("*"):
        os.utime(path, (now, now))
    today = {formatting.date(dt.date.today(), "da"), formatting.date(dt.date.today(), "en")}
    for page in PAGES:
        for lang in ("da", "en"):
            stamp = _caption_texts(run_page(f"pages/{page}.py", lang)).splitlines()[0]
            assert not any(day in stamp.replace("\u00a0", " ") for day in today), stamp
            assert " kl. " not in stamp and str(dt.date.today().year) not in stamp, stamp
    overview = _caption_texts(run_page("pages/overview.py")).splitlines()[0]
    assert overview.startswith("Data pr. 2018 (ansøgning og pressemeddelelse)"), overview
    companies = _caption_texts(run_page("pages/companies.py", "en")).splitlines()[0]
    # Companies shows the application's 456 / 159 (facts) beside the sample list.
    assert companies == "Data as of 2018 (application) · sample data, no date: Companies", companies
    activities = _caption_texts(run_page("pages/activities.py")).splitlines()[0]
    assert activities == ("Data pr. 2018 (ansøgning) · eksempeldata uden dato: Virksomheder, Aktiviteter, "
                          "Deltagelser, Forbrug"), activities


def test_the_overview_shows_only_real_reach_so_its_stamp_has_no_sample():
    assert freshness.page_reads("overview")["reach"] is True  # where data_origin = 'facts'
    assert freshness.page_stamp("overview").sample_datasets == ()
    assert "reach" in freshness.page_stamp("reach").sample_datasets


@pytest.mark.parametrize("page", PAGES)
def test_the_stamp_covers_every_query_the_page_really_runs(page, monkeypatch):
    """`page_reads` reads the page file; a query run under a name it cannot see would escape the stamp."""
    ran: list[str] = []
    load = queries.load

    def recording(name):
        ran.append(name)
        return load(name)

    monkeypatch.setattr(queries, "load", recording)
    run_page(f"pages/{page}.py")
    read = set()
    # the stamp and the citations themselves, the sidebar's "compare with" (the meetings) and its channel filter
    chrome = {"sources/dataset_rows", "sources/documents", "shared/meetings", "shared/channels"}
    if page == "overview":  # "what changed" sentences name other pages' figures, each labelled and linked there
        chrome |= set(changes.QUERIES)
    for name in set(ran) - (chrome if page != "sources" else set()):
        read |= freshness.datasets_read(load(name).sql)
    assert read <= set(freshness.page_datasets(page)), read - set(freshness.page_datasets(page))


def _upload_reach() -> store.Version:
    """Mette uploads the sample snapshots again as a file of her own (version 1 of reach)."""
    frame = queries.run("data/reach_rows")
    frame = frame[frame["as_of"] > pd.Timestamp("2018-12-31")].drop(columns=["is_sample", "data_origin"],
                                                                        errors="ignore")
    return store.import_frame("reach", frame, original=b"x", original_name="rakkevidde_dec.xlsx", who="Mette")


def test_an_upload_dates_the_page_and_is_cited_with_file_version_who_and_when(store_dir):
    version = _upload_reach()
    when = formatting.timestamp(dt.datetime.fromisoformat(version.when).astimezone().replace(tzinfo=None), "da")
    captions = _caption_texts(run_page("pages/reach.py")).replace("\u00a0", " ")
    stamp, uploads = captions.splitlines()[:2]
    assert stamp.startswith(f"Data pr. {when} (Rækkevidde".replace("\u00a0", " ")), stamp
    assert "rakkevidde_dec.xlsx, version 1, uploadet af Mette" in stamp
    assert "eksempeldata" not in stamp  # the upload replaced the sample snapshots
    assert uploads.startswith("Uploadede tal: Rækkevidde: nyhedsbreve og sociale medier: rakkevidde_dec.xlsx, "
                              "version 1, uploadet af Mette"), uploads
    # The overview shows only the application's 2018 reach: the upload does not date it.
    assert _caption_texts(run_page("pages/overview.py")).startswith("Data pr. 2018")


# --- one language at a time ----------------------------------------------------------------------------------

def test_an_unknown_code_lists_the_allowed_values_as_labels_in_the_readers_language():
    from healthtech import ingest

    # A channel the file adds is accepted as a new channel (issue 13); a spending area is a closed list.
    data = b"month;funder;area;amount_dkk\n2019-01-01;ministry;fax;10\n"
    problem = ingest.read_bytes(data, "s.csv", "spending").problems[0]
    assert problem.message("da") == ('Ukendt værdi "fax" (tilladt: Vidensspredning og kompetenceudvikling, '
                                     'Matchmaking, Samarbejdsprojekter, Internationaliseringsprojekter).')
    assert "collaboration" not in problem.message("en") and "Collaboration projects" in problem.message("en")


def test_the_upload_preview_shows_labels_names_and_the_readers_formats():
    from healthtech import editor

    frame = pd.DataFrame({"month": [pd.Timestamp("2019-01-01")], "funder": ["ministry"],
                          "area": ["dissemination"], "amount_dkk": [1234567.5]})
    da = editor.preview_frame(frame, "spending", "da")
    assert list(da.columns) == ["Måned", "Finansieringskilde", "Område", "Beløb (kr.)"]
    assert da.iloc[0].tolist()[:3] == ["jan. 2019", "Uddannelses- og Forskningsministeriet",
                                       "Vidensspredning og kompetenceudvikling"]
    assert da.iloc[0, 3].replace("\u00a0", " ").startswith("1.234.56")
    en = editor.preview_frame(frame, "spending", "en")
    assert list(en.columns) == ["Month", "Funder", "Area", "Amount (DKK)"] and en.iloc[0, 0] == "Jan 2019"
    companies = pd.DataFrame({"company_id": ["C1"], "municipality_code": [851], "region_code": [1081],
                              "joined_on": [pd.Timestamp("2019-03-05")], "membership": ["paying"],
                              "employees": [1200]})
    row = editor.preview_frame(companies, "companies", "da").iloc[0].tolist()
    assert row == ["C1", "Aalborg", "Region Nordjylland", "1.200", "Betalende medlem", "5. mar. 2019"]


def test_the_data_pages_dataset_chooser_follows_the_language_and_keeps_the_choice():
    at = run_page("pages/data.py")
    chooser = at.selectbox(key="_w_data_dataset")
    assert chooser.options[0] == "Rækkevidde: nyhedsbreve og sociale medier"
    assert not any("(" in o for o in chooser.options)  # no English code next to the Danish label
    chooser.set_value("spending").run()
    at.session_state["lang"] = "en"
    at.run()
    chooser = at.selectbox(key="_w_data_dataset")
    assert chooser.options[0] == "Reach: newsletters and social media" and chooser.value == "spending"
    assert chooser.proto.placeholder == "Choose …"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_selectbox_has_a_placeholder_in_the_pages_language(lang):
    expected = {"da": "Vælg …", "en": "Choose …"}[lang]
    for page in [*PAGES, "data"]:
        at = page_view(f"pages/{page}.py", lang)
        for box in at.selectbox:
            assert box.proto.placeholder in (expected, {"da": "Vælg et dokument", "en": "Choose a document"}[lang]), (
                page, box.label)


def test_the_document_registry_is_complete_and_each_publisher_stands_in_its_document():
    docs = queries.run("sources/documents")
    assert docs[["id", "kind", "language", "published", "publisher", "title", "short_title_da",
                 "short_title_en"]].notna().all().all()
    assert docs["id"].is_unique
    for row in docs.itertuples():
        text = (documents.config.SOURCES_DIR / row.file).read_text(encoding="utf-8")
        assert row.publisher in text, (row.file, row.publisher)
        assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", row.published), row.published


@pytest.mark.slow
def test_the_pack_names_an_upload_on_its_cover_and_on_the_pages_that_show_it(store_dir):
    from healthtech import filters, pack

    _upload_reach()
    contents = pack.collect("da", filters.Filters())
    assert pack._versions_text("da").startswith("Rækkevidde: nyhedsbreve og sociale medier: rakkevidde_dec.xlsx, "
                                                "version 1, uploadet af Mette")
    assert contents.data_as_of.newest.kind == "upload"  # the cover's "data as of" is the upload's import
    assert "rakkevidde_dec.xlsx" in freshness.summary(contents.data_as_of, "da")
    stamps = {p.page: [i.text for i in p.items if i.kind == "stamp"] for p in contents.pages}
    assert any(t.startswith("Uploadede tal: Rækkevidde") for t in stamps["reach"])
    assert not any("Uploadede tal" in t for t in stamps["overview"])  # its 2018 reach is the application's
    assert not any(FILE_NAME.search(i.text) for p in contents.pages if p.page != "sources" for i in p.items)
