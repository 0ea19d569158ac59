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


OWNER_COOKIE = {"domain": "localhost", "path": "/", "httpOnly": True, "sameSite": "Strict"}
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's, for a context given none
DESKTOP = {"width": 1400, "height": 1000}  # the desktop the browser tests read pages on
# What a lease can honour on a warm context: its own viewport, and downloads (a persistent context's default).
LEASABLE = {"viewport": lambda v: v is None or set(v) == {"width", "height"},
            "accept_downloads": lambda v: v is True}
# What a warm context is launched with, one warm context per combination a test asks for (WarmContexts).
PROFILE = {"locale", "is_mobile", "has_touch", "user_agent", "device_scale_factor"}
STORAGE_TYPES = "local_storage,indexeddb,websql,service_workers,cache_storage,file_systems,shared_storage"


class Lease:
    """A test's use of one of the worker's shared Chromium contexts (`WarmContext`), standing in for a new context:
    no cookies but the ones its browser adds, no storage of any origin a test visited (localStorage,
    IndexedDB, …), no page open but its own, so every page load is a new Streamlit session as in a new context.
    What it keeps is the HTTP cache and V8's code cache: Streamlit's ~10 MB of JavaScript is not parsed and
    compiled again for every context (about 10 CPU-seconds of a new context's first page against 3 warm).
    `close()` closes its pages, not the shared context. A lease ends at the latest when its test does."""

    def __init__(self, pool: WarmContext, viewport: dict, single_page: bool = False):
        self._pool, self._viewport, self._single_page = pool, viewport, single_page
        self._opened, self.closed = False, False

    def new_page(self):
        if self._pool.lease is not self or self.closed:
            raise RuntimeError("this lease on the shared browser context has ended")
        page = self._pool.shared.new_page()
        page.set_viewport_size(self._viewport)
        self._opened = True
        return page

    @property
    def pages(self):
        return [p for p in self._pool.shared.pages if p is not self._pool.keeper]

    @property
    def busy(self) -> bool:
        return not self.closed and not (self._single_page and self._opened and not self.pages)

    def close(self):
        if not self.closed and self._pool.lease is self:
            for page in self.pages:
                page.close()
        self.closed = True

    def __getattr__(self, name):
        return getattr(self._pool.shared, name)


class WarmContext:
    """One persistent Chromium context of a worker, lent to one test context at a time (`Lease`). `profile` is
    what the context was launched with and every lease shares (a locale, a phone's user agent and touch)."""

    def __init__(self, playwright, user_data_dir: Path, profile: dict):
        self._playwright, self._user_data_dir, self._profile = playwright, user_data_dir, profile
        self.shared = self.keeper = self.lease = None
        self._origins: set[str] = set()

    def _open(self):
        if self.shared is None:
            self.shared = self._playwright.chromium.launch_persistent_context(
                self._user_data_dir, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                **{"viewport": DEFAULT_VIEWPORT, **self._profile})
            self.shared.on("close", lambda _: self._forget())
            self.shared.on("request", lambda request: self._origins.add(_origin(request.url)))
            self.keeper = self.shared.pages[0] if self.shared.pages else self.shared.new_page()

    def _forget(self):
        self.shared = self.keeper = self.lease = None

    def lend(self, viewport: dict | None, cookies: list[dict], single_page: bool = False) -> Lease | None:
        if self.lease is not None and self.lease.busy:
            return None
        self.release()
        self._open()
        self.shared.clear_cookies()
        self._origins.discard(None)
        if self._origins:
            cdp = self.shared.new_cdp_session(self.keeper)
            for origin in self._origins:
                cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": STORAGE_TYPES})
            cdp.detach()
            self._origins.clear()
        self.shared.set_default_timeout(ACTION_TIMEOUT_MS)
        self.shared.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
        if cookies:
            self.shared.add_cookies(cookies)
        self.lease = Lease(self, viewport or self._profile.get("viewport") or DEFAULT_VIEWPORT, single_page)
        return self.lease

    def release(self):
        """End the current lease (the end of a test): its pages, and any page they opened, are closed."""
        if self.lease is not None:
            self.lease.close()
            self.lease = None

    def close(self):
        if self.shared is not None:
            self.shared.close()


class WarmContexts:
    """A worker's warm contexts, one per profile asked for: the default, and each locale or phone that tests ask
    for (`PROFILE`). A context asked for while its profile's warm context is lent out (two people side by side),
    or with an option no profile holds, is a real new context of the normal browser, as before."""

    def __init__(self, playwright, folder: Path):
        self._playwright, self._folder = playwright, folder
        self._contexts: dict[str, WarmContext] = {}

    def lend(self, kwargs: dict, cookies: list[dict], single_page: bool = False) -> Lease | None:
        if any(k not in LEASABLE and k not in PROFILE for k in kwargs):
            return None
        if any(k in LEASABLE and not LEASABLE[k](v) for k, v in kwargs.items()):
            return None
        profile = {k: v for k, v in kwargs.items() if k in PROFILE}
        key = repr(sorted(profile.items()))
        if key not in self._contexts:
            self._contexts[key] = WarmContext(self._playwright, self._folder / f"profile{len(self._contexts)}",
                                              profile)
        return self._contexts[key].lend(kwargs.get("viewport"), cookies, single_page)

    def release(self):
        for context in self._contexts.values():
            context.release()

    def close(self):
        for context in self._contexts.values():
            context.close()


def _origin(url: str) -> str | None:
    parts = url.split("/", 3)
    return "/".join(parts[:3]) if url.startswith(("http://", "https://")) and len(parts) >= 3 else None


class PlainBrowser:
    """The session's Chromium as a visitor: `new_context` is a lease on the worker's warm context when it can be
    (`WarmContexts`), else a real new context; either way without cookies."""

    def __init__(self, browser, pool: WarmContexts, cookies: list[dict]):
        self._browser, self._pool, self._cookies = browser, pool, cookies

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, isolated: bool = False, **kwargs):
        """`isolated=True`: a real new context even where a lease would do (see the OIDC sign-in test)."""
        return self._context(kwargs, isolated=isolated)

    def _context(self, kwargs, single_page=False, isolated=False):
        lease = None if isolated else self._pool.lend(kwargs, self._cookies, single_page)
        if lease is not None:
            return lease
        context = self._browser.new_context(**kwargs)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        if self._cookies:
            context.add_cookies(self._cookies)
        return context

    def new_page(self, **kwargs):
        return self._context(kwargs, single_page=True).new_page()


class OwnerBrowser(PlainBrowser):
    """The session's Chromium as the secretariat's own: every new context carries local mode's owner cookie for
    localhost, as after opening the `?local=` address `make run` prints once (healthtech/owner.py; the test
    servers share the key tests/conftest.py sets). `plain` is the same browser without it: a visitor."""

    def __init__(self, browser, pool: WarmContexts):
        super().__init__(browser, pool, [{"name": owner.COOKIE, "value": owner.proof(), **OWNER_COOKIE}])
        self.plain = PlainBrowser(browser, pool, [])


@pytest.fixture(scope="session")
def warm_contexts(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) "
                           "or `apt-get install chromium`")
    with sync_playwright() as p:
        pool = WarmContexts(p, tmp_path_factory.mktemp("chromium-profile"))
        yield p, pool
        pool.close()


@pytest.fixture(scope="session")
def browser(warm_contexts):
    p, pool = warm_contexts
    b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield OwnerBrowser(b, pool)
    b.close()


@pytest.fixture(autouse=True)
def _end_lease(request):
    """A lease on the shared context never outlives its test, even one that failed before closing it."""
    yield
    if "browser" in request.fixturenames:
        request.getfixturevalue("warm_contexts")[1].release()
