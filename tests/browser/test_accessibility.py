"""Issue 17 in Chromium: axe-core on every page as editor, member and reviewer, Danish and English, desktop and
phone (no serious or critical violation, headings in order; which role checks which language and size:
`AXE_MATRIX`); and a keyboard walk through one page.

axe-core comes from npm, pinned in package.json / package-lock.json; `make test` installs it (`npm ci`) into
node_modules/. It is injected into the page by Playwright, so nothing of it is served by the dashboard.
"""

from __future__ import annotations

import io
import math
import subprocess

import pytest
from PIL import Image
from playwright.sync_api import expect

from healthtech import access, config, i18n, maps, site
from tests.browser.conftest import ARTIFACTS, DESKTOP, running_dashboard
from tests.browser.test_companies_map import MAP, wait_map_drawn
from tests.browser.test_upload_and_links import PASSWORD, cli, sign_in
from tests.browser.test_walk import WAIT, Watch, assert_clean, settle

pytestmark = pytest.mark.browser

AXE = config.ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
FAILING = ("serious", "critical")
ALSO_FAILING = ("heading-order",)  # moderate in axe, but the issue asks for heading levels in order


def axe_script() -> str:
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} is missing: run `make test` (it runs `npm ci`) or `npm ci` in the checkout")
    return str(AXE)


def violations(page) -> list[str]:
    """axe's serious/critical findings (and heading order) on the page once it is settled (test_walk's `settle`:
    the run finished, nothing stale or still a skeleton, every chart drawn, no DOM change for 500 ms): what axe
    sees is what a reader sees. Without the heading condition, so a screen without a page heading is checked too."""
    settle(page, heading=False)
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


# Which languages and screen sizes each role's walk checks. The editor sees every page and every control (the
# data page, the uploader, the pack), so the editor keeps the full matrix: every page in Danish and English, on a
# desktop and on a phone. The member and the reviewer see a subset of the editor's pages with the same page
# code; what differs for them is which pages and controls are shown, not how a language or a width lays them
# out. So the member walks every page they see in Danish on a desktop, the reviewer every page they see in
# English on a phone: every role sees every one of its pages, and each language and each size is covered by two
# roles. (Three full matrices cost ~375 test-seconds of axe on a 2-core machine; this one ~200.)
AXE_MATRIX = {"editor": (("da", "en"), ("desktop", "phone")),
              "member": (("da",), ("desktop",)),
              "reviewer": (("en",), ("phone",))}


@pytest.mark.parametrize("role", list(AXE_MATRIX))
def test_axe_finds_nothing_serious_on_any_page_in_either_language_on_desktop_or_phone(secured_server, browser,
                                                                                      role):
    """axe on every page a role sees, in the languages and sizes of `AXE_MATRIX` (the editor: both languages on
    desktop and phone; the member: Danish on desktop; the reviewer: English on a phone; why: see `AXE_MATRIX`)."""
    url, tokens = secured_server
    langs, sizes = AXE_MATRIX[role]
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
    for lang in langs:
        page.set_viewport_size(DESKTOP)
        if lang == "en":
            page.locator('[data-testid="stSidebar"] button', has_text="English").click()
            expect(page.locator('[data-testid="stMain"]')).to_contain_text("Data as of", timeout=WAIT)
        for entry in pages:
            page.set_viewport_size(DESKTOP)  # the sidebar's links are folded away on a phone
            page.locator('[data-testid="stSidebarNavLink"]', has_text=i18n.t(f"nav.{entry.name}", lang)).first.click()
            expect(page.locator("h1").first).to_have_text(i18n.t(entry.title_key, lang), timeout=WAIT)
            settle(page)
            if "desktop" in sizes:
                found[f"{entry.name} {lang} desktop"] = violations(page)
            if "phone" in sizes:
                page.set_viewport_size(PHONE)
                settle(page)  # charts re-lay themselves out to the narrower width
                found[f"{entry.name} {lang} phone"] = violations(page)
                if entry.name == "companies" and lang == langs[0]:
                    page.screenshot(path=ARTIFACTS / f"a11y_phone_{role}_companies.png")
    assert_clean(page, watch, role)
    context.close()
    assert len(found) == len(langs) * len(sizes) * len(pages)
    assert {where: v for where, v in found.items() if v} == {}


def test_one_page_by_keyboard_alone(server, browser):
    """Tab through the Budget page from the top: every control of the page and the sidebar is reached, each with
    a visible focus ring, and a control reached by keyboard works (Enter on "English" switches the language)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{server}/budget")
    settle(page)
    # Every visible control, numbered; the options of a radio group (the language, the period) are one stop
    # for Tab and reached with the arrow keys (the ARIA radio group pattern), so the group counts as one.
    controls = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stSidebar"] a[href], [data-testid="stSidebar"] button, [data-testid="stSidebar"] input,'
        + '[data-testid="stMain"] a[href], [data-testid="stMain"] button, [data-testid="stMain"] input')]
        .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.disabled && e.tabIndex >= 0)
        .map((e, i) => { const group = e.closest('[role="radiogroup"]');
                         e.dataset.kbd = group ? (group.dataset.kbd ??= i) : i;
                         return (e.getAttribute('aria-label') || e.innerText || '').trim(); })""")
    assert len(controls) >= 10  # the page drew its controls (tables and downloads are folded since issue 15)
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


PHONE_BROWSER = {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2,
                 "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                               "Chrome/120.0 Mobile Safari/537.36"}


def _pixels(lon: float, lat: float, view, size: dict) -> tuple[float, float]:
    """Web-mercator position of a point in a deck of `size` centred on `view` (512 px tiles)."""
    scale = 512 * 2 ** view.zoom / (2 * math.pi)

    def x(lo):
        return math.radians(lo) * scale

    def y(la):
        return -math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) * scale

    return (size["width"] / 2 + x(lon) - x(view.longitude), size["height"] / 2 + y(lat) - y(view.latitude))


def test_on_a_phone_the_map_holds_all_five_regions_and_no_toolbar_covers_a_chart(server, browser):
    context = browser.new_context(**PHONE_BROWSER)
    page = context.new_page()
    page.goto(f"{server}/companies")
    settle(page)
    deck = page.locator(MAP)
    deck.scroll_into_view_if_needed()
    expect(deck).to_be_visible(timeout=WAIT)
    wait_map_drawn(page)
    box = deck.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    for feature in maps._geojson("regions")["features"]:
        points = [pt for polygon in feature["geometry"]["coordinates"] for ring in polygon for pt in ring]
        for lon, lat in points[:: max(len(points) // 200, 1)]:
            x, y = _pixels(lon, lat, maps.DENMARK_PHONE, box)
            assert 0 <= x <= box["width"] and 0 <= y <= box["height"], feature["properties"]["region_code"]
    # As drawn: no land on the map's left, right or bottom edge (West Jutland and Bornholm are not cut off).
    image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
    width, height = image.size
    edges = ([(x, y) for y in range(height) for x in (1, width - 2)] + [(x, height - 2) for x in range(width)])
    land = [p for p in edges if sum(abs(a - b) for a, b in zip(image.getpixel(p), (248, 250, 252), strict=True)) > 30]
    assert len(land) < 0.02 * len(edges), f"{len(land)} land pixels on the map's edges"
    page.screenshot(path=ARTIFACTS / "phone_companies_map.png")
    # Plotly's toolbar is hidden on a touch screen (it covered bars).
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    chart.hover()
    assert page.locator(".modebar-container").first.is_hidden()
    context.close()


PLOTLY = '[data-testid="stPlotlyChart"]'
SEEN = 200  # px of the main chart on the first screen at least: its title and its first marks, not a sliver


@pytest.mark.parametrize(("path", "main"), [("", PLOTLY), ("companies", MAP)], ids=["overview", "companies"])
def test_on_a_phone_the_first_screen_shows_the_pages_main_chart(server, browser, path, main):
    """At 390 x 844 the page's main chart (the Overview's first plotly chart; the Companies page's map) begins
    high enough on the first screen to be seen, and the key figures, which filled that screen, follow it."""
    context = browser.new_context(**PHONE_BROWSER)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    settle(page)
    chart = page.locator(main).first
    expect(chart).to_be_visible(timeout=WAIT)
    assert page.evaluate("() => window.scrollY") == 0
    top = chart.evaluate("e => e.getBoundingClientRect().top")
    page.screenshot(path=ARTIFACTS / f"phone_first_screen_{path or 'overview'}.png")
    assert 0 < top <= PHONE["height"] - SEEN, f"the main chart begins at {top:.0f} px"
    metric = page.locator('[data-testid="stMetric"]').first
    assert metric.evaluate("e => e.getBoundingClientRect().top") > top  # still there, under the chart
    cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetric"] *')]
      .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).textOverflow === 'ellipsis')
      .map(e => e.textContent)""")
    assert cut == []  # a key figure's label and its "since the meeting" are whole, wrapped, not "siden 10. j…"
    context.close()


TEXT_OUTSIDE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] svg text')]
  .filter(t => t.textContent.trim())
  .map(t => [t.textContent.trim(), t.getBoundingClientRect()])
  .filter(([, box]) => box.width > 0 && (box.left < -1 || box.right > window.innerWidth + 1))
  .map(([text, box]) => `${text} (${Math.round(box.left)}-${Math.round(box.right)} px)`)"""


def test_on_a_phone_no_chart_text_runs_past_the_screens_edge(server, browser):
    """Bar labels, titles and ticks at 390 px lie within the screen ("14,0 mio. kr." was cut off at the edge)."""
    context = browser.new_context(**PHONE_BROWSER)
    page = context.new_page()
    cut: dict[str, list[str]] = {}
    for name in ("overview", "companies", "reach", "budget", "activities"):
        page.goto(f"{server}/{name if name != site.PAGES[0].name else ''}")
        expect(page.locator(f"{PLOTLY} .main-svg g.trace").first).to_be_attached(timeout=WAIT)
        settle(page)
        cut[name] = page.evaluate(TEXT_OUTSIDE)
    assert cut == {name: [] for name in cut}
    context.close()


def test_a_page_printed_from_the_browser_has_no_sidebar_and_every_chart_whole(server, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{server}/budget")
    # The Budget page draws four charts or more; wait for them by count, not only for "nothing still running".
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg g.trace').nth(3)).to_be_attached(timeout=WAIT)
    settle(page)
    charts_on_screen = page.locator('[data-testid="stPlotlyChart"]').count()
    pdf = ARTIFACTS / "print_budget.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), print_background=True, prefer_css_page_size=True)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    text = "\n".join(pages)
    assert len([p for p in pages if p.strip()]) > 2  # the whole page, not one screenful
    assert "Budgettets fordeling på finansieringskilder" in text and "Hvert tal kan spores" in text
    assert "Filtre" not in text and "Del denne visning" not in text  # no sidebar
    assert "Download CSV" not in text
    # Each chart whole on one page: every chart's axis unit and its sentence land on the same page as its title.
    assert charts_on_screen >= 4
    for title in ("Akkumuleret forbrug mod lineær plan", "Finansieringskildernes andel af forbruget mod 50/10/40"):
        page_of_title = next(p for p in pages if title in p)
        assert "Størst" in page_of_title or "fra" in page_of_title, title
    context.close()
