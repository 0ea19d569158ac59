"""Concurrent sessions measured on the server: a load generator that speaks Streamlit's websocket protocol.

Each session is one websocket to `/_stcore/stream` on loopback, as a browser tab opens it (the owner's local-mode
cookie, an allowed Origin), sending `BackMsg.rerun_script` with a `ClientState` and reading `ForwardMsg`s until
`script_finished`; no browser draws anything, so the figures are the server's: a rerun is timed from the message
sent to the script finished with every delta received. A session opens the Overview, then switches pages and
the region filter (the sidebar's Region selectbox, by its widget id and label as the frontend sends them) in a
staggered order until the run's time is up; every session runs at once in one asyncio loop. The server's CPU
(/proc) and RSS (sampled every 0.2 s) are read for the run. Bounded: loopback only, `seconds` per run, a timeout
per rerun. The generator shares the machine's cores with the server (it parses every message), so the
latencies are an upper bound on what the server alone would give.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import threading
import time
from pathlib import Path

import numpy as np

from benchmarks import browser
from healthtech import owner

PAGES = ("companies", "activities", "reach", "budget", "sources", "overview")  # url paths; "" is the Overview
REGIONS = ("Region Syddanmark", "Region Midtjylland", "Region Hovedstaden", "Region Nordjylland", "Region Sjælland")
REGION_PAGES = {"companies", "activities", "reach"}  # pages whose data has regions (site.py dimensions)


class _Session:
    def __init__(self, ws):
        self.ws = ws
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.region_id: str | None = None
        self.region: str | None = None
        self.exceptions = 0

    async def rerun(self, page_hash: str = "", timeout: float = 120) -> float:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = page_hash
        if self.region is not None and self.region_id is not None:
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = self.region_id
            state.string_value = self.region
        t = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(timeout):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await self.ws.recv())
                kind = fwd.WhichOneof("type")
                if kind == "navigation":
                    self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                    element = fwd.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "selectbox" and element.selectbox.label == "Region":
                        self.region_id = element.selectbox.id
                    elif which == "exception":
                        self.exceptions += 1
                elif kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return time.perf_counter() - t


async def _one(url: str, i: int, stop_at: float, out: dict) -> None:
    import websockets

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    proof = hmac.new(browser.LOCAL_KEY.encode(), b"healthtech local owner", hashlib.sha256).hexdigest()
    headers = {"Cookie": f"{owner.COOKIE}={proof}", "Origin": url}  # as owner.proof() on the bench's server
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], additional_headers=headers,
                                      max_size=None, open_timeout=60, ping_interval=None) as ws:
            session = _Session(ws)
            out["first"].append(await session.rerun())
            k = i
            while k == i or time.monotonic() < stop_at:  # at least one switch, however long the first run took
                page = PAGES[k % len(PAGES)]
                if k % 3 == 2 and page in REGION_PAGES and session.region_id is not None:
                    session.region = REGIONS[k % len(REGIONS)]  # a filter change on the page it is on
                    kind = "region"
                    took = await session.rerun(session.pages.get(page, ""))
                else:
                    kind = "page"
                    took = await session.rerun(session.pages.get(page if page != "overview" else "", ""))
                out["reruns"].append(took)
                out["by_kind"].setdefault(kind, []).append(took)
                k += 1
            out["exceptions"] += session.exceptions
    except Exception as e:  # noqa: BLE001 - counted, not fatal
        out["errors"].append(f"session {i}: {type(e).__name__}: {str(e)[:200]}")


async def _all(url: str, sessions: int, seconds: float) -> dict:
    out: dict = {"first": [], "reruns": [], "by_kind": {}, "errors": [], "exceptions": 0}
    stop_at = time.monotonic() + seconds
    tasks = []
    for i in range(sessions):
        tasks.append(asyncio.create_task(_one(url, i, stop_at, out)))
        await asyncio.sleep(0.02)  # not all in the same millisecond, as tabs are not
    await asyncio.wait(tasks, timeout=seconds + 300)
    return out


def _ms(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(np.array(values) * 1000, q)), 0) if values else None


def measure(env: dict, sessions: int, log_dir: Path, seconds: float = 60) -> dict:
    """`sessions` websocket sessions for `seconds` against a fresh, warmed server (serve.py)."""
    log = log_dir / f"ws_{sessions}.log"
    proc, url = browser._start(env, log)
    peak = {"rss": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], browser._rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    try:
        browser.wait_healthy(url, proc)
        browser._wait_for_line(log, "warm in", proc, 600)
        idle = browser._rss_mb(proc.pid)
        sampler.start()
        cpu0 = browser._cpu_s(proc.pid)
        t = time.perf_counter()
        out = asyncio.run(_all(url, sessions, seconds))
        wall = time.perf_counter() - t
        cpu = browser._cpu_s(proc.pid) - cpu0
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            browser._stop(proc)
    reruns = len(out["reruns"]) + len(out["first"])
    return {
        "sessions": sessions, "seconds": round(wall, 1), "reruns": reruns,
        "rerun_p50_ms": _ms(out["reruns"], 50), "rerun_p95_ms": _ms(out["reruns"], 95),
        "first_run_p50_ms": _ms(out["first"], 50), "first_run_p95_ms": _ms(out["first"], 95),
        "by_kind_p95_ms": {k: _ms(v, 95) for k, v in sorted(out["by_kind"].items())},
        "server_cpu_s": round(cpu, 1), "server_cpu_ms_per_rerun": round(cpu * 1000 / reruns, 1) if reruns else None,
        "server_rss_idle_mb": round(idle, 1), "server_rss_peak_mb": round(peak["rss"], 1),
        "rss_mb_per_session": round((peak["rss"] - idle) / sessions, 1) if sessions else None,
        "page_exceptions": out["exceptions"], "errors": out["errors"][:20],
    }
