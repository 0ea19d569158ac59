"""The test run's environment (an empty store, no secrets, one local-mode key) and the shared fixtures: a private
copy of the data folder, a private store, quick password hashes. Helpers that run pages are in tests/page_runs.py."""

from __future__ import annotations

import gc
import os
import secrets
import shutil
import tempfile

# Tests never touch a developer's store/: a session-wide empty store, set before healthtech reads its config.
_SESSION_DIR = tempfile.mkdtemp(prefix="healthtech-test-")
os.environ["STORE_DIR"] = os.path.join(_SESSION_DIR, "store")
os.environ["HEALTHTECH_SECRETS"] = ""  # no secrets file: local mode unless a test sets one
# Local mode's per-start key (healthtech/owner.py), the same for every AppTest and test server of this run.
os.environ["HEALTHTECH_LOCAL_SECRET"] = secrets.token_urlsafe(24)
# A file a test writes is what its next run reads: a new data version is waited for, never served from the old
# one (tests/test_db_and_queries.py sets the wait to 0 to prove the old version is served while the new one builds).
os.environ["HEALTHTECH_SWITCH_WAIT_SECONDS"] = "600"
for _name in ("HEALTHTECH_EDITOR_PASSWORD_HASH", "HEALTHTECH_SIGNING_KEYS", "HEALTHTECH_CURRENT_KEY"):
    os.environ.pop(_name, None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SESSION_STORE = Path(os.environ["STORE_DIR"])


def pytest_configure(config):
    """A process that runs tests prepares page runs before the first one (tests/page_runs.py). pytest-xdist's
    controller runs none: it starts its workers without importing Streamlit, pandas and DuckDB first (about 2.5 s
    before the first worker starts)."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        import tests.page_runs  # noqa: F401


def pytest_collection_finish(session):
    """Everything imported so far (Streamlit, pandas, plotly, the test modules) lives until the process ends;
    frozen, Python's garbage collector no longer walks it on every full collection (about 4 → 2.4 s of each fast
    worker's CPU, measured with gc.callbacks)."""
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config):
    gc.unfreeze()  # so the interpreter's last collection frees them (DuckDB's bindings report what is never freed)


@pytest.fixture(autouse=True)
def quick_scrypt(request, monkeypatch):
    from healthtech import access
    from tests.page_runs import QUICK_SCRYPT

    if request.node.get_closest_marker("browser") is None:
        monkeypatch.setattr(access, "SCRYPT", QUICK_SCRYPT)


@pytest.fixture
def real_scrypt(quick_scrypt, monkeypatch):
    from healthtech import access
    from tests.page_runs import PRODUCTION_SCRYPT

    monkeypatch.setattr(access, "SCRYPT", PRODUCTION_SCRYPT)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that DATA_DIR points at; the shared connection is rebuilt over it."""
    from healthtech import config, db

    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target)
    monkeypatch.setattr(config, "DATA_DIR", target)
    monkeypatch.setattr(config, "SOURCES_DIR", target / "sources")
    db._state.update(files=None, con=None, build=None)
    yield target
    db._state.update(files=None, con=None, build=None)


@pytest.fixture(autouse=True)
def session_store_stays_empty(request):
    """The session-wide store (STORE_DIR above) stays empty, so a test that only reads needs no store of its own
    (a private store means a new connection and cold query caches, about a third of a second). A test that uploads,
    links, rolls back or counts anything takes `store_dir`."""
    yield
    if request.node.get_closest_marker("browser") is not None:  # their servers have stores of their own
        return
    written = [p for p in SESSION_STORE.rglob("*") if p.is_file()] if SESSION_STORE.exists() else []
    assert not written, f"this test wrote to the session-wide store (give it `store_dir`): {written[:3]}"


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    """An empty store of this test's own; the shared connection is rebuilt over it."""
    from healthtech import config, db, store

    target = tmp_path / "store"
    monkeypatch.setattr(config, "STORE_DIR", target)
    store._cache.update(key=None, records=[])
    db._state.update(files=None, con=None, build=None)
    yield target
    store._cache.update(key=None, records=[])
    db._state.update(files=None, con=None, build=None)
