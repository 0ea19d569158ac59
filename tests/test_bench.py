"""The benchmark cannot rot: it runs end to end on a tiny dataset (not timed), its check of the pandas baseline
against the SQL works, and the scale-mode sample keeps the default sample's shape. Whether the baseline equals the SQL
is the bench's own check (`python -m healthtech bench`), not the suite's: a new query needs no pandas twin."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from benchmarks import equivalence, pages, pandas_app
from healthtech import queries, sample
from healthtech.__main__ import main


@pytest.mark.slow
def test_the_bench_equivalence_check_sees_every_page_query_and_catches_a_wrong_twin(monkeypatch):
    """The pandas baseline's equivalence with the SQL is checked by the bench (benchmarks/equivalence.py), not here;
    this only proves the check itself works: every page query is either compared or listed as untwinned, and a
    twin that returns something else is reported."""
    report = equivalence.check(equivalence.FILTERS[:1])
    page_queries = {n for n in queries.names() if not n.startswith("data/")}
    assert set(report.compared) | set(report.untwinned) == page_queries
    assert not set(report.compared) & set(report.untwinned)
    twin = pandas_app.QUERIES["budget/split_by_funder"]
    wrong = {**pandas_app.QUERIES, "budget/split_by_funder": lambda p: twin(p).iloc[:1]}
    monkeypatch.setattr(pandas_app, "QUERIES", wrong)
    report = equivalence.check(equivalence.FILTERS[:1])
    assert any(m.startswith("budget/split_by_funder: 3 rows != 1") for m in report.mismatches), report.mismatches


def test_scale_mode_sample_keeps_the_shape(tmp_path):
    rows = sample.generate_parquet(tmp_path, 4560, 20_000)
    c = pd.read_parquet(tmp_path / "companies.parquet")
    p = pd.read_parquet(tmp_path / "participations.parquet")
    assert rows["companies"] == len(c) == 4560 and c["company_id"].is_unique and c["cvr"].is_unique
    assert c["membership"].value_counts().to_dict() == {"dedicated": 2610, "paying": 1590, "interest": 360}
    assert (c["employees"] <= 10).sum() == round(0.82 * 4560)
    assert not any(sample.is_valid_cvr(x) for x in c["cvr"])
    assert len(p) == 20_000 and not p.duplicated(["activity_id", "company_id"]).any()
    assert p["company_id"].isin(c["company_id"]).all()
    assert p.equals(p.sort_values(["activity_id", "company_id"], ignore_index=True))
    again = tmp_path / "again"
    sample.generate_parquet(again, 4560, 20_000)
    assert pd.read_parquet(again / "participations.parquet").equals(p)


@pytest.mark.slow
def test_the_bench_runs_end_to_end_on_a_tiny_dataset(tmp_path):
    assert main(["sample", "--out", str(tmp_path / "s"), "--companies", "300", "--participations", "1500",
                 "--format", "parquet"]) == 0
    out = tmp_path / "latest.json"
    assert main(["bench", "--data", str(tmp_path / "s"), "--reruns", "2", "--pandas-reruns", "1",
                 "--import-runs", "1", "--no-browser", "--no-equivalence", "--ws-sessions", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["data"]["companies"] == 300 and result["data"]["participations"] == 1500
    assert result["machine"]["cores"] >= 1 and result["versions"]["duckdb"]
    assert set(result["pages"]) == set(pages.PAGES)
    assert "pandas_equivalence" not in result and isinstance(result["pandas_untwinned"], list)
    for page, cases in result["pages"].items():
        assert set(cases) == {"default", "region"}, page
        for r in cases.values():
            for key in ("warm_p50_ms", "warm_p95_ms", "cold_ms", "pandas_p95_ms", "speedup"):
                assert r[key] > 0, (page, key)
    assert result["peak_rss_mb"] > 0 and result["import_s"] > 0
    # Issue 15's fields: warm p95 per page and filter, the floor app and the ratios to it, a new data version.
    assert result["warm_p95_ms"]["companies"]["region"] == result["pages"]["companies"]["region"]["warm_p95_ms"]
    assert result["floor"]["warm_rerun"]["warm_p95_ms"] > 0
    assert set(result["warm_rerun_vs_floor"]) == set(pages.PAGES) and min(result["warm_rerun_vs_floor"].values()) > 0
    assert result["new_version_first_rerun_ms"] > 0 and result["new_version"]["first_rerun_on_new_version_ms"] > 0
