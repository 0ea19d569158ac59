"""What changed since the meeting: the few largest changes across the dashboard as sentences (issue 16).

Deterministic rules over the pages' own queries, each run now and as the data stood at the comparison's moment
(`compare.then`), for the whole network. Each rule gives at most one `Change`: the words (an i18n key and its
values, formatted per language when shown), the page and the filters that show it, and a size to order by (the
relative change; for the budget's drift the change in share). Corrections of the past by an upload after the
moment (`compare.corrections`) come first, always. No Streamlit here: the Overview and the pack both use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from healthtech import compare, datasets, db, filters, formatting, geo, i18n, queries

SHOWN = 5  # the few largest
# The queries the rules run (each now and as it stood then).
QUERIES = ("reach/growth_by_channel", "companies/by_region", "activities/held_by_area", "budget/funder_share_actual")
PAGE_OF = {"reach": "reach", "companies": "companies", "activities": "activities", "participations": "activities",
           "spending": "budget", "meetings": "overview"}


@dataclass(frozen=True)
class Change:
    key: str  # i18n key of the sentence
    values: dict  # raw values; `sentence` formats them
    page: str
    params: dict = field(default_factory=dict)  # the URL filters that show it (region, cluster)
    size: float = 0.0
    correction: bool = False
    sample: bool = False

    def sentence(self, lang: str, basis: compare.Basis | None = None) -> str:
        day = formatting.date(basis.day, lang) if basis is not None else ""
        return i18n.t(self.key, lang, **_formatted(self.values, lang), since=_since(basis, lang), day=day)


def _since(basis, lang) -> str:
    from healthtech import deltas

    return deltas.basis_text(basis, lang) if basis is not None else ""


def _signed(text: str, value: float) -> str:
    return f"+{text}" if value > 0 else text


def _formatted(values: dict, lang: str) -> dict:
    out = {}
    for name, value in values.items():
        kind, _, raw = name.partition(":")
        if not raw:
            out[name] = value
        elif kind == "n":  # a signed count
            out[raw] = _signed(formatting.number(value, lang), value)
        elif kind == "count":
            out[raw] = formatting.number(value, lang)
        elif kind == "pct":  # a signed share of the earlier value
            out[raw] = "" if value is None else f" ({_signed(formatting.percent(value, lang, decimals=1), value)})"
        elif kind == "dkk":
            out[raw] = _signed(formatting.mio_dkk(value, lang), value)
        elif kind == "pp":
            out[raw] = formatting.number(value, lang, decimals=1)
        elif kind == "spp":  # signed percentage points
            out[raw] = _signed(formatting.number(value, lang, decimals=1), value)
        elif kind == "channel":
            out[raw] = i18n.label("channel", value, lang)
        elif kind == "area":
            out[raw] = i18n.t(f"area.{value}", lang)
        elif kind == "funder":
            out[raw] = i18n.t(f"funder.{value}", lang)
        elif kind == "region":
            out[raw] = geo.region_name(value, lang)
        elif kind == "dataset":
            out[raw] = datasets.get(value).label(lang)
        elif kind == "date":
            out[raw] = formatting.date(value, lang)
    return out


def _share(change: float, before: float) -> float | None:
    return change / before if before else None


def _pair(name: str, params: dict, basis: compare.Basis):
    now = queries.execute(name, **{k: params[k] for k in queries.load(name).params})
    return now, compare.then(name, params, basis, now)


def _total_rule(name, params, basis, value, key, key_column, label_kind, page, fmt="n") -> Change | None:
    """A total that changed, and the row (channel, region, area) that changed most."""
    now, earlier = _pair(name, params, basis)
    if earlier.state != compare.CHANGED or now.empty:
        return None
    joined = compare.by_key(now, earlier, key_column, value)
    before = float(earlier.frame[value].sum())
    change = float(now[value].sum()) - before
    if change == 0:
        return None
    rows = joined.dropna(subset=[f"{value}_change"])
    top = rows.loc[rows[f"{value}_change"].abs().idxmax()] if not rows.empty else None
    values = {f"{fmt}:change": change, "pct:pct": _share(change, before)}
    link = {}
    if top is not None and top[f"{value}_change"] != 0:
        values[f"{label_kind}:most"] = top[key_column]
        values[f"{fmt}:most_change"] = float(top[f"{value}_change"])
        if label_kind == "region":
            link = {"region": int(top[key_column])}
    else:
        key = key + ".flat"
    return Change(key, values, page, link, abs(_share(change, before) or 1.0),
                  sample=bool(now["is_sample"].any()) if "is_sample" in now else False)


def _drift_rule(params, basis) -> list[Change]:
    now, earlier = _pair("budget/funder_share_actual", params, basis)
    if earlier.state != compare.CHANGED:
        return []
    joined = compare.by_key(now, earlier, "funder", "drift_points")
    out = []
    for _, row in joined.iterrows():
        moved = row["drift_points_change"]
        if pd.isna(moved) or abs(moved) < 1.0:  # less than one percentage point: not a change to report
            continue
        key = "changes.drift.below" if row["drift_points"] < 0 else "changes.drift.above"
        out.append(Change(key, {"funder:funder": row["funder"], "pp:points": abs(row["drift_points"]),
                                "spp:moved": moved}, "budget", {}, abs(moved) / 100,
                          sample=bool(row["is_sample"])))
    return out


def _correction(c: compare.Correction) -> Change:
    upload = c.uploads[0] if c.uploads else None
    values = {"dataset:dataset": c.dataset, "count:rows": c.added + c.changed + c.removed,
              "file": upload.original_name if upload else "",
              "date:when": dt.date.fromisoformat(upload.when[:10]) if upload else None}
    return Change("changes.correction", values, PAGE_OF.get(c.dataset, "overview"), {}, float("inf"),
                  correction=True)


def collect(basis: compare.Basis | None) -> list[Change]:
    """The changes since `basis` for the whole network, corrections first, then the largest first. Kept per basis
    and data version: the earlier data a basis names does not change, so neither do the sentences until a new data
    version is served (each rule runs two queries; the Overview shows them on every rerun)."""
    if basis is None:
        return []
    return list(_collect(basis, db.served_version()))


@lru_cache(maxsize=16)
def _collect(basis: compare.Basis, version: str) -> tuple[Change, ...]:
    params = filters.Filters().params()
    found = [
        _total_rule("reach/growth_by_channel", params, basis, "latest", "changes.reach", "channel", "channel",
                    "reach"),
        _total_rule("companies/by_region", params, basis, "companies", "changes.companies", "region_code", "region",
                    "companies"),
        _total_rule("activities/held_by_area", params, basis, "activities", "changes.activities", "area", "area",
                    "activities"),
        _total_rule("budget/funder_share_actual", params, basis, "actual", "changes.spending", "funder", "funder",
                    "budget", fmt="dkk"),
        *_drift_rule(params, basis),
    ]
    ordered = sorted((c for c in found if c is not None), key=lambda c: -c.size)
    return (*(_correction(c) for c in compare.corrections(basis)), *ordered[:SHOWN])
