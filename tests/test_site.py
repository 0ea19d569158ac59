"""The page registry (healthtech/site.py) is the only page list: a page added there reaches the navigation, the
meeting pack and the bench without another file being touched (docs/maintainers.md, "Add a page"). The file side
(a page file without an entry fails) is `tests/test_pages.py::test_the_page_registry_and_the_page_files_agree`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from healthtech import config

# Run in a fresh interpreter: the registry gets one more page (and one more editor-only page) before anything
# else is imported, as if both had been written into site.PAGES; the lists the other modules keep are then read.
# The extra pages reuse the Overview's file (st.Page needs a file that exists), under their own URL path.
PROBE = r"""
import json, os, sys
import streamlit as st
from streamlit.testing.v1 import AppTest
from healthtech import i18n, site

class Extra(site.Page):
    @property
    def path(self):
        return "pages/overview.py"

extra, secret = Extra("extra", "overview.title"), Extra("extra_editor", "overview.title", editor_only=True,
                                                         in_pack=False)
site.PAGES = (*site.PAGES[:2], extra, *site.PAGES[2:], secret)
site.BY_NAME.update({extra.name: extra, secret.name: secret})
i18n.TEXTS.update({"nav.extra": ("Ekstra", "Extra"), "nav.extra_editor": ("Redaktør", "Editor")})

from benchmarks import browser, pages
from healthtech import capture

seen = []
real = st.navigation
def navigation(entries, **kw):
    seen.append([p.url_path for p in entries])
    return real(entries, **kw)
st.navigation = navigation
at = AppTest.from_file("dashboard.py", default_timeout=60)
at.query_params["local"] = os.environ["HEALTHTECH_LOCAL_SECRET"]
at.run()
print(json.dumps({"pack": list(capture.PAGES), "bench": list(pages.PAGES), "browser": list(browser.PAGES_DA),
                  "navigation": seen[0], "errors": [e.message for e in at.exception]}))
"""


@pytest.mark.slow  # a child interpreter builds the test registry
def test_a_page_in_the_registry_is_in_the_navigation_the_pack_and_the_bench():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=config.ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(config.ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    lists = json.loads(done.stdout.strip().splitlines()[-1])
    assert lists["errors"] == []
    public = ["overview", "companies", "extra", "reach", "budget", "activities", "sources"]
    # The owner is an editor: every page, in order; the first is the default page, served at "/".
    assert lists["navigation"] == ["", *public[1:], "data", "extra_editor"]
    assert lists["pack"] == public
    assert lists["bench"] == public and lists["browser"] == public
