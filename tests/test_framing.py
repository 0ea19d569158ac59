"""Issue 12, honest framing: what a filtered view is compared with, like with like, real against sample, reach.

A view narrowed by region, cluster or grant year is never judged against the network's national two-year plan or
targets (healthtech/framing.py): no "under the range", no "% of the target", a contribution instead, on the page
and in the meeting pack."""

from __future__ import annotations

import json
import re
import subprocess

import pandas as pd
import pytest

from healthtech import charts, datasets, db, filters, framing, geo, pack
from tests.page_runs import page_view, run_page, shown, table_cells
from tests.test_activities_progress import participations
from tests.test_companies_and_filters import deck, feature_counts

ACTIVITIES = "pages/activities.py"
STATUS_WORDS = re.compile(r"(under|inden for|over) (intervallet|målet)|(under|within|over) the (range|target)",
                          re.IGNORECASE)
FILTERED = {
    "region": ({"region": "1081"}, filters.Filters(region=1081)),
    "cluster": ({"cluster": "LSI"}, filters.Filters(cluster="LSI")),
    "grant year": ({"period": "y1"}, filters.Filters(period="y1")),
    "region and year": ({"region": "1081", "period": "y2"}, filters.Filters(region=1081, period="y2")),
}


def title(spec: dict) -> str:
    """A chart's title as one line (a long one is wrapped for a phone), its sample label after "<br>"."""
    return re.sub(r"<br>(?!<sup>)", " ", spec["layout"].get("title", {}).get("text", ""))


def everything_shown(at) -> str:
    """The page's text plus what its charts say outside their data: titles, legend entries, axis titles."""
    parts = [shown(at)]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        parts.append(json.dumps(spec["layout"].get("title", ""), ensure_ascii=False))
        parts += [str(trace.get("name", "")) for trace in spec["data"]]
    return "\n".join(parts)


def persons(period: str, region: int | None) -> int:
    p = participations(period, region)
    return int(p.loc[p["area"].isin(["dissemination", "matchmaking"]), "persons"].sum())


# --- Activities on the screen ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("which", list(FILTERED))
def test_a_filtered_activities_view_is_a_contribution_never_under_a_national_figure(which, lang):
    params, chosen = FILTERED[which]
    at = page_view(ACTIVITIES, lang=lang, **params)
    text = everything_shown(at)
    assert not STATUS_WORDS.search(text), STATUS_WORDS.search(text).group(0)
    # No progress in % of a national target either: the table has no progress column.
    assert not any(c in ("Progress", "Fremdrift", "Status") for t in at.dataframe for c in t.value.columns)
    where = framing.scope(chosen, lang)
    assert framing.note(where, lang) in [i.value for i in at.info]
    # "Region Nordjylland: 25 af netværkets 500" – the issue's own wording, with the figure counted independently.
    period = chosen.period
    reached = f"{persons(period, chosen.region):,}".replace(",", "." if lang == "da" else ",") \
        if chosen.cluster is None else None
    of = "af netværkets 500" if lang == "da" else "of the network's 500"
    line = next(c.value for c in at.caption if c.value.startswith(f"{where.name(lang)}: "))
    assert f"{where.name(lang)}: {reached if reached is not None else ''}" in line and of in line
    both = "netværkets mål gælder begge år" if lang == "da" else "the network's targets are for both years"
    assert (both in line) == (period != "all")


def test_the_whole_view_still_judges_the_network_against_its_own_plan():
    text = everything_shown(page_view(ACTIVITIES))
    assert re.search(r"(under|inden for|over) intervallet", text)  # the rule above could fail
    assert "Fremdrift mod effektmålene" in text
    assert "af netværkets" not in text


def test_the_plan_is_not_divided_by_year_because_no_document_phases_it():
    at = page_view(ACTIVITIES, lang="en", period="y1")
    note = framing.note(framing.scope(filters.Filters(period="y1"), "en"), "en")
    assert "for 2019-2020 together" in note and "does not phase them by year" in note
    table = next(t.value for t in at.dataframe if "The network's plan 2019-2020" in t.value.columns)
    assert table.set_index("Deliverable").at["Newsletters", "The network's plan 2019-2020"] == "15–20"  # not 7.5–10
    sources = " ".join(db.query("select * from deliverables")["source"]) + " ".join(
        db.query("select * from targets")["source"])
    assert set(re.findall(r"\d{3}_[0-9a-f]{16}\.txt", sources)) == {"001_19bda5ed8e2036d5.txt"}


# --- Like with like ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("params", [{}, {"region": "1081"}, {"period": "y2"}])
def test_the_realised_weighting_sets_the_share_of_spending_and_only_that_against_the_weights(params):
    at = page_view(ACTIVITIES, lang="en", **params)
    charts_ = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    weighting = next(c for c in charts_ if "against the planned weighting" in title(c))
    assert [t["name"] for t in weighting["data"] if t.get("showlegend", True)] == ["Planned share", "Actual share"]
    assert [t["text"] for t in weighting["data"] if t["type"] == "scatter"] == [["30%", "30%", "25%", "15%"]]
    table = next(t for t in at.dataframe if "Difference (percentage points)" in t.value.columns
                 or "Actual share" in t.value.columns)
    spending = table.value
    assert "Share of activities" not in spending.columns and "Activities" not in spending.columns
    # The same rounding in the chart as in the table: "29.5%" on both, never "30%" on one and "29.5%" on the other
    # (the grid's percent format with one decimal, as the page's locale writes it).
    shown_cells = table_cells(table, "en")
    assert [t.replace("\u00a0", " ") for t in weighting["data"][1]["text"]] == \
        [str(v).replace("\u00a0", " ") for v in shown_cells["Actual share"]]
    # Activity counts by area are there, on their own: a chart without any planned weight in it.
    held = next(c for c in charts_ if title(c).startswith("Activities held by area"))
    assert len(held["data"]) == 1 and "Planned" not in held["data"][0].get("name", "")


def test_one_years_spending_split_is_not_called_a_deviation_from_the_two_year_weighting():
    from healthtech import i18n

    note = i18n.t("weighting.period_note", "en")
    for page in ("activities", "budget"):
        assert note in [i.value for i in page_view(f"pages/{page}.py", lang="en", period="y2").info]
        assert note not in [i.value for i in page_view(f"pages/{page}.py", lang="en").info]


def test_the_realised_weighting_is_the_budget_pages_share_of_spending():
    activities = page_view(ACTIVITIES, lang="en", period="y1")
    budget = page_view("pages/budget.py", lang="en", period="y1")
    mine = next(t.value for t in activities.dataframe if "Actual share" in t.value.columns)
    theirs = next(t.value for t in budget.dataframe if "Actual share" in t.value.columns and "Area" in t.value.columns)
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), theirs.reset_index(drop=True))


# --- Real is real, sample is sample ------------------------------------------------------------------------

def test_the_companies_chart_is_not_titled_like_the_overviews_as_stated_chart():
    def titles(at):
        return {title(json.loads(c.proto.spec)).split("<br>")[0]
                for c in at.get("plotly_chart")} | {s.value for s in at.header}
    overview, companies = titles(page_view("pages/overview.py")), titles(page_view("pages/companies.py"))
    assert "Virksomheder pr. klynge og netværk, som oplyst" in overview
    assert not ({t for t in overview if "klynge" in t} & {t for t in companies if "klynge" in t})
    assert not any(t.startswith("Virksomheder pr. klynge") for t in companies)


def test_unfiltered_company_kpis_that_equal_the_applications_come_from_the_facts_with_their_source():
    at = page_view("pages/companies.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dedikerede virksomheder (ansøgningen)"] == "456"
    assert metrics["Betalende medlemmer af WT eller LSI (ansøgningen)"] == "159"
    assert "Faktiske tal fra kildedokumenterne · Kilde: Ansøgningen, afsnit [1]" in shown(at)
    narrowed = page_view("pages/companies.py", region="1081")
    labels = {m.label for m in narrowed.metric}
    assert "Virksomheder" in labels and not any("ansøgningen" in label for label in labels)
    assert "Alle fire tal er eksempeldata" in shown(narrowed)


def test_the_municipality_is_a_sidebar_filter_that_narrows_the_map_and_the_region_chart():
    at = run_page("pages/companies.py", municipality="851")
    choice = at.sidebar.selectbox(key="_w_municipality")
    assert choice.value == 851 and choice.label == "Kommune"
    aalborg = len(db.query("select * from companies where municipality_code = 851"))
    assert 0 < aalborg < 456
    counts = feature_counts(at)
    assert counts[1081] == aalborg and sum(counts.values()) == aalborg
    region_chart = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                        if title(json.loads(c.proto.spec)).startswith("Virksomheder pr. region"))
    assert sum(region_chart["data"][0]["x"]) == aalborg
    at.segmented_control(key="_w_map_layer").set_value("municipalities").run()
    layer = {f["properties"]["code"]: f["properties"]["count"] for f in deck(at)["layers"][0]["data"]["features"]}
    assert layer[851] == aalborg and sum(layer.values()) == aalborg
    assert len(at.dataframe[-1].value) == aalborg


def test_a_page_without_municipalities_says_the_municipality_filter_does_not_apply():
    at = page_view("pages/reach.py", municipality="851")
    notes = [str(i.value) for i in at.info if "gælder ikke" in str(i.value)]
    assert notes and notes[0].startswith("Filteret for kommune gælder ikke på denne side")
    assert at.sidebar.selectbox(key="_w_municipality").value == 851


# --- Reach -------------------------------------------------------------------------------------------------

def test_reach_real_and_sample_points_differ_in_the_figure_spec_and_the_legend_says_which():
    at = page_view("pages/reach.py", lang="en")
    lines = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                 if title(json.loads(c.proto.spec)).startswith("Reach by channel over time"))
    newsletter = next(t for t in lines["data"] if t["name"] == "Newsletters")
    symbols = dict(zip(newsletter["x"], newsletter["marker"]["symbol"], strict=True))
    assert symbols["2018"] == charts.REAL_MARKER["symbol"]
    assert {s for x, s in symbols.items() if x != "2018"} == {charts.SAMPLE_MARKER["symbol"]}
    assert charts.REAL_MARKER["symbol"] != charts.SAMPLE_MARKER["symbol"]
    legend = {t["name"]: t["marker"]["symbol"] for t in lines["data"] if t["x"] == [None]}
    assert legend == {"Actual figure": charts.REAL_MARKER["symbol"], "Sample data": charts.SAMPLE_MARKER["symbol"]}


def test_every_reach_chart_has_a_title_and_a_unit_and_the_stacked_legend_follows_the_stacks():
    at = page_view("pages/reach.py", lang="en")
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        assert layout["title"]["text"]
        axis = layout["xaxis"] if layout["xaxis"].get("title") else layout["yaxis"]
        assert axis["title"]["text"] == "recipients and followers"
    stacked = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert stacked["layout"]["barmode"] == "stack" and stacked["layout"]["legend"]["traceorder"] == "normal"


def test_one_channel_order_on_the_cards_the_charts_and_the_tables():
    order = [f"channel.{c}" for c in datasets.CHANNELS]
    assert db.query("select channel_order(c) as n from (values ('newsletter'), ('linkedin_group'), "
                    "('linkedin_page'), ('twitter')) t(c)")["n"].tolist() == [1, 2, 3, 4]
    from healthtech import i18n

    names = [i18n.t(k, "en") for k in order]
    short = [i18n.t(k.replace("channel.", "channel_short."), "en") for k in order]
    at = page_view("pages/reach.py", lang="en")
    cards = [m.label for m in at.metric][1:5]
    assert cards == short
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs[0]["data"][0]["y"] == names  # stacked bar, top to bottom (the y axis runs reversed)
    assert [t["name"] for t in specs[1]["data"] if t["x"] != [None]] == names
    heat = at.dataframe[0].value
    assert list(heat.columns[1:5]) == names
    assert list(at.dataframe[1].value["Channel"].drop_duplicates()) == names
    assert list(at.dataframe[2].value["Channel"]) == names
    overview = page_view("pages/overview.py", lang="en")
    reach_table = next(t.value for t in overview.dataframe if "Channel" in t.value.columns)
    assert list(reach_table["Channel"]) == names


# --- the meeting pack --------------------------------------------------------------------------------------

def _pack_text(chosen: filters.Filters, lang: str, tmp_path) -> tuple[str, pack.Pack]:
    """The pack's text without its pictures (the charts' captions and every table, note and cover line)."""
    contents = pack.collect(lang, chosen)
    path = tmp_path / f"pack_{lang}.pdf"
    path.write_bytes(pack.pdf(contents, {}))
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.replace("\u00a0", " ").split())
    return re.sub(r"\s*\.\s*(txt|csv)\b", r".\1", text), contents  # a file name wrapped after its dot, joined


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("which", list(FILTERED))
def test_a_filtered_pack_is_a_contribution_never_under_a_national_figure(which, lang, tmp_path):
    _, chosen = FILTERED[which]
    text, contents = _pack_text(chosen, lang, tmp_path)
    activities = next(p for p in contents.pages if p.page == "activities")
    titles = " ".join(i.text for i in activities.items if i.kind == "chart")
    assert not STATUS_WORDS.search(text + titles), STATUS_WORDS.search(text + titles).group(0)
    where = framing.scope(chosen, lang)
    assert " ".join(framing.note(where, lang).split()) in text
    of = "af netværkets 500" if lang == "da" else "of the network's 500"
    assert f"{where.name(lang)}: " in text and of in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_filter_does_not_apply_note_of_the_screen_is_in_the_pack_cover_and_sections(lang, tmp_path):
    chosen = filters.Filters(region=1081, period="y1")
    text, contents = _pack_text(chosen, lang, tmp_path)
    for page, params in (("overview", {"region": "1081", "period": "y1"}),
                         ("budget", {"region": "1081", "period": "y1"}),
                         ("companies", {"region": "1081", "period": "y1"})):
        at = page_view(f"pages/{page}.py", lang=lang, **params)
        notes = [str(i.value) for i in at.info if "gælder ikke" in str(i.value) or "not apply" in str(i.value)]
        assert notes, page
        captured = [i.text for i in next(p for p in contents.pages if p.page == page).items if i.kind == "note"]
        for note in notes:
            assert note in captured, (page, note)
            assert " ".join(note.split()) in text, (page, note)
    # The cover (page 1) names the filters and says, before any figure, where they do not apply.
    cover = subprocess.run(["pdftotext", "-raw", "-f", "1", "-l", "1", str(tmp_path / f"pack_{lang}.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    cover = " ".join(cover.replace("\u00a0", " ").split())
    assert geo.region_name(1081, lang) in cover
    for page in contents.pages:
        if page.filter_note:
            assert " ".join(page.filter_note.split()) in cover, page.page
    assert sum(1 for page in contents.pages if page.filter_note) >= 3  # overview, budget, companies at least


@pytest.mark.slow
def test_the_regional_packs_budget_figure_carries_its_note(tmp_path):
    text, contents = _pack_text(filters.Filters(region=1081), "da", tmp_path)
    overview = next(p for p in contents.pages if p.page == "overview")
    kinds = [i.kind for i in overview.items]
    budget_at = next(i for i, item in enumerate(overview.items) if item.kind == "metric" and "28,0" in item.text)
    assert "note" in kinds[:budget_at], kinds  # the note comes before the network-wide 28,0 mio. kr.
    assert text.index("gælder ikke på denne side") < text.index("28,0 mio. kr.")


def test_the_heat_tables_totals_row_is_outside_the_heat_scale():
    at = page_view("pages/reach.py", lang="en")
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    heat = at.dataframe[0].value
    last = len(heat) - 1
    assert heat.iloc[last]["Total"] == 14069
    rules = dict(reversed(rule.split(" { ")) for rule in styles.strip().splitlines())
    by_cell = {cell.strip().rsplit("_", 2)[-2:][0] + "_" + cell.strip().rsplit("_", 1)[-1]: css.rstrip(" }")
               for css, cells in rules.items() for cell in cells.split(",")}
    from healthtech import tables

    assert all(by_cell[f"row{last}_col{c}"] == tables.TOTALS_CSS for c in range(1, 5))  # grey, bold, no blue
    # The darkest blue goes to the largest cell of the body (1,889), not to the totals row (4,792).
    darkest = max((css for cell, css in by_cell.items() if "rgba" in css), key=lambda css: css.split(",")[3])
    row, col = heat.iloc[:last, 1:5].stack().idxmax()
    assert by_cell[f"row{row}_col{list(heat.columns).index(col)}"] == darkest


@pytest.mark.parametrize(("page", "params"), [("activities", {"region": "1081", "period": "y1"}),
                                              ("activities", {"cluster": "LSI"}),
                                              ("companies", {"municipality": "851"}),
                                              ("reach", {"municipality": "851"})])
def test_the_new_framing_texts_are_english_on_an_english_page(page, params):
    from tests.test_exports import DANISH, _data_values, _without_data

    at = page_view(f"pages/{page}.py", lang="en", **params)
    text = _without_data(everything_shown(at), _data_values())
    assert not DANISH.search(text), [line for line in text.splitlines() if DANISH.search(line)][:3]


@pytest.mark.slow
def test_the_english_regional_pack_has_no_danish_in_its_framing(tmp_path):
    from tests.test_exports import DANISH, _data_values, _without_data

    text, _ = _pack_text(filters.Filters(region=1081, period="y2"), "en", tmp_path)
    text = _without_data(text, _data_values())
    assert not DANISH.search(text), [text[max(0, m.start() - 40):m.end() + 40] for m in DANISH.finditer(text)][:3]
