"""The figures a page shows come out of the SQL that returns them (docs/maintainers.md, "Add a query"): the key
figures of Reach, Budget and Companies are query results, and they equal what the pages used to derive in pandas
from the detail queries beside them, under each region, cluster and period filter and a few combinations."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from healthtech import geo, queries
from healthtech.datasets import ORGANISATIONS
from healthtech.filters import PERIODS, Filters

FILTERS = ([Filters(region=r) for r in [None, *geo.region_codes()]] + [Filters(cluster=c) for c in ORGANISATIONS]
           + [Filters(period=p) for p in PERIODS if p != "all"]
           + [Filters(region=r, cluster=c, period="y2") for r, c in itertools.product((1081, 1084), ("WT", "LSI"))]
           + [Filters(channel=c) for c in ("newsletter", "twitter")] + [Filters(funder="regional", period="y1"),
                                                                       Filters(funder="private")])
IDS = lambda f: "-".join(str(v) for v in (f.region, f.cluster, f.period, f.municipality, f.channel, f.funder))  # noqa: E731


def _one(name: str, params: dict) -> pd.Series:
    frame = queries.run_filtered(name, params)
    assert len(frame) == 1, name
    return frame.iloc[0]


@pytest.mark.parametrize("f", FILTERS, ids=IDS)
def test_the_reach_key_figures_are_the_sums_of_the_reach_tables(f):
    params = f.params()
    table = queries.run_filtered("reach/table_2018", params)
    totals = queries.run_filtered("reach/channel_totals_2018", params)
    by_channel = table.groupby("channel", sort=False)["count"].sum()
    assert list(totals["channel"]) == list(by_channel.index)
    assert list(totals["count"]) == list(by_channel)
    assert set(totals["all_channels"]) <= {by_channel.sum()}

    growth = queries.run_filtered("reach/growth_by_channel", params)
    total = _one("reach/growth_total", params)
    baseline, latest = growth["baseline"].sum(), growth["latest"].sum()
    if growth.empty:
        assert pd.isna(total.baseline) and pd.isna(total.latest) and pd.isna(total.latest_as_of)
    else:
        assert (total.baseline, total.latest, total.change) == (baseline, latest, latest - baseline)
        assert total.change_pct == pytest.approx((latest - baseline) / baseline)
        assert total.latest_as_of == growth["latest_as_of"].max()
        assert bool(total.is_sample) == bool(growth["is_sample"].any())

    over_time = queries.run_filtered("reach/by_channel_over_time", params)
    in_2018 = set(over_time.loc[pd.to_datetime(over_time["as_of"]).dt.year == 2018, "channel"])
    added = [c for c in dict.fromkeys(over_time["channel"]) if c not in in_2018]
    assert list(_one("reach/channels_added", params).channels) == added


@pytest.mark.parametrize("f", FILTERS, ids=IDS)
def test_the_budget_key_figures_are_the_last_month_and_the_drifted_funders(f):
    params = f.params()
    cumulative = queries.run_filtered("budget/cumulative_actual_vs_plan", params)
    shares = queries.run_filtered("budget/funder_share_actual", params)
    key = _one("budget/spending_so_far", params)
    last = cumulative.iloc[-1]
    assert key.actual == pytest.approx(last.cumulative_actual) == pytest.approx(cumulative["actual"].sum())
    assert key.planned == pytest.approx(last.cumulative_plan)
    assert key.against_plan == pytest.approx(last.cumulative_actual / last.cumulative_plan - 1)
    assert key.funders_drifted == int(shares["drifted"].sum())
    assert bool(key.is_sample) == bool(cumulative["is_sample"].any())


def test_the_budget_key_figures_of_a_period_without_spending_are_missing():
    key = _one("budget/spending_so_far", {"period_start": "2030-01-01", "period_end": "2030-12-31",
                                              "funder": None})
    assert pd.isna(key.actual) and pd.isna(key.planned) and pd.isna(key.against_plan)
    assert key.funders_drifted == 0


def test_the_previous_period_spans_the_previous_co_funding_rows():
    previous = queries.run("budget/previous_period_cofunding")
    period = _one("budget/previous_period", {})
    assert (period.period_start, period.period_end) == (previous["period_start"].min(), previous["period_end"].max())


@pytest.mark.parametrize("f", [*FILTERS, Filters(municipality=101)], ids=IDS)
def test_the_share_of_small_companies_is_small_over_companies(f):
    head = _one("companies/headline", f.params())
    if head.companies:
        assert head.share_small == pytest.approx(head.small / head.companies)
    else:  # a cluster with no company in the region
        assert pd.isna(head.share_small)


def test_without_companies_the_share_of_small_companies_is_missing():
    head = _one("companies/headline", {"region": None, "cluster": "no such cluster", "municipality": None})
    assert head.companies == 0 and pd.isna(head.share_small)
