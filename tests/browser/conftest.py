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
from playwright.sync_api import expect, sync_playwright

from benchmarks.browser import wait_healthy
from healthtech import config, owner

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = config.ROOT / "tests" / "artifacts"
# Waiting, not timing: on a loaded 2-core machine (two pytest-xdist workers, each with a server and a Chromium) a
# click's rerun can take far longer than Playwright's defaults (5 s for `expect`, 30 s for actions). A test that
# waits longer for the same thing asserts the same thing; speed is the benchmark's job.
expect.set_options(timeout=30_000)
ACTION_TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_path(name: str) -> Path:
    """tests/artifacts/<name>.log, with the pytest-xdist worker in the name so two workers never share a file."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / (f"{name}.{worker}.log" if worker else f"{name}.log")


@contextmanager
def running_dashboard(name: str, env: dict[str, str] | None = None, port: int | None = None):
    """Start `streamlit run serve.py` (the dashboard behind healthtech/guard.py) on a free loopback port (or
    `port`); yield its URL; stop it. The log is `log_path(name)`.
    `env` adds environment variables (a secrets file, a store of the test's own, a moved clock).
    A free port can be taken by another process (another pytest-xdist worker's server) before this server binds
    it: then it is tried again on a new port, twice at most, unless the caller chose the port."""
    log = log_path(name)
    for attempt in range(1 if port else 3):
        chosen = port or _free_port()
        with log.open("w") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(chosen),
                 "--server.headless", "true", "--server.address", "localhost"],
                cwd=config.ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
            )
        url = f"http://localhost:{chosen}"
        try:
            wait_healthy(url, proc, timeout=60)
            break
        except RuntimeError:
            proc.kill()
            proc.wait()
            if port or attempt == 2 or "is not available" not in log.read_text(errors="replace"):
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


class OwnerBrowser:
    """The session's Chromium as the secretariat's own: every new context carries local mode's owner cookie for
    localhost, as after opening the `?local=` address `make run` prints once (healthtech/owner.py; the test
    servers share the key tests/conftest.py sets). `plain` is the same browser without it: a visitor."""

    def __init__(self, browser):
        self.plain = browser

    def __getattr__(self, name):
        return getattr(self.plain, name)

    def new_context(self, **kwargs):
        context = self.plain.new_context(**kwargs)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.add_cookies([{"name": owner.COOKIE, "value": owner.proof(), "domain": "localhost", "path": "/",
                              "httpOnly": True, "sameSite": "Strict"}])
        return context

    def new_page(self, **kwargs):
        return self.new_context(**kwargs).new_page()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) "
                           "or `apt-get install chromium`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield OwnerBrowser(b)
        b.close()
