"""The Reach page: the 2018 table exactly as in the application, growth checked against pandas over the files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from healthtech import config
from tests.page_runs import page_view, shown

REACH = "pages/reach.py"


def files() -> pd.DataFrame:
    real = pd.read_csv(config.DATA_DIR / "facts" / "reach.csv")
    sample = pd.read_csv(config.DATA_DIR / "sample" / "reach.csv")
    return pd.concat([real, sample], ignore_index=True)


@pytest.mark.parametrize(("lang", "figures"), [
    (None, ["14.069", "4.792", "3.452", "4.103", "1.722", "1.700", "1.145", "1.762", "1.889", "1.320", "1.087",
            "Welfare Tech", "I alt", "Kilde: Ansøgningen, afsnit [4]"]),
    ("en", ["14,069", "4,792", "3,452", "4,103", "1,722", "1,700", "1,145", "1,762", "1,889", "1,320", "1,087",
            "Total", "Source: The application, section [4]"]),
])
def test_the_2018_table_is_the_applications(lang, figures):
    text = shown(page_view(REACH, lang))
    for figure in figures:
        assert figure in text, figure


def test_the_heat_table_has_the_applications_totals():
    heat = page_view(REACH, "en").dataframe[0].value.set_index("Organisation")
    assert heat.loc["Total"].to_dict() == {"Newsletters": 4792, "LinkedIn discussion groups": 3452,
                                           "LinkedIn company pages": 4103, "Twitter": 1722, "Total": 14069}
    assert heat.at["Welfare Tech", "Total"] == 1700 + 1690 + 1889 + 1320


@pytest.mark.parametrize(("period", "as_of"), [("all", "2020-11-30"), ("y1", "2019-11-30"), ("y2", "2020-11-30")])
def test_growth_matches_an_independent_computation_over_the_files(period, as_of):
    at = page_view(REACH, lang="en", period=period)
    growth = at.dataframe[2].value.set_index("Channel")
    df = files()
    baseline = df[df["as_of"] == "2018-01-01"].groupby("channel")["count"].sum()
    latest = df[df["as_of"] == as_of].groupby("channel")["count"].sum()
    names = {"newsletter": "Newsletters", "linkedin_group": "LinkedIn discussion groups",
             "linkedin_page": "LinkedIn company pages", "twitter": "Twitter"}
    for code, name in names.items():
        assert growth.at[name, "Latest"] == latest[code]
        assert growth.at[name, "Change"] == latest[code] - baseline[code]
        assert growth.at[name, "Change in %"] == pytest.approx((latest[code] - baseline[code]) / baseline[code])
    assert "Sample data – not real figures" in shown(at)


def test_the_over_time_chart_has_its_own_table_and_download():
    at = page_view(REACH, lang="en", period="y1")
    table = at.dataframe[1].value
    chart = json.loads(at.get("plotly_chart")[1].proto.spec)
    drawn = {(trace["name"], x, y) for trace in chart["data"] for x, y in zip(trace["x"], trace["y"], strict=True)
             if x is not None}  # the legend's real/sample keys have no points
    listed = {(channel, as_of, count)  # the table shows the snapshot as the chart's axis does: "2018", "30 Nov 2019"
              for as_of, channel, count in table[["As of", "Channel", "Count"]].itertuples(index=False)}
    assert listed == drawn and len(listed) == 8  # 4 channels x (2018, end of grant year 1)
    df = files()
    assert table["Count"].sum() == df[df["as_of"] <= "2019-11-30"]["count"].sum()
    assert any(b.proto.id.endswith("download_reach/by_channel_over_time") for b in at.get("download_button"))


def test_a_cluster_filter_narrows_to_that_organisations_channels():
    at = page_view(REACH, cluster="MTIC")
    table = at.dataframe[0].value
    assert list(table["Organisation"]) == ["MedTech Innovation Consortium", "I alt"]
    assert table["I alt"].tolist() == [1097 + 497 + 92] * 2
    by_org = at.dataframe[3].value  # organisations named as in the heat table (the registry labels the column)
    assert list(by_org["Organisation"]) == ["MedTech Innovation Consortium"]


def test_a_region_without_a_home_organisation_says_so():
    at = page_view(REACH, region="1085")  # Sjælland: CHC covers it, but no one is based there
    assert "Ingen organisation" in shown(at)
