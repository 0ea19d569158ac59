"""The Companies page and the filters that follow the user (AppTest: pydeck JSON, dataframes, query params)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from healthtech import maps, tables
from tests.page_runs import page_view, run_page, shown

COMPANIES = "pages/companies.py"


def deck(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def feature_counts(at) -> dict[int, int]:
    features = deck(at)["layers"][0]["data"]["features"]
    return {f["properties"]["code"]: f["properties"]["count"] for f in features}


def test_the_map_shows_every_region_with_the_sample_counts_and_is_labelled_sample():
    at = run_page(COMPANIES)  # its own: it clicks "show all"
    counts = feature_counts(at)
    assert sorted(counts) == [1081, 1082, 1083, 1084, 1085] and sum(counts.values()) == 456
    text = shown(at)
    assert "Eksempeldata – ikke faktiske tal" in text and "Dedikerede virksomheder (ansøgningen) 456" in text
    # The list shows its first rows; "show all" (one click) shows every company, and the download holds them all.
    assert len(at.dataframe[-1].value) == tables.ROW_CAP
    assert at.toggle(key="_all_companies/company_list").label == "Vis alle 456 rækker"
    at.toggle(key="_all_companies/company_list").set_value(True).run()
    assert len(at.dataframe[-1].value) == 456
    english = shown(page_view(COMPANIES, "en"))
    assert "Sample data – not real figures" in english and "Eksempeldata" not in english


@pytest.mark.parametrize(("lang", "how"), [
    (None, "vælg en region eller en kommune i filtrene"),
    ("en", "choose a region or a municipality in the filters")])
def test_the_intro_points_to_the_filters_and_the_municipality_choice_not_a_map_click(lang, how):
    intro = page_view(COMPANIES, lang).markdown[0].value
    assert how in intro
    for word in ("click", "klik", "on the map", "på kortet"):
        assert word not in intro.lower(), word


def test_filtering_to_nordjylland_changes_the_map_and_the_list():
    at = run_page(COMPANIES)
    at.sidebar.selectbox[0].set_value(1081).run()
    assert not at.exception
    counts = feature_counts(at)
    assert counts[1081] == 25 and all(n == 0 for code, n in counts.items() if code != 1081)
    view = deck(at)["initialViewState"]
    assert 56.5 < view["latitude"] < 57.5 and view["zoom"] > 6  # zoomed to the region
    listing = at.dataframe[-1].value
    assert len(listing) == 25 and set(listing["Region"]) == {"Region Nordjylland"}
    assert at.query_params["region"] in ("1081", ["1081"])


def test_query_params_round_trip_and_set_the_widgets():
    at = run_page(COMPANIES, lang="en", region="1083", cluster="WT", period="y1")  # its own: it clicks "show all"
    assert {k: at.query_params[k] for k in ("lang", "region", "cluster", "period")} in (
        {"lang": "en", "region": "1083", "cluster": "WT", "period": "y1"},
        {"lang": ["en"], "region": ["1083"], "cluster": ["WT"], "period": ["y1"]})
    assert at.sidebar.selectbox[0].value == 1083 and at.sidebar.selectbox[1].value == "WT"
    at.toggle(key="_all_companies/company_list").set_value(True).run()  # the whole list, not its first rows
    listing = at.dataframe[-1].value
    assert len(listing) == 101 and set(listing["Cluster"]) == {"WT"}


def test_nonsense_in_the_url_falls_back_to_the_defaults():
    at = page_view(COMPANIES, lang="xx", region="9999", cluster="<script>", period="y9")
    assert sum(feature_counts(at).values()) == 456
    for key in ("lang", "region", "cluster", "period"):
        assert key not in at.query_params


def test_drill_down_to_a_municipality_narrows_the_list_and_highlights_it():
    at = run_page(COMPANIES)
    at.segmented_control(key="_w_map_layer").set_value("municipalities").run()
    assert len(feature_counts(at)) == 98
    at.selectbox(key="_w_municipality").set_value(851).run()
    listing = at.dataframe[-1].value
    assert len(listing) > 0 and set(listing["Kommune"]) == {"Aalborg"}
    assert at.query_params["municipality"] in ("851", ["851"])
    aalborg = next(f for f in deck(at)["layers"][0]["data"]["features"] if f["properties"]["code"] == 851)
    assert aalborg["properties"]["line"] == [31, 78, 121]


ALL_FILTERS = {"region": "1083", "cluster": "WT", "period": "y1"}


@pytest.mark.parametrize(("page", "params", "lang", "note"), [
    ("overview", ALL_FILTERS, None, "Filtrene for region, klynge og periode gælder ikke på denne side: tallene er for "
                                    "hele netværket og hele bevillingsperioden"),
    ("overview", ALL_FILTERS, "en", "The region, cluster and period filters do not apply on this page: the figures "
                                    "are for the whole network"),
    ("budget", {"region": "1081"}, None, "Filteret for region gælder ikke på denne side: budgettet og forbruget "
                                         "opgøres for hele netværket"),
    ("budget", ALL_FILTERS, None, "Filtrene for region og klynge gælder ikke på denne side: budgettet"),
    ("budget", ALL_FILTERS, "en", "The region and cluster filters do not apply on this page: the budget and the "
                                  "spending"),
    ("companies", ALL_FILTERS, None, "Filteret for periode gælder ikke på denne side: virksomhedslisten er et "
                                     "øjebliksbillede"),
    ("companies", {"period": "y2"}, "en", "The period filter does not apply on this page: the company list is a "
                                          "snapshot"),
    ("sources", {"cluster": "LSI"}, None, "Filteret for klynge gælder ikke på denne side: siden beskriver "
                                          "datasættene"),
])
def test_a_filter_that_does_not_apply_is_named_in_the_right_number_with_the_pages_reason(page, params, lang, note):
    at = page_view(f"pages/{page}.py", **params, **({"lang": lang} if lang else {}))
    notes = [str(i.value) for i in at.info if "gælder ikke" in str(i.value) or "not apply" in str(i.value)]
    assert len(notes) == 1 and notes[0].startswith(note), notes


@pytest.mark.parametrize("page", ["reach", "activities"])
def test_pages_with_every_dimension_have_no_note(page):
    at = page_view(f"pages/{page}.py", **ALL_FILTERS)
    assert not [i for i in at.info if "gælder ikke" in str(i.value)]


def test_pages_without_a_region_dimension_say_the_filter_does_not_apply():
    at = page_view("pages/budget.py", region="1081")
    assert "gælder ikke" in shown(at)
    assert "14,0 mio. kr." in shown(at)  # still the whole network's figures
    assert "gælder ikke" not in shown(page_view("pages/budget.py"))


def test_the_filters_survive_a_page_switch_in_the_entry_script():
    at = run_page("dashboard.py", region="1082")
    at.switch_page("pages/companies.py").run()
    assert not at.exception
    assert feature_counts(at)[1082] == 59 and at.query_params["region"] in ("1082", ["1082"])


def test_classes_colours_and_legend():
    counts = pd.Series([0, 1, 2, 5, 9, 20, 40])
    bounds = maps.classify(counts)
    assert bounds == sorted(set(bounds)) and bounds[-1] == 40
    assert maps.colour(0, bounds) == maps.EMPTY and maps.colour(40, bounds) == maps.BLUES[-1]
    assert maps.colour(7, [7]) == maps.BLUES[-1]  # a single class is drawn dark, not pale
    labels = [label for _, label in maps.legend([2, 10, 40], "da")]
    assert labels == ["0", "1–2", "3–10", "11–40"]


def test_the_deck_is_offline_and_compact():
    counts = pd.DataFrame({"code": [1081, 1082, 1083, 1084, 1085], "companies": [1, 2, 3, 4, 5]})
    text = maps.choropleth("regions", counts, "da", "virksomheder").to_json()
    spec = json.loads(text)
    assert "\n" not in text
    assert spec["mapStyle"].startswith("data:application/json")
    assert "mapbox" not in text.lower() and "carto" not in text.lower() and "http" not in text


def test_the_region_list_beside_the_map_wraps_instead_of_cutting_a_name_off():
    # In a column Streamlit keeps pills on one scrolling row: "Region of Southern Denm…" was cut at the edge.
    pills = [el for el in page_view("pages/companies.py", "en").get("button_group")
             if el.proto.label.startswith("Choose a region")]
    assert len(pills) == 1 and pills[0].proto.wrap
