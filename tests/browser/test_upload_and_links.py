"""With secrets set up, in Chromium: the editor's upload → confirm → chart changes flow, a ministry reviewer's
link (pinned region, no Data page, revoked → refused), a viewer's page picking up a new version by itself,
and a fresh server whose first request goes straight to /data."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from healthtech import access, config
from tests.browser.conftest import ARTIFACTS, DESKTOP, running_dashboard
from tests.browser.test_walk import WAIT, Watch, assert_clean, settle
from tests.test_merge import danish_reach as monthly_export  # this month's reach export, as the secretariat has it

pytestmark = pytest.mark.browser

PASSWORD = "styregruppe-2020"  # noqa: S105 (a test secret)


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


def upload_and_confirm(page, path, preview: str, saved: str) -> None:
    expect(page.locator('input[type="file"]')).to_have_count(1, timeout=WAIT)  # the last upload's is gone
    page.locator('input[type="file"]').set_input_files(str(path))
    expect(page.get_by_text("15 rækker læst")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Bemærkninger", exact=True)).to_be_visible()
    expect(page.locator('[role="gridcell"]', has_text="Sumrække")).to_be_attached()  # the grid's a11y cell
    expect(page.get_by_text(preview, exact=True)).to_be_visible(timeout=WAIT)
    page.screenshot(path=ARTIFACTS / f"data_upload_preview_{path.stem}.png", full_page=True)
    page.get_by_role("button", name="Gem som ny version").click()
    expect(page.get_by_text(saved)).to_be_visible(timeout=WAIT)


def test_october_then_november_keep_both_months_and_the_history_before_them(secured, browser, tmp_path):
    october, november = tmp_path / "rækkevidde_okt2020.csv", tmp_path / "rækkevidde_nov2020.csv"
    october.write_bytes(monthly_export("31-10-2020", 1900))
    november.write_bytes(monthly_export("30.11.2020", 2000))
    with running_dashboard("secured_editor", env=secured) as url:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        watch = Watch(page)
        page.goto(f"{url}/reach")
        settle(page)
        expect(page.get_by_text("Log ind (sekretariatet)")).to_be_visible()
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        sign_in(page, f"{url}/reach")
        assert "Data" in nav_labels(page)

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
        expect(page.get_by_role("heading", name="Data: upload, historik og links")).to_be_visible(timeout=WAIT)
        upload_and_confirm(page, october, "tilføjet 15, opdateret 0, beholdt 30, fjernet 0",
                           "version 1 gemt (45 rækker; tilføjet 15, opdateret 0, beholdt 30, fjernet 0)")
        upload_and_confirm(page, november, "tilføjet 0, opdateret 15, beholdt 30, fjernet 0",
                           "version 2 gemt (45 rækker; tilføjet 0, opdateret 15, beholdt 30, fjernet 0)")
        history = [line.split("\t")[:2] for line in cli(secured, "history", "reach").splitlines()[1:]]
        assert history == [["1", "import (merge)"], ["2", "import (merge)"]]

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Rækkevidde").click()
        expect(page.locator("h1").first).to_have_text("Rækkevidde: nyhedsbreve og sociale medier", timeout=WAIT)
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        november_total = f"{sum(2000 + 10 * i for i in range(15)):,}".replace(",", ".")
        expect(main).to_contain_text(november_total, timeout=WAIT)  # the latest count: November's
        lines = main.locator('[data-testid="stPlotlyChart"]').nth(1)  # reach by channel over time
        lines.scroll_into_view_if_needed()
        for snapshot in ("2018", "30. nov. 2019", "31. okt. 2020", "30. nov. 2020"):  # history and both months
            expect(lines).to_contain_text(snapshot, timeout=WAIT)
        page.screenshot(path=ARTIFACTS / "reach_after_october_and_november.png", full_page=True)

        # Replacing the whole dataset is a choice of its own: the rows it removes are listed, and it asks twice.
        one_row = tmp_path / "kun_en_raekke.csv"
        one_row.write_bytes("Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;2.222;31-12-2020\r\n".encode("cp1252"))
        page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
        expect(page.locator('input[type="file"]')).to_have_count(1, timeout=WAIT)
        page.locator('input[type="file"]').set_input_files(str(one_row))
        expect(page.get_by_text("tilføjet 1, opdateret 0, beholdt 45, fjernet 0", exact=True)).to_be_visible(
            timeout=WAIT)
        page.get_by_text("Erstat hele datasættet", exact=False).click()
        expect(page.get_by_text("tilføjet 1, opdateret 0, beholdt 0, fjernet 45", exact=True)).to_be_visible(
            timeout=WAIT)
        expect(page.get_by_text("Erstat fjerner 45 rækker, som filen ikke nævner")).to_be_visible()
        expect(page.locator('[role="gridcell"]', has_text="Fjernet").first).to_be_attached()
        save = page.get_by_role("button", name="Gem som ny version")
        expect(save).to_be_disabled()
        page.get_by_text("Ja, fjern de 45 rækker").click()
        expect(save).to_be_enabled(timeout=WAIT)
        page.screenshot(path=ARTIFACTS / "data_replace_confirm.png", full_page=True)
        save.click()
        expect(page.get_by_text("version 3 gemt (1 rækker; tilføjet 1, opdateret 0, beholdt 0, fjernet 45)")
               ).to_be_visible(timeout=WAIT)
        assert cli(secured, "history", "reach").splitlines()[-1].split("\t")[1] == "import (replace)"
        assert_clean(page, watch, "editor flow")
        context.close()


def test_a_session_that_is_not_an_editors_can_hold_no_upload(secured, browser, tmp_path):
    """Streamlit accepts a PUT to /_stcore/upload_file/<session>/<any id> from any open session; the upload gate
    drops what a non-editor's session sends. Measured on the server's own metrics."""
    with running_dashboard("secured_anonymous_upload", env=secured) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text("Log ind (sekretariatet)")).to_be_visible(timeout=WAIT)  # a page run: gate on
        statuses, held = off_loop(anonymous_uploads, url, files=8, size=9 * 1024 * 1024)
        assert statuses == [204] * 8  # Streamlit answers as if stored …
        assert held == 0  # … but nothing is held
        too_big, _ = off_loop(anonymous_uploads, url, files=1, size=10 * 1024 * 1024 + 1)
        assert too_big == [413]
        context.close()


def off_loop(function, *args, **kwargs):
    """Run a coroutine function in a thread of its own: Playwright's sync API owns this thread's event loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(function(*args, **kwargs))).result(timeout=300)


async def anonymous_uploads(url: str, files: int, size: int) -> tuple[list[int], int]:
    """Open a session as a browser would (XSRF cookie, websocket, first run), then PUT files into it."""
    import uuid

    import httpx
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        await http.get("/_stcore/health")  # where Streamlit sets the XSRF cookie
        xsrf = http.cookies["_streamlit_xsrf"]
        async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", origin=url,
                                      subprotocols=["streamlit", xsrf], max_size=None,
                                      additional_headers={"Cookie": f"_streamlit_xsrf={xsrf}"}) as ws:
            rerun = BackMsg()
            rerun.rerun_script.query_string = ""
            await ws.send(rerun.SerializeToString())
            session_id = None
            while session_id is None:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
                if message.HasField("new_session"):
                    session_id = message.new_session.initialize.session_id
            statuses = []
            for _ in range(files):
                response = await http.put(f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}",
                                          files={"file": ("x.csv", b"a" * size, "text/csv")},
                                          headers={"X-Xsrftoken": xsrf})
                statuses.append(response.status_code)
            metrics = (await http.get("/_stcore/metrics")).text
    held = sum(int(float(line.rsplit(" ", 1)[1])) for line in metrics.splitlines()
               if 'cache_type="UploadedFileManager"' in line)
    return statuses, held


def test_a_reviewer_link_is_read_only_pinned_and_stops_when_revoked(secured, browser):
    link = cli(secured, "share-link", "--role", "reviewer", "--region", "1081", "--expires", "7d")
    with running_dashboard("secured_reviewer", env=secured) as url:
        context = browser.new_context(viewport=DESKTOP)
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
    upload.write_bytes(monthly_export("30-11-2020", 2000))
    with running_dashboard("secured_refresh", env=secured) as url:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{url}/reach?token={link.split('?token=')[1]}")
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        assert "31.050" not in main.inner_text()
        cli(secured, "import", str(upload), "--as", "reach", "--who", "test")
        expect(main).to_contain_text("31.050", timeout=WAIT)  # the new latest total; no click, no reload
        page.close()


def test_fresh_secured_server_first_request_to_data_shows_no_uploader_and_no_figures(secured, browser):
    with running_dashboard("secured_fresh", env=secured) as url:
        page = browser.new_page()
        page.goto(f"{url}/data")
        expect(page.get_by_text("Log ind (sekretariatet)")).to_be_visible(timeout=WAIT)
        settle(page, heading=False)  # the run is over: nothing else will be drawn
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
