"""Cold start and concurrent sessions in Debian's Chromium (Playwright), against a real `streamlit run`.

Loopback only: the server listens on localhost, Chromium runs with the offline flags of the browser tests, and
everything is bounded (sessions, interactions per session, a deadline per interaction and for the whole run).

- cold start: from `streamlit run` (process start) to the first Plotly chart visible on the default page, in a
  browser that was already running; `runs` times, each with a new server.
- concurrency: `sessions` browser contexts (one Chromium) open the dashboard together, then each switches pages
  and the region filter `interactions` times. An interaction is timed from the click to the end of the rerun it
  causes with every chart on the page drawn. The server's RSS (/proc) is sampled every 0.2 s.
  The 2 cores are shared by the server and Chromium drawing 20 pages, so these times include the browser's share.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from healthtech import config, i18n, site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
FIRST_CHART = '[data-testid="stPlotlyChart"] .main-svg g.trace'
PAGES_DA = {name: i18n.t(f"nav.{name}", "da") for name in site.public()}  # sidebar labels
REGIONS_DA = ["Region Nordjylland", "Region Midtjylland", "Region Syddanmark", "Region Hovedstaden",
              "Region Sjælland"]

# A rerun seen from what it changes on the page. The script-state attribute alone misses a fast rerun: React can
# batch "running" and "notRunning" into one render, and the attribute then never changes (a floor page switch at
# 1 M / 10 M on a quiet machine). So: the time of the last change in the app after the click (`__last`), taken as
# the interaction's end once the script is not running, every chart is drawn and nothing changed for QUIET_MS.
QUIET_MS = 300
WATCH_RERUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__t0 = performance.now(); window.__last = null;
  if (window.__obs) window.__obs.disconnect();
  window.__obs = new MutationObserver(() => { window.__last = performance.now(); });
  window.__obs.observe(app, {attributes: true, childList: true, subtree: true, characterData: true});
}"""
RERUN_DRAWN = """() => window.__last !== null && performance.now() - window.__last > {quiet}
  && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg g.trace'))
  && (window.__obs.disconnect() || true)""".replace("{quiet}", str(QUIET_MS))
ELAPSED = "() => (window.__last - window.__t0) / 1000"  # seconds from the click to the page's last change
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-testid="stMainBlockContainer"] h1')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg g.trace'));
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Local mode's per-start key (healthtech/owner.py): the bench's servers get this one, and its browsers open the
# keyed address first, as the secretariat opens the address `make run` prints.
LOCAL_KEY = os.environ.get("HEALTHTECH_LOCAL_SECRET") or secrets.token_urlsafe(24)


def keyed(url: str) -> str:
    return f"{url}/?local={LOCAL_KEY}"


def _start(env: dict, log: Path, script: str = "serve.py") -> tuple[subprocess.Popen, str]:
    port = _free_port()
    out = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.headless", "true", "--server.address", "localhost"],
        cwd=config.ROOT, stdout=out, stderr=subprocess.STDOUT, env={**env, "HEALTHTECH_LOCAL_SECRET": LOCAL_KEY})
    return proc, f"http://localhost:{port}"


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _machine_busy_s() -> float:
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    return (sum(cpu) - cpu[3] - cpu[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Until the server answers its health check; RuntimeError if it exits or the time runs out."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310 (our own loopback URL)
                if r.read() == b"ok":
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("dashboard did not start") from None
            time.sleep(0.1)


def cold_start(env: dict, runs: int, log_dir: Path) -> list[float]:
    """Seconds from `streamlit run` to the first chart visible, `runs` times (a new server each time)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for i in range(runs):
                page = browser.new_page()
                t0 = time.perf_counter()
                proc, url = _start(env, log_dir / f"cold_start_{i}.log")
                try:
                    while True:
                        try:
                            page.goto(keyed(url), timeout=120_000)
                            break
                        except PlaywrightError:
                            if proc.poll() is not None or time.perf_counter() - t0 > 120:
                                raise
                            time.sleep(0.05)
                    page.wait_for_selector(FIRST_CHART, state="visible", timeout=120_000)
                    times.append(round(time.perf_counter() - t0, 2))
                finally:
                    page.close()
                    _stop(proc)
        finally:
            browser.close()
    return times


FLOOR = "benchmarks/floor_app.py"
FLOOR_PAGES = ("Floor two", "Floor")  # its sidebar labels, switched between in turn
SWITCHES_DA = ("companies", "activities", "reach", "budget", "sources", "overview")


def _wait_for_line(log: Path, text: str, proc: subprocess.Popen, timeout: float) -> float | None:
    """Seconds until `text` appears in the server's log (the warm-up's line), None if it does not in time."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout and proc.poll() is None:
        if text in log.read_text(errors="replace"):
            return round(time.monotonic() - t0, 2)
        time.sleep(0.2)
    return None


def _visit(context, url: str, timeout_ms: int, bodies: bool) -> dict:
    """Open `url` in a new tab of `context`: seconds to the first chart, bytes over the network (CDP's encoded
    lengths: 0 for what the browser cache answers) and, with `bodies`, what they would be gzipped."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes = {"net": 0, "requests": 0, "from_cache": 0}

    def finished(event):
        sizes["net"] += int(event.get("encodedDataLength", 0))
        sizes["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestServedFromCache", lambda _e: sizes.__setitem__("from_cache", sizes["from_cache"] + 1))
    responses = []
    page.on("response", lambda r: responses.append(r))
    t0 = time.perf_counter()
    page.goto(url, timeout=timeout_ms)
    page.wait_for_selector(FIRST_CHART, state="visible", timeout=timeout_ms)
    first_chart = time.perf_counter() - t0
    page.wait_for_function(SETTLED, timeout=timeout_ms, polling=50)
    settled = time.perf_counter() - t0
    out = {"first_chart_s": round(first_chart, 2), "settled_s": round(settled, 2), "bytes": sizes["net"],
           "requests": sizes["requests"], "from_cache": sizes["from_cache"]}
    if bodies:
        raw = packed = 0
        for r in responses:
            with contextlib.suppress(Exception):  # redirects and the like have no body
                body = r.body()
                raw += len(body)
                packed += len(gzip.compress(body, 6)) if len(body) >= 1024 else len(body)
        out.update(body_bytes=raw, gzip_bytes=packed)
    return {"page": page, **out}


def _switches(page, labels, timeout_ms: int) -> list[float]:
    """Seconds from a click on a sidebar page link to that page's rerun done with every chart drawn."""
    times = []
    for label in labels:
        page.evaluate(WATCH_RERUN)
        page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click(timeout=timeout_ms)
        page.wait_for_function(RERUN_DRAWN, timeout=timeout_ms, polling=50)
        times.append(round(page.evaluate(ELAPSED), 3))
    return times


def first_screen(env: dict, log_dir: Path, floor: bool = False, rounds: int = 2, timeout_s: float = 120,
                 switches: int | None = None) -> dict:
    """On a running, warmed server (the dashboard, or the floor app with `floor`): a link opened in a fresh
    browser context (cold cache) to its first chart, the same link again in that context (the browser's cache
    warm: a second visit), the bytes each transferred (and the first's gzipped, as the documented proxy sends it),
    then page switches to each page in turn, `rounds` times (only the first `switches` pages of a round if given:
    the tests' smallest run)."""
    from playwright.sync_api import sync_playwright

    log = log_dir / ("floor.log" if floor else "first_screen.log")
    proc, url = _start(env, log, FLOOR if floor else "serve.py")
    timeout_ms = int(timeout_s * 1000)
    try:
        wait_healthy(url, proc)
        warm_s = None if floor else _wait_for_line(log, "warm in", proc, 600)
        link = f"{url}/" if floor else keyed(url)
        labels = list(FLOOR_PAGES) * (len(SWITCHES_DA) // 2) if floor else [PAGES_DA[p] for p in SWITCHES_DA]
        labels = labels[:switches]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                cold = _visit(context, link, timeout_ms, bodies=True)
                cold.pop("page").close()
                warm = _visit(context, link, timeout_ms, bodies=False)
                page = warm.pop("page")
                switches = [t for _ in range(rounds) for t in _switches(page, labels, timeout_ms)]
                context.close()
            finally:
                browser.close()
    finally:
        _stop(proc)
    return {"warm_up_s": warm_s, "cold_cache": cold, "warm_cache": warm, "page_switch_s": switches,
            "page_switch_median_s": round(float(np.median(switches)), 3),
            "page_switch_p95_s": round(float(np.percentile(switches, 95)), 3)}


def _plan(i: int, interactions: int) -> list[tuple[str, str]]:
    """Session i's interactions: page switches and region choices, staggered so sessions do not move in step.
    Never the page or region the session is already on (that causes no rerun)."""
    pages = ["companies", "activities", "reach", "budget", "overview", "sources"]
    steps, page, region = [], "overview", None
    for k in range(interactions):
        if k % 3 == 1:
            choice = REGIONS_DA[(i + k) % len(REGIONS_DA)]
            if choice == region:
                choice = REGIONS_DA[(i + k + 1) % len(REGIONS_DA)]
            steps.append(("region", choice))
            region = choice
        else:
            choice = pages[(i + k) % len(pages)]
            if choice == page:
                choice = pages[(i + k + 1) % len(pages)]
            steps.append(("page", choice))
            page = choice
    return steps


async def _session(browser, url: str, i: int, interactions: int, timeout_ms: int, out: dict) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        t = time.perf_counter()
        await page.goto(url, timeout=timeout_ms)
        await page.wait_for_function(SETTLED, timeout=timeout_ms, polling=50)
        out["first_load"].append(time.perf_counter() - t)
        for kind, target in _plan(i, interactions):
            await page.evaluate(WATCH_RERUN)
            t = time.perf_counter()
            try:
                if kind == "page":
                    await page.locator('[data-testid="stSidebarNav"] a', has_text=PAGES_DA[target]).first.click(
                        timeout=timeout_ms)
                else:
                    await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click(
                        timeout=timeout_ms)
                    await page.get_by_role("option", name=target, exact=True).click(timeout=timeout_ms)
                await page.wait_for_function(RERUN_DRAWN, timeout=timeout_ms, polling=50)
            except Exception:
                # Censored: counted at the timeout (so the percentiles are not flattered), session ends here.
                out["interactions"].append(timeout_ms / 1000)
                out["timeouts"] += 1
                raise
            elapsed = await page.evaluate(ELAPSED)
            out["interactions"].append(elapsed)
            out["by_kind"].setdefault(f"{kind}:{target}", []).append(elapsed)
    except Exception as e:  # noqa: BLE001 - a failed session is counted, not fatal
        out["failed"].append(f"session {i}: {type(e).__name__}: {str(e).splitlines()[0][:200]}")
    finally:
        await context.close()


async def _sessions(url: str, sessions: int, interactions: int, timeout_ms: int, deadline_s: float) -> dict:
    from playwright.async_api import async_playwright

    out: dict = {"first_load": [], "interactions": [], "by_kind": {}, "failed": [], "timeouts": 0}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            tasks = [asyncio.create_task(_session(browser, url, i, interactions, timeout_ms, out))
                     for i in range(sessions)]
            done, pending = await asyncio.wait(tasks, timeout=deadline_s)
            for task in pending:
                task.cancel()
            if pending:
                out["failed"].append(f"{len(pending)} sessions cut off at the {deadline_s:.0f} s deadline")
        finally:
            await browser.close()
    return out


def _ms(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(np.array(values) * 1000, q)), 0) if values else None


def concurrency(env: dict, sessions: int, interactions: int, log_dir: Path, timeout_s: float = 120,
                deadline_s: float = 600) -> dict:
    proc, url = _start(env, log_dir / "concurrency.log")
    peak = {"rss": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], _rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    try:
        wait_healthy(url, proc)
        idle = _rss_mb(proc.pid)
        sampler.start()
        server0, machine0 = _cpu_s(proc.pid), _machine_busy_s()
        t = time.perf_counter()
        out = asyncio.run(_sessions(keyed(url), sessions, interactions, int(timeout_s * 1000), deadline_s))
        wall = time.perf_counter() - t
        server_cpu, machine_cpu = _cpu_s(proc.pid) - server0, _machine_busy_s() - machine0
        after = _rss_mb(proc.pid)
    finally:
        stop.set()
        _stop(proc)
    return {
        "sessions": sessions, "interactions_per_session": interactions, "wall_s": round(wall, 1),
        "interactions": len(out["interactions"]),
        "concurrent_p50_ms": _ms(out["interactions"], 50), "concurrent_p95_ms": _ms(out["interactions"], 95),
        "first_load_p50_ms": _ms(out["first_load"], 50), "first_load_p95_ms": _ms(out["first_load"], 95),
        "by_kind_p95_ms": {k: _ms(v, 95) for k, v in sorted(out["by_kind"].items())},
        "server_rss_idle_mb": round(idle, 1), "server_rss_peak_mb": round(peak["rss"], 1),
        "server_rss_after_mb": round(after, 1), "timeouts_counted_at_timeout": out["timeouts"],
        "server_cpu_s": round(server_cpu, 1), "machine_busy_cpu_s": round(machine_cpu, 1),
        "server_cpu_share": round(server_cpu / machine_cpu, 2) if machine_cpu else None,
        "failed": out["failed"],
    }


def chromium_version() -> str | None:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
