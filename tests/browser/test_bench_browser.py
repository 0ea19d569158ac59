"""The bench's server-facing half (cold start, concurrent browser sessions, the first screen of the dashboard and
the floor app, websocket sessions) runs end to end on the default data: small, not timed."""

from __future__ import annotations

import os
import threading

import pytest

from benchmarks import browser
from healthtech import config

pytestmark = pytest.mark.browser


def test_cold_start_and_two_concurrent_sessions_run(tmp_path):
    (tmp_path / "store").mkdir()
    env = {**os.environ, "DATA_DIR": str(config.ROOT / "data"), "STORE_DIR": str(tmp_path / "store"),
           "HEALTHTECH_SECRETS": ""}  # no secrets: local mode
    # In a thread of its own: the session's `browser` fixture may already run Playwright's sync API (and its
    # event loop) in this thread, and the bench starts its own.
    out: dict = {}

    def run():
        out["runs"] = browser.cold_start(env, 1, tmp_path)
        out["c"] = browser.concurrency(env, sessions=2, interactions=3, log_dir=tmp_path, deadline_s=300)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    runs, c = out["runs"], out["c"]
    assert len(runs) == 1 and runs[0] > 0
    assert c["failed"] == [] and c["interactions"] == 6
    assert c["concurrent_p95_ms"] > 0 and c["server_rss_peak_mb"] > 0 and c["server_cpu_s"] > 0


def test_first_screen_of_the_dashboard_and_the_floor_and_websocket_sessions_run(tmp_path):
    from benchmarks import wsload

    (tmp_path / "store").mkdir()
    env = {**os.environ, "DATA_DIR": str(config.ROOT / "data"), "STORE_DIR": str(tmp_path / "store"),
           "HEALTHTECH_SECRETS": ""}
    out: dict = {}

    def run():  # a thread of its own, as above
        out["floor"] = browser.first_screen(env, tmp_path, floor=True, rounds=1)
        out["ours"] = browser.first_screen(env, tmp_path, rounds=1)
        out["ws"] = wsload.measure(env, 2, tmp_path, seconds=10)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    for name in ("floor", "ours"):
        screen = out[name]
        assert screen["cold_cache"]["first_chart_s"] > 0 and screen["warm_cache"]["first_chart_s"] > 0, name
        assert screen["cold_cache"]["gzip_bytes"] < screen["cold_cache"]["body_bytes"], name
        assert screen["warm_cache"]["bytes"] < screen["cold_cache"]["bytes"] / 10, name  # the browser cache
        assert len(screen["page_switch_s"]) == 6, name
    assert out["ours"]["warm_up_s"] is not None  # the server said it was warm
    ws = out["ws"]
    assert ws["errors"] == [] and ws["page_exceptions"] == 0 and ws["reruns"] >= 2
    assert ws["rerun_p95_ms"] > 0 and ws["server_cpu_s"] > 0 and ws["server_rss_peak_mb"] > 0
