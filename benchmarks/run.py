"""`python -m healthtech bench [--data DIR]`: every figure of issue 8, printed as a table and written as JSON.

DIR is either a whole data folder (facts/, geo/, sources/, sample/) or a folder of sample files as
`python -m healthtech sample --out DIR` writes them; then the benchmark assembles a data folder under /tmp from
the repository's facts, geo and sources and DIR's files (hard links where it can). Without --data: data/.
The store is an empty temporary folder and there are no secrets (local mode), as in the tests.

Steps, each in its own process so that one does not warm or bloat another, the quiet ones first (after the pandas
baseline has held gigabytes, the kernel's reclaim slowed the next start-up by seconds):
1. import time of dashboard.py's imports in a fresh interpreter (median of 5).
2. browser (benchmarks/browser.py): cold start with the default data and with DIR; 20 concurrent sessions on DIR.
3. equivalence (benchmarks/equivalence.py): the pandas baseline returns what the SQL returns on this data, under
   a few filters; a mismatch makes the bench exit 1 (after writing its results), `--no-equivalence` skips it.
4. pages (benchmarks/pages.py): every page, default filters and a region filter, cold and warm reruns, and the
   pandas baseline in the same process; the rerun process's peak RSS.
Numbers are printed, never asserted: no test fails on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from healthtech import config

RESULTS = config.ROOT / "benchmarks" / "results"
SAMPLE_FILES = ("companies", "activities", "participations", "spending", "reach")
# Issue 15's targets (nothing fails on them; the ratios to the floor app are the ones that hold on any machine).
TARGETS = {"warm_p95_ms": 100, "speedup": 10, "first_chart_s": 2.5, "first_chart_warm_cache_s": 1.5,
           "page_switch_s": 1.0, "new_version_first_rerun_ms": 600, "cold_load_bytes": 3_000_000,
           "ws_p95_ms": {"20": 500, "100": 2000}, "server_rss_mb": 1024, "first_chart_vs_floor": 1.5,
           "page_switch_vs_floor": 2.0}
IMPORT_SNIPPET = """import time
t = time.perf_counter()
import streamlit
s = time.perf_counter()
import healthtech.app, healthtech.i18n
e = time.perf_counter()
print(e - t, e - s)
"""


def prepare(data: Path | None, work: Path) -> Path:
    """The DATA_DIR to benchmark: `data` itself if it is a whole data folder, else one assembled from it."""
    if data is None:
        return config.ROOT / "data"
    data = data.resolve()
    if (data / "facts").is_dir():
        return data
    target = work / "data"
    for part in ("facts", "geo", "sources"):
        shutil.copytree(config.ROOT / "data" / part, target / part)
    (target / "sample").mkdir(parents=True)
    found = False
    for f in data.iterdir():
        if f.stem in SAMPLE_FILES and f.suffix in (".parquet", ".csv"):
            found = True
            try:
                os.link(f, target / "sample" / f.name)
            except OSError:
                shutil.copy2(f, target / "sample" / f.name)
    if not found:
        raise SystemExit(f"{data}: neither a data folder (facts/, sample/) nor sample files")
    return target


def data_size(data_dir: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    sizes = {}
    for name in SAMPLE_FILES:
        for ext in (".parquet", ".csv"):
            path = data_dir / "sample" / f"{name}{ext}"
            if path.is_file():
                if ext == ".parquet":
                    sizes[name] = pq.ParquetFile(path).metadata.num_rows
                else:
                    with path.open("rb") as f:
                        sizes[name] = sum(1 for _ in f) - 1
                break
    return sizes


def machine() -> dict:
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor() or ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
            "platform": platform.platform()}


def versions(chromium: str | None) -> dict:
    out = {"python": platform.python_version()}
    for pkg in ("streamlit", "duckdb", "pandas", "pyarrow", "plotly", "pydeck", "playwright"):
        out[pkg] = metadata.version(pkg)
    out["chromium"] = chromium
    return out


def import_time(env: dict, runs: int = 5) -> dict:
    totals, own = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", IMPORT_SNIPPET], capture_output=True, text=True, env=env,
                             cwd=config.ROOT, check=True).stdout.split()
        totals.append(float(out[0]))
        own.append(float(out[1]))
    return {"import_s": round(statistics.median(totals), 2), "import_healthtech_s": round(statistics.median(own), 2)}


def run_equivalence(env: dict, work: Path) -> dict:
    out = work / "equivalence.json"
    subprocess.run([sys.executable, "-m", "benchmarks.equivalence", "--out", str(out)], env=env, cwd=config.ROOT,
                   check=True)
    return json.loads(out.read_text())


def run_pages(env: dict, reruns: int, pandas_reruns: int, work: Path) -> dict:
    out = work / "pages.json"
    subprocess.run([sys.executable, "-m", "benchmarks.pages", "--reruns", str(reruns), "--pandas-reruns",
                    str(pandas_reruns), "--out", str(out)], env=env, cwd=config.ROOT, check=True)
    return json.loads(out.read_text())


def _ratio(ours, floor) -> float | None:
    return round(ours / floor, 2) if ours is not None and floor else None


def screen_fields(ours: dict, floor: dict) -> dict:
    """The bench's fields from `browser.first_screen` of the dashboard (`ours`) and of the floor app: first chart
    and page switch times, the bytes of a first and a second visit, the warm-up, the floor's own first chart and
    page switch (under "floor"; `main` adds its warm rerun) and our ratios to them."""
    def first_chart(screen):
        return {k: screen[k]["first_chart_s"] for k in ("cold_cache", "warm_cache")}

    ours_chart, floor_chart = first_chart(ours), first_chart(floor)
    return {
        "first_screen": {"dashboard": ours, "floor": floor},
        "first_chart_s": ours_chart,
        "page_switch_s": {"median": ours["page_switch_median_s"], "p95": ours["page_switch_p95_s"],
                          "all": ours["page_switch_s"]},
        "cold_load_bytes": {"uncompressed": ours["cold_cache"]["bytes"], "gzip": ours["cold_cache"]["gzip_bytes"],
                            "second_visit": ours["warm_cache"]["bytes"]},
        "warm_up_s": ours["warm_up_s"],
        "floor": {"first_chart_s": floor_chart,
                  "page_switch_s": {"median": floor["page_switch_median_s"], "p95": floor["page_switch_p95_s"]}},
        "first_chart_vs_floor": {k: _ratio(ours_chart[k], floor_chart[k]) for k in ours_chart},
        "page_switch_vs_floor": _ratio(ours["page_switch_median_s"], floor["page_switch_median_s"]),
    }


def _fmt(v, unit="") -> str:
    return "–" if v is None else f"{v:,.0f}{unit}" if isinstance(v, float | int) else str(v)


def table(result: dict) -> str:
    size = result["data"]
    lines = [f"Danish Healthtech bench · {size.get('companies', 0):,} companies / "
             f"{size.get('participations', 0):,} participations · {result['machine']['cores']} cores, "
             f"{result['machine']['memory_gb']} GB · streamlit {result['versions']['streamlit']}, "
             f"duckdb {result['versions']['duckdb']}",
             "server-side full rerun (AppTest: script + queries + figures + Streamlit's serialisation), ms",
             f"{'page':<11} {'filter':<8} {'cold':>7} {'warm p50':>9} {'warm p95':>9} {'pandas p50':>11} "
             f"{'pandas p95':>11} {'speedup':>8}  targets (p95 ≤ 100, ≥ 10×)"]
    for page, cases in result["pages"].items():
        for case, r in cases.items():
            ok_time = "ok" if r["warm_p95_ms"] <= TARGETS["warm_p95_ms"] else "MISS"
            ok_speed = "ok" if r.get("speedup", 0) >= TARGETS["speedup"] else "MISS"
            lines.append(f"{page:<11} {case:<8} {r['cold_ms']:7.0f} {r['warm_p50_ms']:9.0f} {r['warm_p95_ms']:9.0f} "
                         f"{_fmt(r.get('pandas_p50_ms')):>11} {_fmt(r.get('pandas_p95_ms')):>11} "
                         f"{r.get('speedup', 0):7.1f}×  {ok_time} / {ok_speed}")
    lines.append(f"AppTest overhead (one-line script) {result['apptest_overhead_ms']} ms; connection + derived tables "
                 f"{result['connect_s']} s; rerun process peak RSS {result['rerun_peak_rss_mb']} MB "
                 f"(pandas baseline process {result['pandas_peak_rss_mb']} MB)")
    if (eq := result.get("pandas_equivalence")) is not None:
        lines.append(f"pandas baseline against the SQL: {len(eq['compared'])} queries compared, "
                     f"{len(eq['mismatches'])} mismatches" + "".join(f"\n  MISMATCH {m}" for m in eq["mismatches"]))
    if result.get("pandas_untwinned"):
        lines.append("queries without a pandas twin (DuckDB in the baseline too): "
                     + ", ".join(result["pandas_untwinned"]))
    fl = result.get("floor", {})
    lines.append(f"floor app (benchmarks/floor_app.py) warm rerun p95 {fl.get('warm_rerun', {}).get('warm_p95_ms')} "
                 f"ms; every page's warm p95 / the floor's: " + ", ".join(
                     f"{p} {r}×" for p, r in result.get("warm_rerun_vs_floor", {}).items()))
    if (nv := result.get("new_version")) is not None:
        lines.append(f"new data version: first rerun {nv['new_version_first_rerun_ms']:.0f} ms (served from the "
                     f"previous version; waits at most {nv['switch_wait_s']} s), built in {nv['build_s']} s, first "
                     f"rerun on it {nv['first_rerun_on_new_version_ms']:.0f} ms")
    if "first_chart_s" in result:
        fc, ff = result["first_chart_s"], fl.get("first_chart_s", {})
        b = result["cold_load_bytes"]
        lines.append(f"link on a running server → first chart: fresh browser {fc['cold_cache']} s (floor "
                     f"{ff.get('cold_cache')} s, {result['first_chart_vs_floor']['cold_cache']}×), second visit "
                     f"{fc['warm_cache']} s (floor {ff.get('warm_cache')} s, "
                     f"{result['first_chart_vs_floor']['warm_cache']}×); warm-up at start {result.get('warm_up_s')} s")
        lines.append(f"page switch → its charts drawn: median {result['page_switch_s']['median']} s, p95 "
                     f"{result['page_switch_s']['p95']} s (floor median {fl.get('page_switch_s', {}).get('median')} "
                     f"s, {result['page_switch_vs_floor']}×)")
        lines.append(f"bytes of a cold page load: {b['uncompressed'] / 1e6:.1f} MB as Streamlit sends them, "
                     f"{b['gzip'] / 1e6:.1f} MB gzipped (as the documented proxy sends them); second visit "
                     f"{b['second_visit'] / 1e3:.0f} kB (browser cache)")
    for n, w in result.get("ws_sessions", {}).items():
        lines.append(f"{n} websocket sessions ({w['seconds']} s, {w['reruns']} reruns): rerun p50 "
                     f"{_fmt(w['rerun_p50_ms'])} ms, p95 {_fmt(w['rerun_p95_ms'])} ms; server CPU "
                     f"{w['server_cpu_s']} s ({w['server_cpu_ms_per_rerun']} ms a rerun), RSS peak "
                     f"{w['server_rss_peak_mb']} MB ({w['rss_mb_per_session']} MB a session); "
                     f"{len(w['errors'])} errors")
    lines.append(f"import of dashboard.py's modules: {result['import_s']} s (healthtech's own on top of streamlit: "
                 f"{result['import_healthtech_s']} s)")
    if result.get("cold_start_s") is not None or result.get("cold_start_default_s") is not None:
        lines.append(f"cold start to first chart: default data {_fmt(result.get('cold_start_default_s'))} s "
                     f"{result.get('cold_start_default_runs', '')}, this data {result.get('cold_start_s')} s "
                     f"{result.get('cold_start_runs', '')}")
    c = result.get("concurrency")
    if c:
        lines.append(f"{c['sessions']} concurrent sessions × {c['interactions_per_session']} interactions "
                     f"({c['interactions']} timed, {c['wall_s']} s): interaction p50 {_fmt(c['concurrent_p50_ms'])} "
                     f"ms, p95 {_fmt(c['concurrent_p95_ms'])} ms; first load p50 {_fmt(c['first_load_p50_ms'])} ms, "
                     f"p95 {_fmt(c['first_load_p95_ms'])} ms; server RSS idle {c['server_rss_idle_mb']} MB, peak "
                     f"{c['server_rss_peak_mb']} MB; server CPU {c.get('server_cpu_s')} s of the machine's "
                     f"{c.get('machine_busy_cpu_s')} s busy ({c.get('server_cpu_share')}; the rest is Chromium); "
                     f"{c.get('timeouts_counted_at_timeout', 0)} interactions timed out (counted at the 120 s timeout)"
                     + (f"; failed: {len(c['failed'])} sessions" if c["failed"] else ""))
    return "\n".join(lines)


def main(args) -> int:
    work = Path(tempfile.mkdtemp(prefix="healthtech-bench-"))
    try:
        data_dir = prepare(args.data, work)
        (work / "store").mkdir()
        env = {**os.environ, "DATA_DIR": str(data_dir), "STORE_DIR": str(work / "store"),
               "HEALTHTECH_SECRETS": "", "PYTHONPATH": str(config.ROOT)}
        env.pop("HEALTHTECH_EDITOR_PASSWORD_HASH", None)
        print(f"data: {data_dir}", file=sys.stderr)
        result: dict = {"when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                        "data": data_size(data_dir), "data_dir": str(data_dir), "machine": machine()}
        result.update(import_time(env, args.import_runs))
        from benchmarks import browser

        chromium = browser.chromium_version() if not args.no_browser else None
        result["versions"] = versions(chromium)
        if not args.no_browser:
            default_env = {**env, "DATA_DIR": str(config.ROOT / "data")}
            runs = browser.cold_start(default_env, args.cold_runs, work)
            result.update(cold_start_default_s=statistics.median(runs), cold_start_default_runs=runs)
            if args.data is not None:
                runs = browser.cold_start(env, args.cold_runs, work)
            result.update(cold_start_s=statistics.median(runs), cold_start_runs=runs)
            if args.sessions:
                c = browser.concurrency(env, args.sessions, args.interactions, work)
                result["concurrency"] = c
                result.update(concurrent_p50_ms=c["concurrent_p50_ms"], concurrent_p95_ms=c["concurrent_p95_ms"],
                              peak_rss_mb=c["server_rss_peak_mb"])
        if not args.no_equivalence:
            result["pandas_equivalence"] = run_equivalence(env, work)
        if not args.no_browser:
            floor_screen = browser.first_screen(env, work, floor=True)
            ours = browser.first_screen(env, work)
            result.update(screen_fields(ours, floor_screen))
        if args.ws_sessions:
            from benchmarks import wsload

            result["ws_sessions"] = {str(n): wsload.measure(env, n, work, seconds=args.ws_seconds)
                                     for n in args.ws_sessions}
        pages = run_pages(env, args.reruns, args.pandas_reruns, work)
        result.update(connect_s=pages["connect_s"], apptest_overhead_ms=pages["apptest_overhead_ms"],
                      rerun_peak_rss_mb=pages["peak_rss_mb"], pandas_peak_rss_mb=pages["pandas_peak_rss_mb"],
                      pages=pages["pages"], pandas_untwinned=pages["pandas_untwinned"], method={
                          "rerun": "streamlit.testing.v1.AppTest on the page file: script, queries, figures, "
                                   "tables and Streamlit's protobuf/Arrow/JSON serialisation; no websocket/browser",
                          "cold": "first run after st.cache_data and the map memo are cleared (connection built)",
                          "warm": f"{args.reruns} reruns of the same session after the cold one",
                          "pandas": f"same page script, queries.run replaced by benchmarks/pandas_app.py (files read "
                                    f"and aggregated every rerun), {args.pandas_reruns} reruns after one untimed",
                          "region_case": "region=1083 (Region Syddanmark) in the URL",
                      })
        result["warm_p95_ms"] = {page: {case: r["warm_p95_ms"] for case, r in cases.items()}
                                 for page, cases in pages["pages"].items()}
        result["new_version_first_rerun_ms"] = pages["new_version"]["new_version_first_rerun_ms"]
        result["new_version"] = pages["new_version"]
        result["floor"] = {"warm_rerun": pages["floor"], **result.get("floor", {})}
        floor_p95 = pages["floor"]["warm_p95_ms"]
        result["warm_rerun_vs_floor"] = {page: _ratio(max(cases.values()), floor_p95)
                                         for page, cases in result["warm_p95_ms"].items()}
        result.setdefault("peak_rss_mb", result["rerun_peak_rss_mb"])
        result["targets"] = TARGETS
        print(table(result))
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, out)
        print(f"wrote {out}", file=sys.stderr)
        return 1 if result.get("pandas_equivalence", {}).get("mismatches") else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, help="a data folder or a folder of sample files (default: data/)")
    parser.add_argument("--reruns", type=int, default=30, help="warm reruns per page and filter (default 30)")
    parser.add_argument("--pandas-reruns", type=int, default=10, help="pandas baseline reruns (default 10)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts per data set (default 3)")
    parser.add_argument("--sessions", type=int, default=0,
                        help="concurrent Chromium sessions (default 0: the websocket load generator measures the "
                             "server; 20 browsers on 2 cores measure the browsers)")
    parser.add_argument("--ws-sessions", type=int, nargs="*", default=[20, 100],
                        help="websocket sessions speaking Streamlit's protocol, one run per count (default 20 100)")
    parser.add_argument("--ws-seconds", type=float, default=60, help="how long each websocket run lasts")
    parser.add_argument("--interactions", type=int, default=6, help="page/filter switches per session")
    parser.add_argument("--import-runs", type=int, default=5, help="fresh interpreters timing the imports")
    parser.add_argument("--no-browser", action="store_true", help="skip cold start and concurrency (no Chromium)")
    parser.add_argument("--no-equivalence", action="store_true",
                        help="skip checking the pandas baseline against the SQL")
    parser.add_argument("--out", default=str(RESULTS / "latest.json"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (server logs)")
