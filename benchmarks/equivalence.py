"""The bench's own check that its pandas baseline (benchmarks/pandas_app.py) returns what the SQL returns, on the
bench's data, under a few filter combinations. Without it the speed-up would compare different work.

Run by `python -m healthtech bench` (benchmarks/run.py) in a process of its own before the timings; a mismatch makes
the bench exit non-zero. It is not part of `make test`: a query without a pandas twin is listed (`untwinned`) and
the baseline runs that query through DuckDB instead, so a new query needs no pandas twin to pass the suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from healthtech import db, filters, queries

FILTERS = [filters.Filters(), filters.Filters(region=1083, period="y1"), filters.Filters(cluster="WT", period="y2"),
           filters.Filters(region=1081, cluster="LSI", municipality=851), filters.Filters(region=1085, cluster="MTIC")]


@dataclass
class Report:
    compared: list[str] = field(default_factory=list)     # page queries with a pandas twin, checked
    untwinned: list[str] = field(default_factory=list)    # page queries without one (DuckDB in the baseline too)
    mismatches: list[str] = field(default_factory=list)   # "<query>.<column> under <filters>: what differs"


def _comparable(values) -> list:
    out = []
    for v in values:
        if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            out.append(None)
        else:
            out.append(str(v))
    return out


def _differences(name: str, ours: pd.DataFrame, theirs: pd.DataFrame) -> list[str]:
    if list(ours.columns) != list(theirs.columns):
        return [f"{name}: columns {list(ours.columns)} != {list(theirs.columns)}"]
    if len(ours) != len(theirs):
        return [f"{name}: {len(ours)} rows != {len(theirs)}"]
    out = []
    for col in ours.columns:
        a, b = ours[col], theirs[col]
        if pd.api.types.is_numeric_dtype(a) and not pd.api.types.is_bool_dtype(a):
            if not np.allclose(a.astype(float), pd.to_numeric(b).astype(float), rtol=1e-9, atol=1e-9,
                               equal_nan=True):
                out.append(f"{name}.{col}: numbers differ")
        elif col in ("source", "sources"):  # string_agg(distinct …) has no order
            if [None if v is None else sorted(v.split("; ")) for v in _comparable(a)] != \
                    [None if v is None else sorted(v.split("; ")) for v in _comparable(b)]:
                out.append(f"{name}.{col}: sources differ")
        elif _comparable(a) != _comparable(b):
            out.append(f"{name}.{col}: values differ")
    return out


def check(chosen: list[filters.Filters] = FILTERS) -> Report:
    from benchmarks import pandas_app

    report = Report()
    page_queries = [n for n in queries.names() if not n.startswith("data/")]
    report.compared = [n for n in page_queries if n in pandas_app.QUERIES]
    report.untwinned = [n for n in page_queries if n not in pandas_app.QUERIES]
    for f in chosen:
        params = f.params()
        for name in report.compared:
            declared = {k: params[k] for k in queries.load(name).params}
            ours = db.query(queries.load(name).sql, declared)
            pandas_app.new_rerun()
            theirs = pandas_app.QUERIES[name](declared)
            report.mismatches += [f"{d} (filters {f})" for d in _differences(name, ours, theirs)]
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.equivalence")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    report = check()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(asdict(report), f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
