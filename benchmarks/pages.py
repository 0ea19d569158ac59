"""Server-side time of a full page rerun, ours against the pandas baseline, in one process.

Run by `benchmarks.run` in a child process whose environment already points DATA_DIR, STORE_DIR and
HEALTHTECH_SECRETS at the benchmark's data, an empty store and no secrets (local mode).

How a rerun is timed: Streamlit's AppTest (`streamlit.testing.v1`) runs the unchanged page script through
Streamlit's own ScriptRunner: filters and access check, queries, figure building, tables, and Streamlit turning
every element into its protobuf message (Arrow for tables, JSON for charts and maps). It does not include the
websocket and the browser drawing; the browser side is benchmarks/browser.py. `apptest_overhead_ms` is the time
AppTest needs for a one-line script, so the page's own time is roughly the figure minus that.

- cold: the first run after `st.cache_data` and the map memo are cleared (the DuckDB connection exists, the OS
  file cache is warm);
- warm: the next `reruns` runs of the same session (cache hits);
- pandas: the same page script with `queries.run` replaced by `benchmarks.pandas_app.run` (pandas reads the files
  and aggregates on every rerun), `pandas_reruns` runs after one untimed.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np

from healthtech import site

PAGES = site.public()  # from the page registry
CASES = {"default": {}, "region": {"region": "1083"}}  # Region Syddanmark: the most companies


def _stats(times: list[float]) -> dict[str, float]:
    ms = np.array(times) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "n": len(times)}


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _app(page: str, params: dict):
    from streamlit.testing.v1 import AppTest

    from healthtech import config, owner

    at = AppTest.from_file(str(config.ROOT / "pages" / f"{page}.py"), default_timeout=900)
    at.query_params[owner.PARAM] = owner.secret()  # local mode's owner (the bench runs without secrets)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def _timed(at) -> float:
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"page failed: {[e.message for e in at.exception]}")
    return elapsed


def _clear_caches() -> None:
    from healthtech import maps, queries

    queries.clear_cache()
    maps._choropleth.cache_clear()


def overhead(reruns: int) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('x')", default_timeout=60)
    at.run()
    return _stats([_timed(at) for _ in range(reruns)])["p50_ms"]


def floor(reruns: int) -> dict:
    """The floor app's warm rerun (benchmarks/floor_app.py: one Plotly bar, one small table), timed as ours are."""
    from streamlit.testing.v1 import AppTest

    from healthtech import config

    at = AppTest.from_file(str(config.ROOT / "benchmarks" / "floor_app.py"), default_timeout=120)
    cold = _timed(at)
    warm = _stats([_timed(at) for _ in range(reruns)])
    return {"cold_ms": round(cold * 1000, 1), "warm_p50_ms": warm["p50_ms"], "warm_p95_ms": warm["p95_ms"],
            "reruns": reruns}


def new_version(page: str = "companies", log=print) -> dict:
    """A new data version arriving under a warm session: the first rerun after it (served from the previous
    version while the new one builds, `db.switch_wait` at most), the build's seconds, and the first rerun once the
    new version is served (warmed by `warm.py` in the build thread, as on the server). The new version is the
    companies file's mtime moved on by a second (put back after, which is one more version, waited for)."""
    import os

    from healthtech import db, warm

    db.after_switch(warm.warm)
    at = _app(page, {})
    _timed(at)
    _timed(at)
    path = db.dataset_files()["companies"][-1]
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    try:
        first = _timed(at)
        build = db._state["build"] or db._state.get("last")  # still building, or built within the wait
        if build is not None:
            build.done.wait(900)
        build_s = build.seconds if build is not None else 0.0
        after = _timed(at)
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        db.connection()
        if (build := db._state["build"]) is not None:
            build.done.wait(900)
    out = {"page": page, "new_version_first_rerun_ms": round(first * 1000, 1), "build_s": round(build_s, 2),
           "first_rerun_on_new_version_ms": round(after * 1000, 1), "switch_wait_s": db.switch_wait()}
    log(f"  new data version: first rerun {out['new_version_first_rerun_ms']:.0f} ms (served from the previous "
        f"one), built in {out['build_s']} s, first rerun on it {out['first_rerun_on_new_version_ms']:.0f} ms")
    return out


def measure(pages=PAGES, reruns: int = 30, pandas_reruns: int = 10, log=print) -> dict:
    from benchmarks import pandas_app
    from healthtech import db, queries

    t = time.perf_counter()
    db.connection()  # views and derived tables once, as a server does at its first request
    result: dict = {"connect_s": round(time.perf_counter() - t, 2), "apptest_overhead_ms": overhead(10),
                    "pages": {}}
    for page in pages:
        result["pages"][page] = {}
        for case, params in CASES.items():
            _clear_caches()
            at = _app(page, params)
            cold = _timed(at)
            warm = _stats([_timed(at) for _ in range(reruns)])
            result["pages"][page][case] = {"cold_ms": round(cold * 1000, 1), "warm_p50_ms": warm["p50_ms"],
                                           "warm_p95_ms": warm["p95_ms"], "reruns": reruns}
            log(f"  {page:<11} {case:<8} cold {cold * 1000:8.0f} ms  warm p50 {warm['p50_ms']:7.0f}  "
                f"p95 {warm['p95_ms']:7.0f} ms")
    result["floor"] = floor(reruns)
    log(f"  floor app     warm p50 {result['floor']['warm_p50_ms']:7.0f}  p95 {result['floor']['warm_p95_ms']:7.0f} ms")
    result["new_version"] = new_version(log=log)
    result["peak_rss_mb"] = _peak_rss_mb()  # ours only: the pandas baseline runs after this

    real_run = queries.run
    queries.run = lambda name, **params: pandas_app.run(name, **params)
    try:
        for page in pages:
            for case, params in CASES.items():
                at = _app(page, params)
                pandas_app.new_rerun()
                _timed(at)  # untimed first run: imports, widgets
                times = []
                for _ in range(pandas_reruns):
                    pandas_app.new_rerun()
                    times.append(_timed(at))
                s = _stats(times)
                entry = result["pages"][page][case]
                entry.update(pandas_p50_ms=s["p50_ms"], pandas_p95_ms=s["p95_ms"], pandas_reruns=pandas_reruns,
                             speedup=round(s["p95_ms"] / entry["warm_p95_ms"], 1))
                log(f"  {page:<11} {case:<8} pandas p50 {s['p50_ms']:7.0f}  p95 {s['p95_ms']:7.0f} ms  "
                    f"speedup {entry['speedup']:.1f}x")
    finally:
        queries.run = real_run
    result["pandas_peak_rss_mb"] = _peak_rss_mb()
    result["pandas_untwinned"] = sorted(pandas_app.UNTWINNED)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages")
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--pandas-reruns", type=int, default=10)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    result = measure(args.pages, args.reruns, args.pandas_reruns, log=lambda s: print(s, file=sys.stderr, flush=True))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
