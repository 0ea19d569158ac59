"""Issue 17: every chart has one sentence of what it shows, made from its data; the map has a text equivalent; no
screen-only instruction ("Hold musen…") in the pages' text."""

from __future__ import annotations

import pandas as pd
import pytest

from healthtech import capture, charts, filters, i18n, maps, site
from tests.page_runs import page_view, shown


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


def test_every_colour_of_the_chart_palettes_has_3_to_1_against_the_plot_background():
    """WCAG 1.4.11 (the issue: "3:1 for chart marks against their background"), over every palette in charts.py
    and the comparison's tick (deltas.GHOST); the background is the theme's (what Streamlit draws plotly on)."""
    import tomllib

    from healthtech import config, deltas

    theme = tomllib.loads((config.ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert theme["backgroundColor"] == charts.BACKGROUND
    palette = {"BLUE": charts.BLUE, "TEAL": charts.TEAL, "SKY": charts.SKY, "SLATE": charts.SLATE,
               "SAND": charts.SAND, "OUTLINE": charts.OUTLINE, "GHOST": deltas.GHOST}
    for name, colours in (("FUNDER", charts.FUNDER_COLOURS), ("KIND", charts.KIND_COLOURS),
                          ("ORGANISATION", charts.ORGANISATION_COLOURS), ("CHANNEL", charts.CHANNEL_COLOURS)):
        palette.update({f"{name}.{key}": colour for key, colour in colours.items()})
    palette.update({f"ADDED.{i}": colour for i, colour in enumerate(charts.ADDED_COLOURS)})
    palette.update({f"STATUS.{key}": colour for key, (_, colour) in charts.STATUS_MARKERS.items()})
    low = {name: round(charts.contrast(colour, charts.BACKGROUND), 2) for name, colour in palette.items()
           if charts.contrast(colour, charts.BACKGROUND) < 3}
    assert low == {}
    assert charts.contrast("#8ecae6", "#ffffff") < 3  # the sky blue it replaced: the measure does fail


def _hex(colour) -> str | None:
    """"#rrggbb" of a plotly colour given as hex, a name or rgb()/rgba() (None for a see-through one)."""
    from PIL import ImageColor

    colour = str(colour).strip()
    if colour.startswith("rgba"):
        parts = colour[colour.find("(") + 1:colour.rfind(")")].split(",")
        if float(parts[3]) < 1:
            return None
        colour = f"rgb({','.join(parts[:3])})"
    return "#" + "".join(f"{v:02x}" for v in ImageColor.getrgb(colour)[:3])


@pytest.mark.parametrize("lang", ["da"])
def test_every_mark_of_every_pack_page_chart_has_3_to_1_or_an_outline_that_has(lang):
    """As drawn: each bar, line and marker of every chart the pages draw; a fill lighter than 3:1 (a range band, a
    map class in the legend) counts when its outline has 3:1."""
    low = []
    for page in capture.PAGES:
        for item in capture.run_page(page, lang, filters.Filters()).items:
            if item.kind != "chart":
                continue
            for trace in item.figure.data:
                if trace.type not in ("bar", "scatter"):
                    continue
                marker = trace.marker
                fills = marker.color if isinstance(marker.color, (list, tuple)) else [marker.color]
                outline = _hex(marker.line.color) if marker.line and isinstance(marker.line.color, str) else None
                width = marker.line.width if marker.line and marker.line.width is not None else 0
                if trace.type == "scatter":
                    fills = [trace.line.color] if "lines" in (trace.mode or "lines") else []
                    fills += [marker.color] if "markers" in (trace.mode or "") and marker.color else []
                for fill in (_hex(f) for f in fills if f is not None):
                    good = fill is not None and charts.contrast(fill, charts.BACKGROUND) >= 3
                    outlined = outline is not None and width > 0 and charts.contrast(outline, charts.BACKGROUND) >= 3
                    if not (good or outlined):
                        low.append((page, item.text, trace.name, fill))
    assert low == []
