import datetime as dt

import pandas as pd
import pytest

from healthtech import charts, formatting

NB = "\u00a0"


@pytest.mark.parametrize(("lang", "expected"), [("da", f"28,0{NB}mio.{NB}kr."), ("en", f"DKK{NB}28.0m")])
def test_millions_of_kroner(lang, expected):
    assert formatting.mio_dkk(28_000_000, lang) == expected


def test_exact_kroner():
    assert formatting.dkk(8_975_000, "da") == f"8.975.000{NB}kr."
    assert formatting.dkk(8_975_000, "en") == f"DKK{NB}8,975,000"


@pytest.mark.parametrize(("amount", "da", "en"), [
    (3_750_000, f"3,75{NB}mio.{NB}EUR", f"EUR{NB}3.75m"),
    (1_900_000, f"1,9{NB}mio.{NB}EUR", f"EUR{NB}1.9m"),
    (350_000, f"0,35{NB}mio.{NB}EUR", f"EUR{NB}0.35m"),
])
def test_millions_of_euro_keep_the_press_release_precision(amount, da, en):
    assert (formatting.mio_eur(amount, "da"), formatting.mio_eur(amount, "en")) == (da, en)


def test_counts_use_the_language_thousands_mark():
    assert formatting.number(1700, "da") == "1.700"
    assert formatting.number(1700, "en") == "1,700"
    assert formatting.number(14069, "da") == "14.069"


def test_percent_follows_the_locale_pattern():
    assert formatting.percent(0.5, "da") == f"50{NB}%"
    assert formatting.percent(0.5, "en") == "50%"
    assert formatting.percent(0.825, "da", decimals=1) == f"82,5{NB}%"


def test_dates_are_written_as_a_reader_of_the_language_expects():
    assert formatting.date(dt.date(2018, 12, 1), "da") == "1. dec. 2018"
    assert formatting.date(pd.Timestamp("2020-11-30"), "en") == "30 Nov 2020"
    assert formatting.date_range(dt.date(2018, 12, 1), dt.date(2020, 11, 30), "da") == "1. dec. 2018 – 30. nov. 2020"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_values_show_a_dash_not_an_error(missing):
    assert formatting.number(missing, "da") == "–"
    assert formatting.mio_dkk(missing, "en") == "–"
    assert formatting.date(missing, "da") == "–"


def test_a_qualified_count_reads_as_the_source_words_it():
    assert formatting.qualified(100, "more_than", "da") == "mere end 100"
    assert formatting.qualified(100, "more_than", "en") == "more than 100"
    assert formatting.qualified(100, "more_than", "da", compact=True) == f">{NB}100"
    assert formatting.qualified(900, "almost", "da") == "knap 900"
    assert formatting.qualified(900, "almost", "en") == "almost 900"
    assert formatting.qualified(800, "over", "da") == "over 800"
    assert formatting.qualified(800, "over", "en") == "more than 800"
    assert formatting.qualified(1700, None, "da") == "1.700"
    assert formatting.qualified(1700, float("nan"), "en") == "1,700"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_chart_units_are_written_as_the_formatted_values(lang):
    # A percent axis ends like a formatted share, a millions axis names the unit `mio_dkk` writes.
    assert formatting.percent(0.3, lang) == f"30{formatting.percent_suffix(lang)}"
    assert formatting.percent_suffix(lang) == {"da": f"{NB}%", "en": "%"}[lang]
    assert formatting.unit_mio_dkk(lang) == {"da": f"mio.{NB}kr.", "en": f"DKK{NB}m"}[lang]
    assert formatting.unit_mio_dkk("da") in formatting.mio_dkk(14_000_000, "da")
    split = pd.DataFrame({"funder": ["ministry"], "amount_dkk": [14_000_000], "amount_eur": [1_900_000],
                          "share": [0.5]})
    assert charts.funder_split(split, lang).layout.xaxis.title.text == formatting.unit_mio_dkk(lang)
    weights = pd.DataFrame({"area": ["matchmaking"], "planned_share": [0.3]})
    assert charts.planned_weighting(weights, lang).layout.xaxis.ticksuffix == formatting.percent_suffix(lang)


def test_planned_ranges():
    assert formatting.planned_range(15, 20, "mindst {min}", "da") == "15–20"
    assert formatting.planned_range(4, 4, "mindst {min}", "da") == "4"
    assert formatting.planned_range(4, pd.NA, "at least {min}", "en") == "at least 4"


def test_plotly_separators_and_csv_options_match_the_language():
    assert formatting.plotly_separators("da") == ",."
    assert formatting.plotly_separators("en") == ".,"
    assert formatting.csv_options("da") == {"sep": ";", "decimal": ","}
