"""Every page, as a user reads it, in Danish and English: the seed figures appear, formatted right."""

from __future__ import annotations

import inspect
import os
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from healthtech import app, catalog, config, datasets, documents, export, filters, i18n, queries, site, tables
from tests.page_runs import as_owner, page_view, run_page, shown

PAGES = [site.get(name).path for name in site.public()]


def test_the_page_registry_and_the_page_files_agree():
    """Adding a page is one registry entry plus its file: a file without an entry (or an entry without a file)
    fails here, and so does a page that does not open with its own `app.page("<name>")`."""
    files = {p.stem for p in (config.ROOT / "pages").glob("*.py")}
    assert files == set(site.BY_NAME)
    for entry in site.PAGES:
        script = (config.ROOT / entry.path).read_text(encoding="utf-8")
        assert f'app.page("{entry.name}")' in script, entry.name
        assert f'app.heading(ctx, "{entry.title_key}"' in script, entry.name
        assert f"nav.{entry.name}" in i18n.TEXTS and entry.title_key in i18n.TEXTS, entry
        assert set(entry.dimensions) <= set(filters.Filters(region=1081, cluster="LSI", period="y1", municipality=851,
                                                            channel="twitter", funder="private",
                                                            area="matchmaking").active()), entry
    assert set(site.pack()) <= set(site.public())


@pytest.mark.parametrize("lang", [None, "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_clean_and_shows_data_as_of(page, lang):
    text = shown(page_view(page, lang))
    assert ("Data as of" if lang == "en" else "Data pr.") in text


# How many sections of each page are seed figures and say so (the overview says it once, under its title; the
# companies page for its two KPIs from the application).
FACTS_SECTIONS = {"pages/overview.py": 1, "pages/companies.py": 1, "pages/reach.py": 1, "pages/budget.py": 2,
                  "pages/activities.py": 1, "pages/sources.py": 0}


@pytest.mark.parametrize("page", PAGES)
def test_the_actual_figures_label_is_only_on_seed_sections(page):
    at = page_view(page)
    captions = [str(c.value) for c in at.caption]
    labelled = [c for c in captions if "Faktiske tal fra kildedokumenterne" in c]
    assert len(labelled) == FACTS_SECTIONS.get(page, 0), captions  # a page with no seed figures: none
    # Under the title it stands only where the whole page is seed figures.
    assert ("Faktiske tal" in captions[0]) == (page == "pages/overview.py"), captions[0]
    assert "Rigtige tal" not in shown(at)
    english = [str(c.value) for c in page_view(page, "en").caption]
    assert sum("Actual figures from the source documents" in c for c in english) == FACTS_SECTIONS[page]


@pytest.mark.parametrize("page", PAGES)
def test_every_table_has_its_downloads_and_every_chart_a_table(page):
    """Danish-Excel CSV, international CSV and XLSX under every table."""
    at = page_view(page)
    tables, charts = len(at.dataframe), len(at.get("plotly_chart"))
    downloads = [b.proto.id.rsplit("-download_", 1)[-1] for b in at.get("download_button")]
    assert len(downloads) == 3 * tables and len(set(downloads)) == 3 * tables
    assert sum(d.endswith("_intl") for d in downloads) == sum(d.endswith("_xlsx") for d in downloads) == tables
    legends = 1 if page == "pages/companies.py" else 0  # the map legend strip is not a chart of data
    assert tables >= charts - legends


def test_overview_in_danish_shows_the_founding_figures():
    text = shown(page_view("pages/overview.py"))
    for figure in ("28,0 mio. kr.", "1. dec. 2018 – 30. nov. 2020", "Klynger og netværk 6", "Universiteter 5",
                   "14.069", "4.792", "4.103", "3.452", "1.722", "456", "82 %"):
        assert figure in text, figure
    for org, count in {"WT": "136", "MTIC": "80", "LSI": "33", "ISV": "159", "MTI": "107"}.items():
        assert f"{org}" in text and count in text
    # CHC states no exact count: "mere end 100" in the table and the hover, "> 100" on its bar.
    companies = page_view("pages/overview.py").dataframe[0].value.set_index("Forkortelse")
    assert companies.at["CHC", "Virksomheder (oplyst)"] == 100  # numeric, so the column still sorts
    assert "CHC Copenhagen Healthtech Cluster Regional klynge Region Hovedstaden mere end 100 virksomheder" in text
    assert "> 100" in text and "Copenhagen Healthtech Cluster<br>mere end 100 virksomheder, som klyngen" in text
    for target in ("500", "20", "15", "100", "2"):
        assert target in text
    assert "kan ikke lægges sammen" in text  # the stated counts overlap: never summed
    # The sector and 2017 figures as the application words them, never as exact counts.
    assert "samarbejdede med over 800 virksomheder i 2017" in text
    assert "Der er knap 900 sundhedsteknologivirksomheder i Danmark; 82 % af dem" in text
    assert "Kilde: Ansøgningen, afsnit [3](sources?doc=application-2018&section=3)" in text  # in words, linked


def test_overview_in_english_uses_english_formats():
    text = shown(page_view("pages/overview.py", "en"))
    for figure in ("DKK 28.0m", "1 Dec 2018 – 30 Nov 2020", "Clusters and networks 6", "Universities 5", "14,069",
                   "4,792", "82%"):
        assert figure in text, figure
    assert "14.069" not in text and "mio. kr." not in text
    assert "Copenhagen Healthtech Cluster<br>more than 100 companies the cluster worked with in 2017" in text
    assert "worked with more than 800 companies in 2017" in text
    assert "There are almost 900 health technology companies in Denmark; 82% of them" in text


def test_budget_in_danish_shows_the_split_and_euro():
    text = shown(page_view("pages/budget.py"))
    for figure in ("14,0 mio. kr.", "2,8 mio. kr.", "11,2 mio. kr.", "28,0 mio. kr.", "50 %", "10 %", "40 %",
                   "1,9 mio. EUR", "0,35 mio. EUR", "1,5 mio. EUR", "3,75 mio. EUR",
                   "Uddannelses- og Forskningsministeriet", "Regional medfinansiering", "Privat medfinansiering"):
        assert figure in text, figure
    # The previous period is there for context, labelled as such.
    for figure in ("12,0 mio. kr.", "11,0 mio. kr.", "8,975 mio. kr.", "1. jul. 2014 – 31. dec. 2017",
                   "ikke en del af Danish Healthtechs budget", "Beløb (kr.)", "8.975.000", "12.000.000"):
        assert figure in text, figure
    assert "9,0 mio. kr." not in text  # 8.975.000 kr. must never be rounded to 9


def test_budget_in_english():
    text = shown(page_view("pages/budget.py", "en"))
    for figure in ("DKK 14.0m", "DKK 2.8m", "DKK 11.2m", "DKK 28.0m", "50%", "10%", "40%", "EUR 1.9m",
                   "EUR 0.35m", "EUR 1.5m", "EUR 3.75m", "Ministry of Higher Education and Science"):
        assert figure in text, figure


def test_danish_says_akkumuleret_for_running_sums_and_sammenlagt_for_totals():
    budget = page_view("pages/budget.py")
    cumulative = budget.dataframe[1].value
    assert list(cumulative.columns[:4]) == ["Måned", "Forbrug (kr.)", "Akkumuleret forbrug (kr.)",
                                            "Akkumuleret plan (kr.)"]
    text = shown(budget)
    assert "Forbrug i perioden (sammenlagt)" in text and "Planlagt forbrug i perioden (sammenlagt, lineært)" in text
    assert "Rækkevidde 2018 (sammenlagt) 14.069" in shown(page_view("pages/overview.py"))
    reach = shown(page_view("pages/reach.py"))
    assert "Sammenlagt 14.069" in reach and "Seneste opgørelse (sammenlagt)" in reach
    joined = page_view("pages/companies.py").dataframe[4].value
    assert list(joined.columns[:3]) == ["År", "Tilknyttet", "Akkumuleret"]
    assert joined["Akkumuleret"].iloc[-1] == joined["Tilknyttet"].sum() == 456


def test_activities_shows_weighting_deliverables_and_targets():
    text = shown(page_view("pages/activities.py"))
    for figure in ("30 %", "25 %", "15 %", "Vidensspredning og kompetenceudvikling", "Matchmaking",
                   "Samarbejdsprojekter", "Internationaliseringsprojekter", "15–20", "2–4", "6–10", "1–2",
                   "mindst 4", "Virksomhedspersoner"):
        assert figure in text, figure
    english = shown(page_view("pages/activities.py", "en"))
    for figure in ("30%", "25%", "15%", "Knowledge dissemination and competence development", "at least 4"):
        assert figure in english, figure


def _datasets_table(at):
    return next(t.value for t in at.dataframe if "Dataset" in t.value.columns or "Datasæt" in t.value.columns)


def test_sources_lists_every_dataset_real_or_sample_with_rows():
    at = page_view("pages/sources.py", "en")
    table = _datasets_table(at)
    assert len(table) == len(datasets.DATASETS) >= 17  # the architecture's nine, the seed extras, the meetings, ...
    by_name = table.set_index("Dataset")
    assert by_name.at["budget", "Origin"] == "Real" and by_name.at["budget", "Rows"] == 3
    assert by_name.at["reach", "Origin"] == "Real + sample"
    assert (by_name.at["reach", "Rows"], by_name.at["reach", "Of which sample"]) == (45, 30)
    assert by_name.at["companies", "Origin"] == "Sample" and by_name.at["companies", "Rows"] == 456
    assert "The application, section 4" in by_name.at["reach", "Sources"]
    assert by_name.at["companies", "Files"] == "sample/companies.csv"
    assert by_name.at["reach", "Files"] == "facts/reach.csv, sample/reach.csv"


def test_sources_says_how_old_each_dataset_is_never_a_file_time(data_copy):
    """Facts date from their documents, sample data has no date, an empty dataset has none at all; touching the
    files (a fresh clone) changes nothing."""
    os.utime(data_copy / "sample" / "reach.csv", (1_600_000_000, 1_600_000_000))
    os.utime(data_copy / "facts" / "reach.csv", (1_500_000_000, 1_500_000_000))
    (data_copy / "sample" / "spending.csv").unlink()
    overview = catalog.dataset_overview(queries.run("sources/dataset_rows"), "en").set_index("dataset")
    assert overview.at["reach", "data_as_of"] == "Application, 2018; sample data"
    assert overview.at["budget", "data_as_of"] == "Press release, 2018"
    assert overview.at["companies", "data_as_of"] == "sample data"
    assert overview.at["spending", "origin"] == "empty" and overview.at["spending", "files"] == "–"
    assert pd.isna(overview.at["spending", "data_as_of"])
    assert "2020" not in " ".join(overview["data_as_of"].dropna())


def test_sources_shows_a_document_when_chosen_as_a_readable_document():
    at = run_page("pages/sources.py")
    at.selectbox[0].set_value("application-2018").run()
    assert not at.exception
    titles = [e.label for e in at.expander]
    assert "4\\. Hidtil opnåede resultater" in titles or "4. Hidtil opnåede resultater" in [
        re.sub(r"\\(.)", r"\1", t) for t in titles]
    text = "\n".join(m.value for m in at.markdown)
    assert "#### Dokumentation" in text and "| Type | Organisation | Antal modtagere/følgere |" in text
    assert "<sup>" not in text and "<b>" not in text and "sundhedsteknologi¹" in text
    # no section cited: all closed (the tables' folds are open: run_page opens them)
    assert not [e for e in at.expander if e.proto.expanded and e.icon != ":material/table:"]


def test_a_sources_link_opens_the_document_at_the_cited_section():
    at = as_owner(AppTest.from_file(str(config.ROOT / "pages/sources.py"), default_timeout=60))
    at.query_params.update({"doc": "press-release-2018", "section": "yderligere-information-om-innovationsnetvaerket"
                            "-danish-healt", "lang": "en"})
    at.run()
    assert not at.exception
    assert at.selectbox[0].value == "press-release-2018"
    expanded = [re.sub(r"\\(.)", r"\1", e.label) for e in at.expander if e.proto.expanded]
    assert expanded == ["Yderligere information om innovationsnetværket, Danish Healthtech"]
    assert any("Cited section: Yderligere information" in re.sub(r"\\(.)", r"\1", c.value) for c in at.caption)
    assert any(h.proto.anchor == "section-yderligere-information-om-innovationsnetvaerket-danish-healt"
               for h in at.subheader)


def test_every_citation_in_the_facts_links_to_a_section_that_exists():
    for source in queries.run("sources/dataset_rows")["sources"].dropna():
        cited, _ = documents.parse(source)
        for c in cited:
            for section in c.sections:
                assert documents.find_section(c.file, section) is not None, (c.file, section)


def test_a_listed_document_whose_file_is_missing_says_so_not_an_error(data_copy):
    (data_copy / "sources" / "002_ba7654f4a4e33f75.txt").unlink()
    assert documents.sections("002_ba7654f4a4e33f75.txt") == []
    assert documents.sections("../README.md") == []  # only files in data/sources/
    at = run_page("pages/sources.py")
    at.selectbox[0].set_value("danish-care-2020").run()
    assert not at.exception
    assert [i.value for i in at.info] == ["Dokumentets tekst findes ikke i denne installation."]


@pytest.mark.parametrize(("lang", "expected"), [
    ("da", ["Forkortelse;Virksomheder (oplyst)", "LSI;33", "CHC;mere end 100"]),
    ("en", ["Short name;Companies (stated)", "LSI;33", "CHC;more than 100"])])
def test_a_qualified_count_keeps_its_words_in_the_csv_download(monkeypatch, lang, expected):
    downloads = []
    monkeypatch.setattr(tables, "downloads", lambda ctx, frame, key, named: downloads.append(export.csv_bytes(frame)))
    df = pd.DataFrame({"short": ["LSI", "CHC"], "companies_stated": [33, 100],
                       "companies_qualifier": [None, "more_than"]})
    app.table(app.PageContext("overview", lang), df, "test", formats={"companies_stated": app.INT},
              qualifiers={"companies_stated": "companies_qualifier"}, fold=False)
    assert downloads[0].decode("utf-8-sig").splitlines() == expected


def test_the_heat_scale_has_a_top_even_for_an_empty_or_all_missing_table():
    assert app.heat_top(pd.DataFrame({"a": [3, 9], "b": [12, None]})) == 12
    assert app.heat_top(pd.DataFrame({"a": pd.Series([], dtype=float)})) == 1.0
    assert app.heat_top(pd.DataFrame({"a": [None, None]}, dtype=float)) == 1.0
    assert app.heat_top(pd.DataFrame({"a": [0, 0]})) == 1.0


def test_the_streamlit_internal_app_page_flips_is_still_there():
    """`app._leave_pages_directory_mode()` writes `PagesManager.uses_pages_directory`, a Streamlit internal
    (docs/maintainers.md, "Fragile"). If an upgrade renames it or stops reading it, this fails before the browser
    test on a fresh server does."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    assert "uses_pages_directory" in vars(PagesManager)
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner)


def test_the_language_toggle_switches_the_page_and_the_url():
    at = run_page("pages/budget.py")
    assert "lang" not in at.query_params
    at.sidebar.get("button_group")[0].set_value("en").run()
    assert at.query_params["lang"] in ("en", ["en"])
    assert "DKK 14.0m" in shown(at)


def test_the_entry_script_navigates_in_the_chosen_language():
    at = run_page("dashboard.py", "en")
    assert "Danish Healthtech – overview" in shown(at)
    at.switch_page("pages/budget.py").run()
    assert not at.exception
    assert "DKK 14.0m" in shown(at)
    assert at.query_params["lang"] in ("en", ["en"])


# --- "Vis forespørgsel / Show query" ------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_table_offers_the_query_behind_it_folded(page):
    """Every table of a public page comes from a query, and beside its downloads a closed "Vis forespørgsel"
    whose content is not made until it is opened."""
    at = page_view(page)
    shows = [p for p in at.get("popover") if p.proto.popover.label == "Vis forespørgsel"]
    assert len(shows) == len(at.dataframe) > 0
    assert not any(p.proto.popover.open for p in shows)
    assert not any(c.value.startswith("-- queries/") for c in at.code)  # nothing drawn while closed


@pytest.mark.parametrize("page", PAGES)
def test_a_table_under_its_chart_is_drawn_only_when_its_fold_is_opened(page):
    """A rerun draws what is visible: the folds stay closed and empty until a reader opens one (the pack and the
    downloads are not affected: they take every table)."""
    at = as_owner(AppTest.from_file(str(config.ROOT / page), default_timeout=60))
    at.run()
    assert not at.exception
    folds = [e for e in at.expander if e.icon == ":material/table:"]
    opened = len(page_view(page).dataframe)
    assert folds and not any(e.proto.expanded for e in folds)
    assert not any(child.type == "dataframe" for e in folds for child in e.children.values())
    assert len(at.dataframe) < opened
    first = next(key for key in at.session_state if key.startswith("fold."))
    at.session_state[first] = True  # what opening it does
    at.run()
    assert not at.exception
    assert any(child.type == "dataframe" for e in at.expander if e.icon == ":material/table:"
               for child in e.children.values())


def test_show_query_opens_on_the_sql_and_the_files_it_reads():
    at = run_page("pages/budget.py", "en")
    at.session_state["_query_budget/split_by_funder"] = True  # what opening the popover does
    at.run()
    text = next(c.value for c in at.code if c.value.startswith("-- queries/budget/split_by_funder.sql"))
    assert "-- Files:\n--   data/facts/budget.csv\n" in text
    assert text.endswith(queries.load("budget/split_by_funder").sql.strip())


def test_the_files_behind_a_query_follow_the_models_and_name_an_upload_by_its_dataset(store_dir):
    assert catalog.query_files("activities/effect_targets_progress") == [  # through the derived tables
        ("file", f"data/sample/{name}.csv", None) for name in ("activities", "companies", "participations")
    ] + [("file", "data/facts/targets.csv", None)]
    from tests.test_store import _import
    _import()
    files = catalog.query_files("reach/growth_by_channel")
    assert ("upload", "reach", 1) in files and ("file", "data/facts/reach.csv", None) in files
    assert ("file", "data/sample/reach.csv", None) not in files  # the upload replaced the sample rows
    assert tables.query_text("reach/growth_by_channel", "da").count("upload: reach, version 1") == 1


@pytest.mark.parametrize("lang", ["da", "en"])
def test_long_text_in_a_table_wraps_instead_of_being_cut_off(lang):
    # The effect targets' descriptions are longer than a one-line cell ("… kompetenceudvikling og matc"): their
    # table gets rows tall enough for the grid to wrap; a table of short labels keeps one-line rows.
    at = page_view("pages/overview.py", lang)
    heights = {}
    for frame in at.dataframe:
        longest = max(len(str(v)) for col in frame.value.columns for v in frame.value[col])
        heights[longest > tables.WRAP_FROM_CHARS] = frame.proto.row_height
    assert heights[True] == tables.WRAP_ROW_HEIGHT > 64  # the grid wraps text only in rows taller than 4rem
    assert heights[False] == 0  # unset: the grid's one-line rows
