"""Activities: deliverables and effect targets counted from the sample files, checked against pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from healthtech import config
from tests.page_runs import page_view, shown

ACTIVITIES = "pages/activities.py"
PERIODS = {"all": ("2018-12-01", "2020-11-30"), "y1": ("2018-12-01", "2019-11-30"), "y2": ("2019-12-01", "2020-11-30")}


def sample(name: str) -> pd.DataFrame:
    return pd.read_csv(config.DATA_DIR / "sample" / f"{name}.csv")


def participations(period: str, region: int | None = None) -> pd.DataFrame:
    start, end = PERIODS[period]
    acts = sample("activities")
    acts = acts[(acts["date"] >= start) & (acts["date"] <= end)]
    merged = sample("participations").merge(acts, on="activity_id").merge(
        sample("companies")[["company_id", "region_code"]].rename(columns={"region_code": "company_region"}),
        on="company_id")
    return merged if region is None else merged[merged["company_region"] == region]


@pytest.mark.parametrize(("period", "region"), [("all", None), ("y1", None), ("y2", 1083), ("all", 1081)])
def test_effect_targets_match_pandas(period, region):
    params = {"lang": "en", "period": period} | ({"region": str(region)} if region else {})
    targets = page_view(ACTIVITIES, **params).dataframe[-1].value.set_index("Effect target")
    targets = targets.rename(columns=lambda c: "Reached" if c.startswith("Reached – ") else c)  # filtered: whose
    p = participations(period, region)
    expected = {
        "Company persons took part in dissemination, competence development and matchmaking":
            p.loc[p["area"].isin(["dissemination", "matchmaking"]), "persons"].sum(),
        "Companies took part in collaboration projects":
            p.loc[p["kind"] == "collaboration_project", "company_id"].nunique(),
        "Companies gained new international collaboration contacts":
            p.loc[p["kind"] == "study_trip", "company_id"].nunique(),
        "Companies gained new internationalisation competences":
            p.loc[p["area"] == "internationalisation", "company_id"].nunique(),
    }
    for target, value in expected.items():
        assert targets.at[target, "Reached"] == value, target
    # Targets the data cannot count stay empty, never 0.
    assert pd.isna(targets.at["Companies gained new regulatory competences", "Reached"])
    # The target is the network's, whatever the filter; a filtered view names it so (healthtech/framing.py).
    target = "Target" if (period, region) == ("all", None) else "The network's target 2019-2020"
    assert targets.at["Company persons took part in dissemination, competence development and matchmaking",
                      target] == 500


@pytest.mark.parametrize("period", ["all", "y1"])
def test_deliverables_delivered_and_status_match_pandas(period):
    at = page_view(ACTIVITIES, lang="en", period=period)
    table = next(t.value for t in at.dataframe if "Deliverable" in t.value.columns).set_index("Deliverable")
    table = table.rename(columns={"Delivered – Year 1": "Delivered"})  # a filtered view says whose figure it is
    start, end = PERIODS[period]
    acts = sample("activities")
    counts = acts[(acts["date"] >= start) & (acts["date"] <= end)]["kind"].value_counts()
    for name, kind, low, high in [("Newsletters", "newsletter", 15, 20), ("Workshops", "workshop", 2, 4),
                                  ("Formal matchmaking events", "matchmaking", 4, 4)]:
        delivered = counts.get(kind, 0)
        assert table.at[name, "Delivered"] == delivered
        if period == "all":
            status = ("under the range" if delivered < low else "over the range" if delivered > high
                      else "within the range")
            assert table.at[name, "Status"] == status
        else:  # one year next to the plan for both years: no status (healthtech/framing.py)
            assert "Status" not in table.columns
            assert table.at[name, "The network's plan 2019-2020"] == (f"{low}–{high}" if low != high else str(low))


def test_the_seed_weighting_stays_real_and_the_realised_part_is_labelled_sample():
    text = shown(page_view(ACTIVITIES))
    for figure in ("30 %", "25 %", "15 %", "15–20", "mindst 4", "Eksempeldata – ikke faktiske tal",
                   "ikke i data endnu"):
        assert figure in text, figure
