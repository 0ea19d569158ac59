"""One cell -> (value, problem code or None, problem detail): text, numbers in either convention, dates,
months, codes, places (municipality, region) and CVR numbers, after the checks every cell gets."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re

from healthtech import geo
from healthtech.datasets import Col
from healthtech.ingest.vocabulary import (
    ADDED_CHANNELS,
    DANISH_MONTHS,
    LABEL_NAMESPACES,
    _code_lookup,
    _municipality_names,
    _norm,
    _region_names,
    _strip_suffix,
)

EXCEL_ERRORS = frozenset({
    "#N/A", "#I/T", "#VALUE!", "#VÆRDI!", "#DIV/0!", "#DIVISION/0!", "#REF!", "#REFERENCE!", "#NAME?",
    "#NAVN?", "#NUM!", "#NULL!", "#NUL!", "#SPILL!", "#CALC!", "#BEREGN!", "#GETTING_DATA", "#FIELD!",
})
NOT_FINITE = frozenset({"nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞"})
COUNT_COLUMNS = frozenset({"count", "persons", "employees"})
# What the view's CAST can hold; BIGINT up to 2**53, where a number read through a float is still exact.
NUMBER_LIMITS = {"INTEGER": 2**31 - 1, "BIGINT": 2**53, "DECIMAL(14,2)": 999_999_999_999.99}
CODE_COLUMNS = frozenset({"municipality_code", "region_code"})
OPTIONAL_COLUMNS = frozenset({"source"})  # may be left out, and its cells may be blank
NEW_CODE = "new_code"  # not a problem: the cell is read, and the file's report gets one notice per new value
POSITIVE_COLUMNS = frozenset({"persons"})  # a participation of 0 persons is no participation: refused
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Our own exports' guard against formulas (export.neutralize), taken off again so a round trip is exact.
NEUTRALIZED = re.compile(r"^'(?=[=+\-@\t\r])")

def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_numeric(col: Col) -> bool:
    return col.type.startswith(("INTEGER", "BIGINT", "DOUBLE", "DECIMAL"))


def _memo(parse):
    cache: dict = {}

    def memoised(value):
        key = (type(value), value)
        try:
            return cache[key]
        except KeyError:
            cache[key] = out = parse(value)
            return out
        except TypeError:  # unhashable: never from csv/openpyxl, but never a traceback either
            return parse(value)
    return memoised


_DA_NUMBER = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d{1,3}( \d{3})+|\d+)(,\d+)?")
_EN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")
_CURRENCY = re.compile(r"^(kr\.?|dkk)\s*|\s*(kr\.?|dkk)$", re.IGNORECASE)


def _parse_number(text: str, convention: str) -> float | None:
    text = _CURRENCY.sub("", text.replace("\xa0", " ").replace("\u2212", "-").strip())
    if convention == "da":
        if not _DA_NUMBER.fullmatch(text):
            return None
        return float(text.replace(".", "").replace(" ", "").replace(",", "."))
    if not _EN_NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def _parser(col: Col, numbers: str):
    """A function cell -> (value, problem code or None, problem detail)."""
    if col.name == "municipality_code":
        return _municipality
    if col.name == "region_code":
        return _region
    if col.name == "cvr":
        return _cvr
    if col.type == "DATE":
        return _month if col.name == "month" else _date
    if _is_numeric(col):
        integer = col.type in ("INTEGER", "BIGINT")
        return lambda v: _number(v, numbers, integer=integer, count=col.name in COUNT_COLUMNS,
                                 required=col.required, limit=NUMBER_LIMITS.get(col.type),
                                 positive=col.name in POSITIVE_COLUMNS)
    if col.values:
        return _code_parser(col)
    return lambda v: _text(v, col.required and col.name not in OPTIONAL_COLUMNS)


def _common(value, required: bool = True):
    """The checks every cell gets: blank, Excel error value. Returns a result tuple or None to go on."""
    if _blank(value):
        return (None, "missing_value" if required else None, {})
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return (None, "excel_error", {"value": value.strip()})
    return None


def _text(value, required: bool):
    if (early := _common(value, required)) is not None:
        return early
    text = str(value).strip()
    if CONTROL.search(text):
        return (None, "control_character", {"value": CONTROL.sub("?", text)[:60]})
    return (NEUTRALIZED.sub("", text), None, {})


def _number(value, convention: str, *, integer: bool, count: bool, required: bool, limit: float | None = None,
            positive: bool = False):
    if (early := _common(value, required)) is not None:
        return early
    if isinstance(value, bool):
        return (None, "not_a_number", {"value": str(value)})
    if isinstance(value, (int, float)):
        number = float(value)
        shown = str(value)
    else:
        shown = str(value).strip()
        if shown.casefold() in NOT_FINITE:
            return (None, "not_finite", {"value": shown})
        number = _parse_number(shown, convention)
        if number is None:
            other = _parse_number(shown, "en" if convention == "da" else "da")
            code = "other_convention" if other is not None else "not_a_number"
            return (None, code, {"value": shown, "convention": convention})
    if not math.isfinite(number):
        return (None, "not_finite", {"value": shown})
    if integer and number != int(number):
        return (None, "fractional_count" if count else "not_an_integer", {"value": shown})
    if count and number < 0:
        return (None, "negative_count", {"value": shown})
    if positive and number == 0:
        return (None, "zero_persons", {"value": shown})
    read = int(number) if integer else round(number, 2)
    if limit is not None and abs(read) > limit:
        return (None, "out_of_range", {"value": shown, "limit": str(limit) if integer else f"{limit:.2f}"})
    return (read, None, {})


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?: 00:00(?::00)?)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-./](\d{4})")
_NAMED_MONTH = re.compile(r"([a-zæøå]+)\.?[ -](\d{4}|\d{2})")  # "juni 2020", and Excel's "jun-20"


def _date(value):
    if (early := _common(value)) is not None:
        return early
    if isinstance(value, dt.datetime):
        return (value.date(), None, {})
    if isinstance(value, dt.date):
        return (value, None, {})
    text = str(value).strip()
    if m := _ISO.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DAY_FIRST.fullmatch(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return (None, "not_a_date", {"value": text})
    try:
        return (dt.date(y, mo, d), None, {})
    except ValueError:
        return (None, "impossible_date", {"value": text})


def _month(value):
    if (early := _common(value)) is not None:
        return early
    if isinstance(value, (dt.date, dt.datetime)):
        return (dt.date(value.year, value.month, 1), None, {})
    text = str(value).strip()
    month = None
    if (m := _ISO_MONTH.fullmatch(text)) is not None:
        y, month = int(m.group(1)), int(m.group(2))
    elif (m := _MONTH_YEAR.fullmatch(text)) is not None:
        month, y = int(m.group(1)), int(m.group(2))
    elif (m := _NAMED_MONTH.fullmatch(text.casefold())) is not None:
        month, y = DANISH_MONTHS.get(m.group(1)), int(m.group(2))
        y = 2000 + y if y < 100 else y  # a month name with a two-digit year is this century
        if month is None:
            return (None, "not_a_month", {"value": text})
    else:
        day, code, _ = _date(text)
        if code == "impossible_date":
            return (None, code, {"value": text})
        if day is None:
            return (None, "not_a_month", {"value": text})
        return (day.replace(day=1), None, {})
    if not 1 <= month <= 12:
        return (None, "impossible_date", {"value": text})
    return (dt.date(y, month, 1), None, {})


def _code_parser(col: Col):
    lookup = _code_lookup(col)
    # The allowed values go into the message as codes plus the namespace of their labels: `Problem.message` writes
    # them as labels in the reader's language ("tilladt: Nyhedsbrev, LinkedIn-gruppe, …"), never as codes.
    namespaces = [n for n in LABEL_NAMESPACES.get(col.name, ()) if n != "organisation"]
    allowed = (tuple(col.values), namespaces[0] if namespaces else "")

    def parse(value):
        if (early := _common(value, col.required)) is not None:
            return early
        code = lookup.get(_norm(value))
        if code is not None:
            return (code, None, {})
        text = " ".join(str(value).split())
        # A new value in an open list (a channel the network added) is read with a notice; one that is nearly a
        # known name ("Nyhedsbrv") or holds one ("Twitter (X)", "LinkedIn") is a known channel written
        # otherwise, and a value with control characters is no name at all: those stay refused.
        if not col.open_values or CONTROL.search(text) or _resembles(_norm(text), lookup):
            return (None, "unknown_code", {"value": str(value).strip(), "allowed": allowed})
        name = ADDED_CHANNELS.get(_norm(text).replace(" ", "").replace("-", ""), text)
        return (name, NEW_CODE, {"value": name})
    return parse


def _resembles(text: str, known) -> bool:
    """`text` is nearly one of the `known` names, contains one, or is part of one."""
    names = [k for k in known if len(k) >= 3]
    return bool(difflib.get_close_matches(text, names, n=1, cutoff=0.8)) or any(
        k in text or (len(text) >= 3 and text in k) for k in names)


def _int_code(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def _place(value, names, word: str, known, problem: str):
    """A municipality or region given by code or by name ("Københavns Kommune", "Region Syddanmark")."""
    if (early := _common(value)) is not None:
        return early
    code = _int_code(value)
    if code is None:
        code = names().get(_norm(_strip_suffix(str(value), word)))  # built only for a name
    if code is None or not known(code):
        return (None, problem, {"value": str(value).strip()})
    return (code, None, {})


def _municipality(value):
    return _place(value, _municipality_names, "(?:regions)?kommune", lambda c: geo.region_of(c) is not None,
                  "unknown_municipality")


def _region(value):
    return _place(value, _region_names, "region", lambda c: c in geo.region_codes(), "unknown_region")


def _cvr(value):
    if _blank(value):
        return (None, None, {})
    if (early := _common(value)) is not None:
        return early
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    text = str(int(value)) if numeric else str(value)
    digits = re.sub(r"^dk|[\s-]", "", text.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{8}", digits):
        return (None, "not_a_cvr", {"value": text.strip()})
    return (digits, None, {})
