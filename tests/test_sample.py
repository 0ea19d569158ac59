"""The sample data: reproducible, and consistent with the seed figures at the default size."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest

from healthtech import config, sample
from healthtech.__main__ import main

NAMES = ["companies", "activities", "participations", "spending", "reach"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    sample.generate(out)
    return {name: pd.read_csv(out / f"{name}.csv") for name in NAMES} | {"dir": out}


def test_same_seed_gives_byte_identical_files_and_the_committed_sample_is_that_output(generated, tmp_path):
    assert main(["sample", "--out", str(tmp_path)]) == 0
    for name in NAMES:
        assert filecmp.cmp(tmp_path / f"{name}.csv", generated["dir"] / f"{name}.csv", shallow=False), name
        assert filecmp.cmp(config.DATA_DIR / "sample" / f"{name}.csv", tmp_path / f"{name}.csv", shallow=False), name


def test_another_seed_gives_other_data(generated, tmp_path):
    sample.generate(tmp_path, seed=7)
    assert not filecmp.cmp(tmp_path / "companies.csv", generated["dir"] / "companies.csv", shallow=False)


def test_companies_match_the_application(generated):
    c = generated["companies"]
    assert len(c) == 456 and c["company_id"].is_unique
    assert c["membership"].value_counts().to_dict() == {"dedicated": 261, "paying": 159, "interest": 36}
    assert set(c.loc[c["membership"] == "paying", "cluster"]) <= {"LSI", "WT", "ISV"}
    assert (c["employees"] <= 10).sum() == round(0.82 * 456)
    assert c["cluster"].value_counts().to_dict() == sample.largest_remainder(sample.STATED, 456)
    assert c["name"].str.startswith("Eksempel ").all()


def test_companies_sit_in_real_municipalities_of_their_cluster_region(generated):
    c = generated["companies"]
    geo = pd.read_csv(config.DATA_DIR / "geo" / "municipalities.csv").set_index("kommune_code")["region_code"]
    assert c["municipality_code"].isin(geo.index).all()
    assert (c["municipality_code"].map(geo) == c["region_code"]).all()
    for cluster, regions in sample.HOME_REGIONS.items():
        assert set(c.loc[c["cluster"] == cluster, "region_code"]) <= set(regions), cluster
    assert set(c.loc[c["cluster"] == "MTIC", "municipality_code"]) <= set(sample.MTIC_MUNICIPALITIES)


def test_cvr_like_ids_can_never_be_real_cvr_numbers(generated):
    cvr = generated["companies"]["cvr"].astype(str)
    assert cvr.str.fullmatch(r"[1-9]\d{7}").all() and cvr.is_unique
    assert not any(sample.is_valid_cvr(x) for x in cvr)
    assert sample.is_valid_cvr("10150817")  # a checksum-valid number is recognised (the check works)


def test_spending_sums_exactly_to_the_budget_and_areas_follow_the_weighting(generated):
    s = generated["spending"]
    by_funder = (s.groupby("funder")["amount_dkk"].sum() * 100).round().astype(int) // 100
    assert by_funder.to_dict() == {"ministry": 14_000_000, "private": 11_200_000, "regional": 2_800_000}
    assert round(s["amount_dkk"].sum(), 2) == 28_000_000
    shares = s.groupby("area")["amount_dkk"].sum() / s["amount_dkk"].sum()
    for area, planned in sample.AREA_SHARES.items():
        assert abs(shares[area] - planned) < 0.02, area
    assert len(s) == 24 * 3 * 4


def test_activities_and_participations_land_near_the_plan(generated):
    a, p = generated["activities"], generated["participations"]
    assert a["date"].between("2018-12-01", "2020-11-30").all()
    counts = a["kind"].value_counts()
    planned = pd.read_csv(config.DATA_DIR / "facts" / "deliverables.csv").set_index("deliverable")
    kind_of = {"newsletters": "newsletter", "whitepapers": "whitepaper", "conferences": "conference",
               "after_work_meetings": "after_work_meeting", "workshops": "workshop",
               "matchmaking_events": "matchmaking", "collaboration_projects": "collaboration_project",
               "study_trips": "study_trip"}
    for deliverable, kind in kind_of.items():
        low, high = planned.at[deliverable, "planned_min"], planned.at[deliverable, "planned_max"]
        assert counts[kind] >= low and (pd.isna(high) or counts[kind] <= high), deliverable
    merged = p.merge(a, on="activity_id")
    persons = merged.loc[merged["area"].isin(["dissemination", "matchmaking"]), "persons"].sum()
    assert 450 <= persons <= 550
    assert 18 <= merged.loc[merged["area"] == "collaboration", "company_id"].nunique() <= 25
    assert not p.duplicated(["activity_id", "company_id"]).any()


def test_reach_snapshots_grow_from_the_real_2018_rows(generated):
    real = pd.read_csv(config.DATA_DIR / "facts" / "reach.csv")
    later = generated["reach"]
    assert set(later["as_of"]) == {"2019-11-30", "2020-11-30"}
    assert later["source"].str.startswith("sample").all()
    for _, row in real.iterrows():
        series = later[(later["organisation"] == row["organisation"]) & (later["channel"] == row["channel"])]
        counts = [row["count"], *series.sort_values("as_of")["count"]]
        assert counts == sorted(counts) and len(counts) == 3


def test_an_exact_number_of_participations_on_request(tmp_path):
    rows = sample.generate(tmp_path, companies_n=2000, participations_n=5000)
    p = pd.read_csv(tmp_path / "participations.csv")
    assert rows["companies"] == 2000 and len(p) == 5000 and not p.duplicated(["activity_id", "company_id"]).any()
