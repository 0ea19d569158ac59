"""Issue 17: every chart has one sentence of what it shows, made from its data; the map has a text equivalent; no
screen-only instruction ("Hold musen…") in the pages' text."""

from __future__ import annotations

import pandas as pd
import pytest

from healthtech import capture, charts, filters, i18n, maps, site
from tests.conftest import page_view, shown


def test_the_reach_chart_says_which_channel_reaches_most_and_of_how_many():
    df = pd.DataFrame({"channel": ["newsletter", "linkedin_group", "linkedin_page", "twitter"],
                       "count": [4792, 3452, 4103, 1722]})
    assert charts.describe(charts.reach_by_channel(df, "da"), "da") == (
        "Størst: Nyhedsbreve (4.792 af 14.069 i alt); mindst: Twitter (1.722).")
    assert charts.describe(charts.reach_by_channel(df, "en"), "en") == (
        "Largest: Newsletters (4,792 of 14,069 in total); smallest: Twitter (1,722).")


def test_a_line_chart_says_where_each_line_starts_and_ends():
    df = pd.DataFrame({"channel": ["newsletter", "newsletter"], "as_of": pd.to_datetime(["2018-12-31", "2020-11-30"]),
                       "count": [4792, 5280], "is_sample": [False, True]})
    text = charts.describe(charts.channel_lines(df, "da"), "da")
    assert text == "Nyhedsbreve: fra 4.792 (31. dec. 2018) til 5.280 (30. nov. 2020).", text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_chart_of_every_pack_page_has_its_sentence_and_the_map_its_areas(lang):
    for page in capture.PAGES:
        for item in capture.run_page(page, lang, filters.Filters()).items:
            if item.kind in ("chart", "map"):
                assert item.description.endswith(".") or item.kind == "map", (page, item.text, item.description)
                assert len(item.description) > 15, (page, item.text)
            if item.kind == "map":
                for code in (1081, 1082, 1083, 1084, 1085):  # all five regions, each with its count
                    assert f"{maps.geo.region_name(code, lang)}: " in item.description


def test_no_page_asks_for_a_mouse():
    for name in site.public():
        for lang in ("da", "en"):
            text = shown(page_view(site.get(name).path, lang))
            assert "Hold musen" not in text and "Hover" not in text, name
    assert not [k for k, v in i18n.TEXTS.items() if "Hold musen" in v[0] or "Hover" in v[1]]
