"""The bench's browser half (cold start, concurrent sessions) runs end to end on the default data: small, not timed."""

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
