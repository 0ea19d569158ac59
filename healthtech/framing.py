"""What a filtered view is set against (issue 12): never a whole-network plan or target it is only part of.

The application (001, §2) sets the planned deliverables ("15-20 nyhedsbreve") and the effect targets
("500 virksomhedspersoner") for the whole network and for "perioden 2019-2020" together. It splits them neither by
region or cluster nor by year (no phasing anywhere in the seed documents), so:

- whole network, whole grant period: delivered against the planned range (under / within / over), progress in %
  of the target;
- a region or a cluster: the filtered figure as a contribution to the network's figure ("Region Nordjylland: 25
  of the network's 500"), with a note that the targets are national; no status, no percentage;
- a grant year: the year's figure next to the plan for both years ("9 of the network's 15-20 for both years"),
  with a note that the plan is not phased; no status, no percentage.

If a document ever gives a phasing, the year case can divide the plan by it (and say how); until then it must not.

The click filters of issue 16 need no contribution framing, because the plan itself is divided along them: a funder
is set against its own part of the budget (the application's split), an activity area against its own weight and
each deliverable against its own range. What the plan does not divide stays whole and says so on the page: the
effect targets under an area filter, the weighting (spending by area) under a funder filter.
Pure functions: the Activities page and the meeting pack (which captures that page) use the same texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from healthtech import filters, geo, i18n


@dataclass(frozen=True)
class Scope:
    """The part of the network and the grant a view shows, as a reader names it."""
    place: str | None = None    # "Region Nordjylland", "LSI", "Region Nordjylland · LSI"; None = whole network
    period: str | None = None   # "År 1" / "Year 1"; None = the whole grant period

    @property
    def whole(self) -> bool:
        """The view the plan and the targets are set for: whole network, whole grant period."""
        return self.place is None and self.period is None

    def name(self, lang: str) -> str:
        """"Region Nordjylland, år 1"; the network's name for the whole view."""
        if self.whole:
            return i18n.t("app.name", lang)
        if self.place and self.period:
            return f"{self.place}, {self.period.lower()}"
        return self.place or self.period


def scope(chosen: filters.Filters, lang: str) -> Scope:
    places = []
    if chosen.region is not None:
        places.append(geo.region_name(chosen.region, lang))
    if chosen.cluster is not None:
        places.append(chosen.cluster)
    period = None if chosen.period == "all" else i18n.t(f"period.{chosen.period}", lang)
    return Scope(place=" · ".join(places) or None, period=period)


def note(where: Scope, lang: str) -> str | None:
    """Why a filtered view is not measured against the plan and the targets; None for the whole view."""
    if where.whole:
        return None
    kind = "both" if where.place and where.period else "place" if where.place else "period"
    return i18n.t(f"framing.note.{kind}", lang, scope=where.name(lang))


def short(value: str, target: str, lang: str) -> str:
    """"2 af 15–20": a contribution on a bar, whose chart title names the scope and the network's plan."""
    return i18n.t("framing.short", lang, value=value, target=target)


def header(label: str, where: Scope, lang: str) -> str:
    """A table column of the filtered figure says whose it is: "Leveret – Region Nordjylland"."""
    return f"{label} – {where.name(lang)}"


def contributions(where: Scope, parts: list[tuple[str, str, str]], lang: str) -> str:
    """"Region Nordjylland: 24 af netværkets 500 virksomhedspersoner · 2 af netværkets 20 …" – the filtered figures
    as parts of the network's targets (value, target, what), never a score. With a grant year it says that the
    targets are for both years."""
    text = " · ".join(i18n.t("framing.part", lang, value=v, target=t, what=w) for v, t, w in parts)
    key = "framing.contributions_both_years" if where.period is not None else "framing.contributions"
    return i18n.t(key, lang, scope=where.name(lang), parts=text)
