"""Channel, funder and activity area as first-class filters (issue 16: a bar click on Reach, Budget or Activities
narrows the page like a sidebar filter). The figures under each filter are the queries' with the `$parameter`,
checked against pandas over the data files; a narrowed figure is set against its own part of the plan, never the
whole; a page whose data lacks the dimension says so and is not narrowed, also through a query it shares."""

from __future__ import annotations

import pandas as pd
import pytest

from healthtech import config, filters, i18n, pack, queries
from tests.page_runs import page_view, run_page, shown

REACH, BUDGET, ACTIVITIES = "pages/reach.py", "pages/budget.py", "pages/activities.py"


def reach_2018() -> pd.DataFrame:
    df = queries.run_filtered("reach/table_2018", filters.Filters().params())
    assert len(df) > 0
    return df


def spending() -> pd.DataFrame:
    return pd.read_csv(config.DATA_DIR / "sample" / "spending.csv", parse_dates=["month"])


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_new_filters_parse_from_the_url_and_refuse_anything_else():
    assert filters.BY_KEY["channel"].parse("linkedin_page") == "linkedin_page"
    assert filters.BY_KEY["funder"].parse("private") == "private"
    assert filters.BY_KEY["area"].parse("matchmaking") == "matchmaking"
    for key in ("channel", "funder", "area"):
        for bad in ("../etc", "<script>", "", None, "LINKEDIN_PAGE"):
            assert filters.BY_KEY[key].parse(bad) is None, (key, bad)
    chosen = filters.Filters(channel="twitter", funder="regional", area="collaboration", region=1081)
    assert chosen.params()["channel"] == "twitter" and chosen.active()["area"] == "collaboration"
    assert chosen.only(("period", "funder")) == filters.Filters(funder="regional")


@pytest.mark.parametrize("name", ["reach/table_2018", "reach/growth_by_channel", "reach/by_channel_over_time",
                                  "reach/history_before_grant"])
def test_a_channel_filter_keeps_exactly_that_channels_rows(name):
    everything = queries.run_filtered(name, filters.Filters().params())
    one = queries.run_filtered(name, filters.Filters(channel="linkedin_page").params())
    assert len(one) > 0 and set(one["channel"]) == {"linkedin_page"}
    expected = everything[everything["channel"] == "linkedin_page"].reset_index(drop=True)
    pd.testing.assert_frame_equal(one.reset_index(drop=True), expected, check_dtype=False)


def test_the_reach_page_under_a_channel_filter_shows_that_channels_figures():
    df = reach_2018()
    twitter = int(df.loc[df["channel"] == "twitter", "count"].sum())
    at = page_view(REACH, lang="en", channel="twitter")
    assert at.selectbox(key="_w_channel").value == "twitter"  # the sidebar shows it
    assert metric(at, "Total") == f"{twitter:,}"
    assert [m.label for m in at.metric][:2] == ["Total", "Twitter"]  # one channel card, no other channel
    heat = next(d.value for d in at.dataframe if "Twitter" in d.value.columns)
    assert "Newsletters" not in heat.columns  # no empty column for the channels the filter leaves out
    assert heat["Twitter"].iloc[-1] == twitter  # the totals row
    assert not [i for i in at.info if "not apply" in str(i.value)]
    assert "Clear channel: Twitter" in [b.label for b in at.button]


def test_a_funder_filter_sets_the_funders_spending_against_its_own_budget():
    at = page_view(BUDGET, lang="en", funder="regional")
    df = spending()
    regional = df[df["funder"] == "regional"]
    cumulative = at.dataframe[1].value
    assert cumulative["Cumulative spending (DKK)"].iloc[-1] == pytest.approx(regional["amount_dkk"].sum())
    # Like with like: the plan line is the funder's own 2.8 mio. kr. (the application's split), not the 28.0 mio. kr.
    assert cumulative["Cumulative plan (DKK)"].iloc[-1] == pytest.approx(2_800_000 / 24 * len(cumulative))
    shares = at.dataframe[2].value
    assert list(shares["Funder"]) == ["Regional co-funding"]
    assert shares["Actual share"].iloc[0] == pytest.approx(regional["amount_dkk"].sum() / df["amount_dkk"].sum())
    text = shown(at)
    assert "Regional co-funding: the spending from this source against its own part of the budget, DKK 2.8m" in text
    # The weighting is for the whole budget: spending by area stays all funders', and says so.
    assert "spending by activity area is shown here for all funders" in text
    areas = at.dataframe[3].value
    assert areas["Spending (DKK)"].sum() == pytest.approx(df["amount_dkk"].sum())
    assert "28.0m" in text  # the total budget and the split are the application's, unchanged
    assert at.selectbox(key="_w_funder").value == "regional"


def test_an_area_filter_narrows_activities_but_never_sets_a_part_against_the_whole():
    at = page_view(ACTIVITIES, lang="en", area="collaboration")
    everything = page_view(ACTIVITIES, lang="en")

    def table(view, column):
        return next(d.value for d in view.dataframe if column in d.value.columns)

    held, all_held = table(at, "Share of activities"), table(everything, "Share of activities")
    assert list(held["Area"]) == ["Collaboration projects"]
    # Its count and its share of ALL activities held, as in the unfiltered table (not 100 % of itself).
    assert held["Share of activities"].iloc[0] == pytest.approx(
        all_held.set_index("Area").at["Collaboration projects", "Share of activities"])
    spend, all_spend = table(at, "Spending (DKK)"), table(everything, "Spending (DKK)")
    assert len(all_spend) == 4
    row = all_spend[all_spend["Area"] == "Collaboration projects"].reset_index(drop=True)
    pd.testing.assert_frame_equal(spend.reset_index(drop=True), row)  # its share of ALL spending, against its weight
    deliverables = table(at, "Delivered")
    assert len(deliverables) > 0 and set(deliverables["Area"]) == {"Collaboration projects"}
    assert len(deliverables) < len(table(everything, "Delivered"))
    assert "Status" in deliverables.columns  # each deliverable still against its own planned range
    text = shown(at)
    assert "the Collaboration projects filter does not narrow the targets here" in text
    pd.testing.assert_frame_equal(table(at, "Progress"), table(everything, "Progress"))


@pytest.mark.parametrize(("page", "params", "note"), [
    ("companies", {"channel": "twitter"}, "The channel filter does not apply on this page: the company list"),
    ("activities", {"funder": "ministry"}, "The funder filter does not apply on this page: activities and "
                                           "participations are recorded by region, cluster and activity area"),
    ("budget", {"area": "matchmaking", "channel": "twitter"}, "The channel and activity area filters do not apply"),
    ("reach", {"funder": "private"}, "The funder filter does not apply on this page: reach is counted"),
])
def test_a_page_without_the_dimension_names_the_filter_and_is_not_narrowed(page, params, note):
    at = page_view(f"pages/{page}.py", lang="en", **params)
    notes = [str(i.value) for i in at.info if "not apply" in str(i.value)]
    assert len(notes) == 1 and notes[0].startswith(note), notes
    plain = page_view(f"pages/{page}.py", lang="en")
    for mine, theirs in zip(at.dataframe, plain.dataframe, strict=True):  # the same tables, row for row
        pd.testing.assert_frame_equal(mine.value, theirs.value)


def test_the_url_holds_the_filter_and_the_sidebar_clears_it():
    at = run_page(REACH, channel="newsletter")
    assert at.query_params["channel"] in ("newsletter", ["newsletter"])
    at.selectbox(key="_w_channel").set_value(filters.ALL).run()
    assert "channel" not in at.query_params
    assert at.session_state["channel"] is None


def test_the_meeting_packs_cover_names_the_new_filters():
    text = pack._filters_text(filters.Filters(channel="linkedin_page", funder="private", area="matchmaking"), "en")
    for part in (i18n.label("channel", "linkedin_page", "en"), "Private co-funding", "Matchmaking"):
        assert part in text
