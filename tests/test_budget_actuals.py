"""Budget actuals (sample): checked against pandas over the spending file; the drift flag on a crafted file."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from healthtech import config
from tests.page_runs import page_view, run_page, shown

BUDGET = "pages/budget.py"
FUNDERS_EN = {"ministry": "Ministry of Higher Education and Science", "regional": "Regional co-funding",
              "private": "Private co-funding"}


def spending() -> pd.DataFrame:
    return pd.read_csv(config.DATA_DIR / "sample" / "spending.csv", parse_dates=["month"])


@pytest.mark.parametrize(("period", "start", "end"), [
    ("all", "2018-12-01", "2020-11-30"), ("y1", "2018-12-01", "2019-11-30"), ("y2", "2019-12-01", "2020-11-30")])
def test_actual_shares_and_cumulative_match_pandas(period, start, end):
    at = page_view(BUDGET, lang="en", period=period)
    df = spending()
    df = df[(df["month"] >= start) & (df["month"] <= end)]
    cumulative = at.dataframe[1].value
    assert len(cumulative) == df["month"].nunique() == 12 * (2 if period == "all" else 1)
    assert cumulative["Cumulative spending (DKK)"].iloc[-1] == pytest.approx(df["amount_dkk"].sum())
    assert cumulative["Cumulative plan (DKK)"].iloc[-1] == pytest.approx(28_000_000 / 24 * len(cumulative))
    shares = at.dataframe[2].value.set_index("Funder")
    by_funder = df.groupby("funder")["amount_dkk"].sum() / df["amount_dkk"].sum()
    for code, name in FUNDERS_EN.items():
        assert shares.at[name, "Actual share"] == pytest.approx(by_funder[code])
    areas = at.dataframe[3].value
    by_area = df.groupby("area")["amount_dkk"].sum() / df["amount_dkk"].sum()
    assert sorted(areas["Actual share"].round(6)) == sorted(by_area.round(6))
    assert "Sample data – not real figures" in shown(at)


def test_a_funder_more_than_5_points_off_plan_is_flagged_in_words(data_copy):
    months = pd.date_range("2018-12-01", "2020-11-01", freq="MS").date
    rows = [{"month": m, "funder": f, "area": "matchmaking", "amount_dkk": amount}
            for m in months for f, amount in (("ministry", 600_000), ("regional", 50_000), ("private", 350_000))]
    pd.DataFrame(rows).to_csv(data_copy / "sample" / "spending.csv", index=False)
    text = shown(run_page(BUDGET))
    # ministry 60 % vs 50 % (+10 percentage points), regional 5 % vs 10 % (-5: not more than 5), private 35 % vs 40 %.
    assert "Uddannelses- og Forskningsministeriet: 60,0 % af forbruget mod planlagt 50 % – 10,0 procentpoint" in text
    assert text.count("⚠ over 5 procentpoint fra planen") == 1
    assert "⚠ Uddannelses- og Forskningsministeriet" in text  # the chart label carries the flag too
    assert "Finansieringskilder mere end 5 procentpoint fra planen 1" in text
    english = shown(run_page(BUDGET, lang="en"))
    assert "10.0 percentage points off plan (limit: 5 percentage points)" in english
    assert english.count("⚠ more than 5 percentage points off plan") == 1
    assert "Funders more than 5 percentage points off plan 1" in english
    # A difference of shares is always "procentpoint" / "percentage points", never bare "point(s)".
    assert re.search(r"(?<!procent)point", text) is None
    assert re.search(r"(?<!percentage )points?\b", english) is None


def test_on_plan_spending_raises_no_flag():
    text = shown(page_view(BUDGET))
    assert "⚠" not in text and "Finansieringskilder mere end 5 procentpoint fra planen 0" in text


def test_a_month_without_spending_still_advances_the_linear_plan(data_copy):
    # Spending in Dec 2018, Jan 2019 and Mar 2019 only: February has none, and year 2 starts two empty months
    # before its first spending (Feb 2020).
    months = ["2018-12-01", "2019-01-01", "2019-03-01", "2020-02-01"]
    pd.DataFrame({"month": months, "funder": "ministry", "area": "matchmaking", "amount_dkk": 1_000_000}).to_csv(
        data_copy / "sample" / "spending.csv", index=False)
    per_month = 28_000_000 / 24
    year_1 = run_page(BUDGET, lang="en", period="y1").dataframe[1].value
    assert list(year_1["Month"]) == ["Dec 2018", "Jan 2019", "Feb 2019", "Mar 2019"]  # as the table shows them
    assert year_1["Spending (DKK)"].tolist() == [1_000_000, 1_000_000, 0, 1_000_000]
    assert year_1["Cumulative spending (DKK)"].tolist() == [1_000_000, 2_000_000, 2_000_000, 3_000_000]
    assert year_1["Cumulative plan (DKK)"].tolist() == pytest.approx([per_month * n for n in (1, 2, 3, 4)])
    year_2 = run_page(BUDGET, lang="en", period="y2")
    cumulative = year_2.dataframe[1].value
    assert list(cumulative["Month"]) == ["Dec 2019", "Jan 2020", "Feb 2020"]
    assert cumulative["Cumulative plan (DKK)"].iloc[-1] == pytest.approx(3 * per_month)
    assert "Planned spending in the period (total, linear) DKK 3.5m" in shown(year_2)


def test_a_period_without_spending_says_so(data_copy):
    pd.DataFrame({"month": ["2019-01-01"], "funder": "ministry", "area": "matchmaking", "amount_dkk": [1000]}).to_csv(
        data_copy / "sample" / "spending.csv", index=False)
    at = run_page(BUDGET, lang="en", period="y2")
    assert "No spending in the chosen period." in shown(at)
