"""Issue 17 in Chromium: axe-core on every page, Danish and English, desktop and phone, as editor, member and
reviewer (no serious or critical violation, headings in order); and a keyboard walk through one page.

axe-core comes from npm, pinned in package.json / package-lock.json; `make test` installs it (`npm ci`) into
node_modules/. It is injected into the page by Playwright, so nothing of it is served by the dashboard.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from healthtech import access, config, i18n, site
from tests.browser.conftest import ARTIFACTS, running_dashboard
from tests.browser.test_upload_and_links import PASSWORD, cli, sign_in
from tests.browser.test_walk import WAIT, Watch, assert_clean, settle

pytestmark = pytest.mark.browser

AXE = config.ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
FAILING = ("serious", "critical")
ALSO_FAILING = ("heading-order",)  # moderate in axe, but the issue asks for heading levels in order
# Nothing stale (greyed out by a rerun) and every chart drawn: what axe sees is what a reader sees.
SETTLED = """() => !document.querySelector('[data-stale="true"]')
                && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                     .every(chart => chart.querySelector('.main-svg g.trace'))"""


def axe_script() -> str:
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} is missing: run `make test` (it runs `npm ci`) or `npm ci` in the checkout")
    return str(AXE)


def violations(page) -> list[str]:
    """axe's serious/critical findings (and heading order) on the page as it is now, one line each."""
    page.wait_for_function(SETTLED, timeout=WAIT)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=axe_script())
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in found if v["impact"] in FAILING or v["id"] in ALSO_FAILING]


@pytest.fixture(scope="module")
def secured_server(tmp_path_factory):
    """One secured server for the three roles (its own secrets file and store), with a member's link and a
    reviewer's link pinned to a region."""
    folder = tmp_path_factory.mktemp("a11y")
    secrets = folder / "secrets.toml"
    secrets.write_text(access.new_secrets_toml(PASSWORD))
    env = {"HEALTHTECH_SECRETS": str(secrets), "STORE_DIR": str(folder / "store")}
    links = {"member": cli(env, "share-link", "--role", "member", "--expires", "3h"),
             "reviewer": cli(env, "share-link", "--role", "reviewer", "--region", "1083", "--expires", "3h")}
    with running_dashboard("a11y_secured", env=env) as url:
        yield url, {role: link.split("?token=")[1] for role, link in links.items()}


@pytest.mark.parametrize("role", ["editor", "member", "reviewer"])
def test_axe_finds_nothing_serious_on_any_page_in_either_language_on_desktop_or_phone(secured_server, browser,
                                                                                      role):
    url, tokens = secured_server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    if role == "editor":
        sign_in(page, url)
    else:
        page.goto(f"{url}/?token={tokens[role]}")
        settle(page)
    pages = site.navigation(can_edit=role == "editor")
    found: dict[str, list[str]] = {}
    for lang in ("da", "en"):
        page.set_viewport_size(DESKTOP)
        if lang == "en":
            page.locator('[data-testid="stSidebar"] button', has_text="English").click()
            expect(page.locator('[data-testid="stMain"]')).to_contain_text("Data as of", timeout=WAIT)
        for entry in pages:
            page.set_viewport_size(DESKTOP)
            page.locator('[data-testid="stSidebarNavLink"]', has_text=i18n.t(f"nav.{entry.name}", lang)).first.click()
            expect(page.locator("h1").first).to_have_text(i18n.t(entry.title_key, lang), timeout=WAIT)
            settle(page)
            found[f"{entry.name} {lang} desktop"] = violations(page)
            page.set_viewport_size(PHONE)
            page.wait_for_timeout(300)  # charts re-lay themselves out to the narrower width
            found[f"{entry.name} {lang} phone"] = violations(page)
            if entry.name == "companies" and lang == "da":
                page.screenshot(path=ARTIFACTS / f"a11y_phone_{role}_companies.png")
    assert_clean(page, watch, role)
    context.close()
    assert len(found) == 4 * len(pages)
    assert {where: v for where, v in found.items() if v} == {}


def test_one_page_by_keyboard_alone(server, browser):
    """Tab through the Budget page from the top: every control of the page and the sidebar is reached, each with
    a visible focus ring, and a control reached by keyboard works (Enter on "English" switches the language)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{server}/budget")
    settle(page)
    page.wait_for_function(SETTLED, timeout=WAIT)
    # Every visible control, numbered; the options of a radio group (the language, the period) are one stop
    # for Tab and reached with the arrow keys (the ARIA radio group pattern), so the group counts as one.
    controls = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stSidebar"] a[href], [data-testid="stSidebar"] button, [data-testid="stSidebar"] input,'
        + '[data-testid="stMain"] a[href], [data-testid="stMain"] button, [data-testid="stMain"] input')]
        .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.disabled && e.tabIndex >= 0)
        .map((e, i) => { const group = e.closest('[role="radiogroup"]');
                         e.dataset.kbd = group ? (group.dataset.kbd ??= i) : i;
                         return (e.getAttribute('aria-label') || e.innerText || '').trim(); })""")
    assert len(controls) > 20
    reached, unringed = set(), []
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(3 * len(controls) + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            return {kbd: e.dataset.kbd, skip: e.dataset.testid === 'stSkipToContent',
                    name: (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 60),
                    ring: e.matches(':focus-visible') && s.outlineStyle !== 'none' && s.outlineWidth !== '0px'}; }""")
        if focused is None:
            continue
        if focused["skip"] and reached:
            break  # once round the page
        if focused["kbd"] is not None:
            reached.add(int(focused["kbd"]))
        if not focused["ring"]:
            unringed.append(focused["name"])
    stops = page.evaluate("() => [...document.querySelectorAll('[data-kbd]')].map(e => +e.dataset.kbd)")
    missing = [controls[i] for i in sorted(set(stops)) if i not in reached]
    assert missing == [], f"not reachable by Tab: {missing}"
    assert unringed == [], f"focused without a visible ring: {unringed}"

    # Usable: the language switch reached by Tab, the next option reached with the arrow key, chosen with Enter.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => (document.activeElement.innerText || '').trim()") == "Dansk":
            break
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.innerText.trim()") == "English"
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Data as of", timeout=WAIT)
    context.close()
