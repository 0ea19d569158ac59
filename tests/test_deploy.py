"""What docs/deploy.md promises about serving: checked in the files themselves (the sandbox has no Docker
daemon to build the image, so the Dockerfile is checked statically)."""

from __future__ import annotations

import re
import tomllib

from healthtech import config

ROOT = config.ROOT


def _dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_the_image_is_slim_pinned_non_root_with_the_store_on_a_volume_and_a_health_check():
    text = _dockerfile()
    assert re.search(r"^FROM python:3\.11\.\d+-slim", text, re.M)
    assert "pip install -r requirements.txt" in text
    user = re.findall(r"^USER (\S+)", text, re.M)
    assert user and user[-1] not in ("root", "0")
    assert "STORE_DIR=/store" in text and 'VOLUME ["/store"]' in text
    assert re.search(r"^HEALTHCHECK .*\n?.*_stcore/health", text, re.M)
    # the meeting pack needs a browser for its charts and fonts for its text; times in Danish time
    assert re.search(r"apt-get install .*chromium .*fonts-dejavu-core", text) and "TZ=Europe/Copenhagen" in text


def test_secrets_and_the_store_never_enter_the_image_or_git():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".streamlit/secrets.toml", "store", ".venv", ".git"} <= set(ignored)
    assert {".streamlit/secrets.toml", "store/"} <= set((ROOT / ".gitignore").read_text().split())


def test_server_settings_for_serving():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["server"]["enableXsrfProtection"] is True
    assert 1 <= settings["server"]["maxUploadSize"] <= 200
    # The endpoint's limit is the reader's: what real exports need, measured in docs/deploy.md.
    from healthtech import ingest

    assert settings["server"]["maxUploadSize"] * 1024 * 1024 == ingest.MAX_BYTES == 10 * 1024 * 1024
    assert settings["server"]["address"] == "localhost"
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["client"]["showErrorDetails"] == "none"
    # No work after each script run that a server does not need (docs/scaling.md, server profile): the source
    # watcher resolving every imported module's path, and a full garbage collection.
    assert settings["server"]["fileWatcherType"] == "none" and settings["runner"]["postScriptGC"] is False


def test_every_start_goes_through_the_guard():
    """The container, `make run`, the browser tests and the bench start serve.py (the exact-origin, host, header
    and metrics checks of healthtech/guard.py), never dashboard.py bare."""
    cmd = re.findall(r"^CMD (.*)$", _dockerfile(), re.M)[-1]
    assert '"serve.py"' in cmd and "dashboard.py" not in cmd
    make_run = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert "streamlit run serve.py" in make_run
    for starter in ("tests/browser/conftest.py", "benchmarks/browser.py"):
        text = (ROOT / starter).read_text()
        assert '"serve.py"' in text and '"run", "dashboard.py"' not in text, starter
    serve = (ROOT / "serve.py").read_text()
    assert 'st.App("dashboard.py", middleware=[Middleware(guard.Guard)]' in serve


def test_the_documented_proxies_compress_streamlits_javascript():
    text = (config.ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    caddy = re.search(r"```caddy\n(.*?)```", text, re.S).group(1)
    nginx = re.search(r"```nginx\n(.*?)```", text, re.S).group(1)
    assert re.search(r"^\s*encode zstd gzip\b", caddy, re.M)
    assert re.search(r"^\s*gzip on;", nginx, re.M)
    types = re.search(r"gzip_types ([^;]*);", nginx).group(1).split()
    assert {"application/javascript", "text/javascript", "text/css"} <= set(types)  # nginx's default: text/html only
