"""Numbers, money, shares and dates in the user's language, through babel.

Danish: 28,0 mio. kr. · 1.700 · 50 % · 1. dec. 2018. English: DKK 28.0m · 1,700 · 50% · 1 Dec 2018.
Babel puts a no-break space inside "50 %" and "mio. kr." stays on one line the same way.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from healthtech import i18n

LOCALES = {"da": "da_DK", "en": "en_GB"}
NBSP = "\u00a0"


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["da"])


def missing(value) -> bool:
    """None, NaN, NaT and pandas' NA (nullable columns) all mean "no value"; a list-like value is a value."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value, lang: str, decimals: int = 0) -> str:
    """1.700 / 1,700; with decimals, 3,75 / 3.75."""
    if missing(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if round(float(value), decimals) == 0:
        value = 0  # no "-0,0"
    return _decimal(value, pattern, _locale(lang))


# Babel formats a number in ~50 µs; a table cell, a bar label and a metric ask for the same few thousand numbers on
# every rerun, so both formatters remember their recent answers (bounded).
@lru_cache(maxsize=16384)
def _decimal(value, pattern: str, locale: str) -> str:
    return format_decimal(value, format=pattern, locale=locale)


@lru_cache(maxsize=16384)
def _percent(share, pattern: str, locale: str) -> str:
    return format_percent(share, format=pattern, locale=locale)


@lru_cache(maxsize=8)
def _percent_pattern(lang: str) -> str:
    return Locale.parse(_locale(lang)).percent_formats[None].pattern


# A qualified figure in a space-tight label (a bar's text): "> 100".
COMPACT_QUALIFIERS = {"over": ">", "more_than": ">"}


def qualified(value, qualifier, lang: str, compact: bool = False) -> str:
    """A count as the source words it: (100, "more_than") -> mere end 100 / more than 100, or "> 100" when
    `compact`; (900, "almost") -> knap 900 / almost 900; no qualifier -> the plain number."""
    text = number(value, lang)
    if missing(value) or missing(qualifier):
        return text
    if compact and qualifier in COMPACT_QUALIFIERS:
        return f"{COMPACT_QUALIFIERS[qualifier]}{NBSP}{text}"
    return i18n.t(f"qualifier.{qualifier}", lang, n=text)


def percent(share, lang: str, decimals: int = 0) -> str:
    """0.5 -> 50 % / 50%."""
    if missing(share):
        return "–"
    # The locale's own pattern keeps Danish "50 %" (no-break space) and English "50%".
    pattern = _percent_pattern(lang)
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return _percent(share, pattern, _locale(lang))


def percent_suffix(lang: str) -> str:
    """What follows the number on a percent axis, from the same locale pattern as `percent`: " %" with a no-break
    space in Danish, "%" in English."""
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern
    return pattern[pattern.rindex("0") + 1:]


def unit_mio_dkk(lang: str) -> str:
    """The unit of an axis in millions of kroner, as `mio_dkk` writes the amounts: mio. kr. / DKK m."""
    return f"mio.{NBSP}kr." if lang == "da" else f"DKK{NBSP}m"


def mio_dkk(amount, lang: str, decimals: int = 1) -> str:
    """28000000 -> 28,0 mio. kr. / DKK 28.0m."""
    if missing(amount):
        return "–"
    value = number(amount / 1e6, lang, decimals)
    return f"{value}{NBSP}mio.{NBSP}kr." if lang == "da" else f"DKK{NBSP}{value}m"


def dkk(amount, lang: str) -> str:
    """Exact kroner: 8975000 -> 8.975.000 kr. / DKK 8,975,000."""
    if missing(amount):
        return "–"
    value = number(amount, lang)
    return f"{value}{NBSP}kr." if lang == "da" else f"DKK{NBSP}{value}"


def mio_eur(amount, lang: str) -> str:
    """3750000 -> 3,75 mio. EUR / EUR 3.75m (one or two decimals, as the press release writes them)."""
    if missing(amount):
        return "–"
    value = format_decimal(amount / 1e6, format="#,##0.0#", locale=_locale(lang))
    return f"{value}{NBSP}mio.{NBSP}EUR" if lang == "da" else f"EUR{NBSP}{value}m"


def date(value, lang: str) -> str:
    """1. dec. 2018 / 1 Dec 2018."""
    if missing(value):
        return "–"
    if isinstance(value, dt.datetime):
        value = value.date()
    elif hasattr(value, "date") and not isinstance(value, dt.date):
        value = value.date()  # pandas Timestamp
    return _date(value, _locale(lang))


@lru_cache(maxsize=16384)
def _date(value: dt.date, locale: str) -> str:
    return format_date(value, format="medium", locale=locale)


def month(value, lang: str) -> str:
    """dec. 2018 / Dec 2018."""
    if missing(value):
        return "–"
    return format_date(pd.Timestamp(value).date(), format="MMM y", locale=_locale(lang))


def snapshot(value, lang: str) -> str:
    """A reach snapshot's date; the application's 2018 table carries 2018-01-01 as a year marker (its day is not
    stated, see data/README.md), so it is shown as the year."""
    if not missing(value) and pd.Timestamp(value) == pd.Timestamp("2018-01-01"):
        return "2018"
    return date(value, lang)


def date_range(start, end, lang: str) -> str:
    return f"{date(start, lang)} – {date(end, lang)}"


def timestamp(value: dt.datetime, lang: str) -> str:
    """25. nov. 2026 kl. 03.21 / 25 Nov 2026, 03:21."""
    if missing(value):
        return "–"
    pattern = "d. MMM y 'kl.' HH.mm" if lang == "da" else "d MMM y, HH:mm"
    return format_datetime(value, format=pattern, locale=_locale(lang))


def plotly_separators(lang: str) -> str:
    """Plotly's `separators`: decimal mark then thousands mark."""
    return ",." if lang == "da" else ".,"


def csv_options(lang: str) -> dict:
    """How a CSV download is written: Danish Excel reads `;` and decimal comma."""
    return {"sep": ";", "decimal": ","} if lang == "da" else {"sep": ",", "decimal": "."}


def planned_range(low, high, at_least: str, lang: str) -> str:
    """15–20; 4 (low == high); "at least 4" when there is no upper bound (`at_least` has a {min} slot)."""
    if missing(high):
        return at_least.format(min=number(low, lang))
    if low == high:
        return number(low, lang)
    return f"{number(low, lang)}–{number(high, lang)}"
