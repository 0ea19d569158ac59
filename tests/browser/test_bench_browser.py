"""The bench's server-facing half (cold start, concurrent browser sessions, the first screen of the dashboard and
the floor app, websocket sessions) runs end to end on the default data at its smallest settings (one cold start,
two sessions of two interactions, two page switches, one second of websocket load): each of its fields is written,
nothing is timed."""

from __future__ import annotations

import os
import threading

import pytest

from benchmarks import browser
from benchmarks import run as run_bench
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
        out["c"] = browser.concurrency(env, sessions=2, interactions=2, log_dir=tmp_path, deadline_s=300)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    runs, c = out["runs"], out["c"]
    assert len(runs) == 1 and runs[0] > 0
    assert c["failed"] == [] and c["interactions"] == 4
    assert c["concurrent_p95_ms"] > 0 and c["server_rss_peak_mb"] > 0 and c["server_cpu_s"] > 0


def test_first_screen_of_the_dashboard_and_the_floor_and_websocket_sessions_run(tmp_path):
    from benchmarks import wsload

    (tmp_path / "store").mkdir()
    env = {**os.environ, "DATA_DIR": str(config.ROOT / "data"), "STORE_DIR": str(tmp_path / "store"),
           "HEALTHTECH_SECRETS": ""}
    out: dict = {}

    def run():  # a thread of its own, as above
        out["floor"] = browser.first_screen(env, tmp_path, floor=True, rounds=1, switches=2)
        out["ours"] = browser.first_screen(env, tmp_path, rounds=1, switches=2)
        out["ws"] = wsload.measure(env, 2, tmp_path, seconds=1)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    for name in ("floor", "ours"):
        screen = out[name]
        assert screen["cold_cache"]["first_chart_s"] > 0 and screen["warm_cache"]["first_chart_s"] > 0, name
        assert screen["cold_cache"]["gzip_bytes"] < screen["cold_cache"]["body_bytes"], name
        assert screen["warm_cache"]["bytes"] < screen["cold_cache"]["bytes"] / 10, name  # the browser cache
        assert len(screen["page_switch_s"]) == 2 and min(screen["page_switch_s"]) > 0, name
    assert out["ours"]["warm_up_s"] is not None  # the server said it was warm
    # The fields the bench writes from these two (issue 15), the ratios to the floor app among them.
    fields = run_bench.screen_fields(out["ours"], out["floor"])
    assert fields["first_chart_s"] == {k: out["ours"][k]["first_chart_s"] for k in ("cold_cache", "warm_cache")}
    assert fields["page_switch_s"]["median"] > 0 and fields["page_switch_s"]["all"] == out["ours"]["page_switch_s"]
    assert fields["floor"]["first_chart_s"]["cold_cache"] == out["floor"]["cold_cache"]["first_chart_s"]
    assert fields["floor"]["page_switch_s"]["median"] > 0
    assert min(fields["first_chart_vs_floor"].values()) > 0 and fields["page_switch_vs_floor"] > 0
    assert 0 < fields["cold_load_bytes"]["gzip"] < fields["cold_load_bytes"]["uncompressed"]
    ws = out["ws"]
    assert ws["errors"] == [] and ws["page_exceptions"] == 0 and ws["reruns"] >= 4  # a first run and a switch each
    assert ws["rerun_p95_ms"] > 0 and ws["server_cpu_s"] > 0 and ws["server_rss_peak_mb"] > 0
