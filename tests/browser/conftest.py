"""A real dashboard server and Debian's Chromium, driven by Playwright.

Chromium comes from Debian (`/usr/bin/chromium`, installed by `make test` / `.ci/run`); Playwright's own
browser download is not used. The flags keep Chromium from calling home, so the only requests a page makes
are the ones the dashboard causes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from benchmarks.browser import wait_healthy
from healthtech import config

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = config.ROOT / "tests" / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_dashboard(name: str, env: dict[str, str] | None = None, port: int | None = None):
    """Start `streamlit run dashboard.py` on a free loopback port (or `port`); yield its URL; stop it.
    `env` adds environment variables (a secrets file, a store of the test's own, a moved clock)."""
    port = port or _free_port()
    log = ARTIFACTS / f"{name}.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "localhost"],
            cwd=config.ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
        url = f"http://localhost:{port}"
        try:
            wait_healthy(url, proc, timeout=60)
        except RuntimeError:
            proc.kill()
            raise RuntimeError(f"dashboard did not start; see {log}") from None
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def server():
    with running_dashboard("server") as url:
        yield url


@pytest.fixture
def fresh_server():
    """A server no session has visited yet (Streamlit still in pages-directory mode)."""
    with running_dashboard("fresh_server") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) "
                           "or `apt-get install chromium`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
