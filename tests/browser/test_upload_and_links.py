"""With secrets set up, in Chromium: the editor's upload → confirm → chart changes flow, a ministry reviewer's
link (pinned region, no Data page, revoked → refused), a viewer's page picking up a new version by itself,
and a fresh server whose first request goes straight to /data."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from healthtech import access, config
from tests.browser.conftest import ARTIFACTS, running_dashboard
from tests.browser.test_walk import WAIT, Watch, assert_clean, settle

pytestmark = pytest.mark.browser

PASSWORD = "styregruppe-2020"  # noqa: S105 (a test secret)
UPLOAD = ("Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;9.876;30-11-2020\r\n"
          "MTI;LinkedIn-side;4.321;30.11.2020\r\nI alt;;14.197;\r\n")


@pytest.fixture
def secured(tmp_path):
    """Environment of a secured server: its own secrets file, store and a short refresh interval."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(access.new_secrets_toml(PASSWORD))
    return {"HEALTHTECH_SECRETS": str(secrets), "STORE_DIR": str(tmp_path / "store"),
            "HEALTHTECH_REFRESH_SECONDS": "2"}


def cli(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "healthtech", *args], cwd=config.ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.strip()


def sign_in(page, url):
    page.goto(url)
    page.get_by_label("Navn (til loggen)").fill("Sekretariatet")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Logget ind som Sekretariatet (redaktør)")).to_be_visible(timeout=WAIT)
    settle(page)


def nav_labels(page) -> list[str]:
    return page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()


def test_editor_uploads_a_danish_export_confirms_and_the_reach_page_changes(secured, browser, tmp_path):
    upload = tmp_path / "rækkevidde_nov2020.csv"
    upload.write_bytes(UPLOAD.encode("cp1252"))
    with running_dashboard("secured_editor", env=secured) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        watch = Watch(page)
        page.goto(f"{url}/reach")
        settle(page)
        expect(page.get_by_text("Log ind (sekretariatet)")).to_be_visible()
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        sign_in(page, f"{url}/reach")
        assert "Data" in nav_labels(page)
        reach_text = page.locator('[data-testid="stMain"]').inner_text()
        assert "14.197" not in reach_text

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
        expect(page.get_by_role("heading", name="Data: upload, historik og links")).to_be_visible(timeout=WAIT)
        page.locator('input[type="file"]').set_input_files(str(upload))
        expect(page.get_by_text("2 rækker læst")).to_be_visible(timeout=WAIT)
        expect(page.get_by_text("Bemærkninger", exact=True)).to_be_visible()
        expect(page.locator('[role="gridcell"]', has_text="Sumrække")).to_be_attached()  # the grid's a11y cell
        page.screenshot(path=ARTIFACTS / "data_upload_preview.png", full_page=True)
        page.get_by_role("button", name="Gem som ny version").click()
        expect(page.get_by_text("version 1 gemt (2 rækker)")).to_be_visible(timeout=WAIT)
        assert cli(secured, "history", "reach").splitlines()[1].split("\t")[:2] == ["1", "import"]

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Rækkevidde").click()
        expect(page.locator("h1").first).to_have_text("Rækkevidde: nyhedsbreve og sociale medier", timeout=WAIT)
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        expect(main).to_contain_text("14.197", timeout=WAIT)
        expect(main).to_contain_text("30. nov. 2020")
        assert_clean(page, watch, "editor flow")
        context.close()


def test_a_reviewer_link_is_read_only_pinned_and_stops_when_revoked(secured, browser):
    link = cli(secured, "share-link", "--role", "reviewer", "--region", "1081", "--expires", "7d")
    with running_dashboard("secured_reviewer", env=secured) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        watch = Watch(page)
        token = link.split("?token=")[1]
        page.goto(f"{url}/companies?token={token}&region=1084")  # a widened region in the URL is ignored
        settle(page)
        expect(page.get_by_text("Skrivebeskyttet visning · kun Region Nordjylland")).to_be_visible()
        assert "Data" not in nav_labels(page) and "Virksomheder" in nav_labels(page)
        region = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
        expect(region.locator("input")).to_have_value("Region Nordjylland")
        expect(region.locator("input")).to_be_disabled()
        assert "region=1081" in page.url
        assert page.locator('input[type="file"]').count() == 0
        page.goto(f"{url}/data?token={token}")
        expect(page.get_by_role("dialog")).to_contain_text("Page not found", timeout=WAIT)  # not in their navigation
        settle(page)
        assert page.locator('input[type="file"]').count() == 0
        assert "Data: upload" not in page.locator('[data-testid="stMain"]').inner_text()
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_have_count(0)
        assert len(watch.errors) == 1 and "does not seem to exist" in watch.errors[0]  # that dialog, logged
        watch.errors.clear()

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Budget").click()
        expect(page.locator("h1").first).to_have_text("Budget", timeout=WAIT)
        settle(page)
        assert "token" not in page.url  # the session keeps the link's access; the address bar only the view
        assert page.locator('[data-testid="stPlotlyChart"]').count() > 0
        assert_clean(page, watch, "reviewer")

        token_id = next(line["token_id"] for line in _links(secured))
        cli(secured, "revoke", token_id)
        # No click, no reload: the open page's refresh check re-verifies the link and stops showing data.
        expect(page.get_by_text("Linket er trukket tilbage.")).to_be_visible(timeout=WAIT)
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        page.goto(f"{url}/budget?token={token}")  # opened again from the e-mail
        expect(page.get_by_text("Linket er trukket tilbage.")).to_be_visible(timeout=WAIT)
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        page.screenshot(path=ARTIFACTS / "reviewer_revoked.png")
        context.close()


def _links(env: dict) -> list[dict]:
    import json
    from pathlib import Path

    audit = Path(env["STORE_DIR"]) / "audit.jsonl"
    return [json.loads(line) for line in audit.read_text().splitlines() if '"link"' in line]


def test_an_open_page_picks_up_a_new_version_by_itself(secured, browser, tmp_path):
    link = cli(secured, "share-link", "--role", "member")
    upload = tmp_path / "reach.csv"
    upload.write_bytes(UPLOAD.encode("cp1252"))
    with running_dashboard("secured_refresh", env=secured) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/reach?token={link.split('?token=')[1]}")
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        assert "14.197" not in main.inner_text()
        cli(secured, "import", str(upload), "--as", "reach", "--who", "test")
        expect(main).to_contain_text("14.197", timeout=WAIT)  # no click, no reload
        page.close()


def test_fresh_secured_server_first_request_to_data_shows_no_uploader_and_no_figures(secured, browser):
    with running_dashboard("secured_fresh", env=secured) as url:
        page = browser.new_page()
        page.goto(f"{url}/data")
        expect(page.get_by_text("Log ind (sekretariatet)")).to_be_visible(timeout=WAIT)
        page.wait_for_timeout(1500)
        assert page.locator('input[type="file"]').count() == 0
        assert page.locator('[data-testid="stPlotlyChart"], [data-testid="stMetric"]').count() == 0
        page.close()
    link = cli(secured, "share-link", "--role", "member")
    with running_dashboard("secured_fresh_companies", env=secured) as url:
        page = browser.new_page()
        page.goto(f"{url}/companies?token={link.split('?token=')[1]}&region=1082")
        settle(page)
        region = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
        expect(region.locator("input")).to_have_value("Region Midtjylland")
        expect(region.locator("input")).to_be_enabled()
        assert page.locator('[data-testid="stSidebarNavLink"]').count() == 6  # our navigation, no Data page
        page.close()
