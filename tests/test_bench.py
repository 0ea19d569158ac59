"""The benchmark cannot rot: it runs end to end on a tiny dataset (not timed), its pandas baseline computes what
the SQL computes, and the scale-mode sample keeps the default sample's shape."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from benchmarks import pages, pandas_app
from healthtech import db, filters, queries, sample
from healthtech.__main__ import main

FILTERS = [filters.Filters(), filters.Filters(region=1083, period="y1"), filters.Filters(cluster="WT", period="y2"),
           filters.Filters(region=1081, cluster="LSI", municipality=851), filters.Filters(region=1085, cluster="MTIC")]


def _comparable(values) -> list:
    out = []
    for v in values:
        if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            out.append(None)
        else:
            out.append(str(v))
    return out


@pytest.mark.parametrize("chosen", FILTERS, ids=lambda f: f"{f.region}-{f.cluster}-{f.period}-{f.municipality}")
def test_the_pandas_baseline_returns_what_the_sql_returns(chosen):
    params = chosen.params()
    for name, build in pandas_app.QUERIES.items():
        declared = {k: params[k] for k in queries.load(name).params}
        ours = db.query(queries.load(name).sql, declared)
        pandas_app.new_rerun()
        theirs = build(declared)
        assert list(ours.columns) == list(theirs.columns), name
        assert len(ours) == len(theirs), name
        for col in ours.columns:
            a, b = ours[col], theirs[col]
            if pd.api.types.is_numeric_dtype(a) and not pd.api.types.is_bool_dtype(a):
                np.testing.assert_allclose(a.astype(float), pd.to_numeric(b).astype(float), rtol=1e-9, atol=1e-9,
                                           equal_nan=True, err_msg=f"{name}.{col}")
            elif col in ("source", "sources"):  # string_agg(distinct …) has no order
                assert [None if v is None else sorted(v.split("; ")) for v in _comparable(a)] == \
                       [None if v is None else sorted(v.split("; ")) for v in _comparable(b)], f"{name}.{col}"
            else:
                assert _comparable(a) == _comparable(b), f"{name}.{col}"


def test_every_page_query_has_a_pandas_twin():
    used = {n for n in queries.names() if not n.startswith("data/")}
    assert used == set(pandas_app.QUERIES)


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


def test_the_bench_runs_end_to_end_on_a_tiny_dataset(tmp_path):
    assert main(["sample", "--out", str(tmp_path / "s"), "--companies", "300", "--participations", "1500",
                 "--format", "parquet"]) == 0
    out = tmp_path / "latest.json"
    assert main(["bench", "--data", str(tmp_path / "s"), "--reruns", "2", "--pandas-reruns", "1",
                 "--import-runs", "1", "--no-browser", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["data"]["companies"] == 300 and result["data"]["participations"] == 1500
    assert result["machine"]["cores"] >= 1 and result["versions"]["duckdb"]
    assert set(result["pages"]) == set(pages.PAGES)
    for page, cases in result["pages"].items():
        assert set(cases) == {"default", "region"}, page
        for r in cases.values():
            for key in ("warm_p50_ms", "warm_p95_ms", "cold_ms", "pandas_p95_ms", "speedup"):
                assert r[key] > 0, (page, key)
    assert result["peak_rss_mb"] > 0 and result["import_s"] > 0
