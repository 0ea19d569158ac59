"""The meeting pack from the Overview in Chromium: progress while it runs, then a PDF and a workbook to download."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, DESKTOP
from tests.browser.test_walk import Watch, assert_clean, settle

pytestmark = pytest.mark.browser


def test_the_steering_group_makes_the_meeting_pack_and_downloads_it(server, browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(f"{server}/?region=1083")
    settle(page)
    page.get_by_role("button", name="Lav mødepakke").click()
    expect(page.get_by_text("Laver mødepakken …")).to_be_visible(timeout=10_000)  # progress while it runs
    expect(page.get_by_text("Mødepakken er klar")).to_have_count(1, timeout=90_000)
    expect(page.get_by_text("Mødepakken er klar")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "meeting_pack_ready.png"))
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download mødepakken (PDF)").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith("_da.pdf")
    with open(pdf.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download alle tabeller (Excel)").click()
    with open(xlsx_download.value.path(), "rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    assert len(book.sheetnames) > 20 and "Kilder og versioner" in book.sheetnames
    assert_clean(page, watch, "meeting pack")
    context.close()
