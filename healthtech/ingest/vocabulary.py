"""The words a file may use, Danish or English: header names and aliases, code labels and aliases, month
names, totals rows, and the names of municipalities and regions."""

from __future__ import annotations

import re

from healthtech import datasets, geo, i18n
from healthtech.datasets import Col

TOTAL_WORDS = frozenset({"i alt", "i alt:", "total", "total:", "totalt", "sum", "sum:", "i alt (sum)",
                         "grand total", "subtotal", "sum i alt", "samlet", "samlet:"})
DANISH_MONTHS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mar": 3, "marts": 3, "apr": 4, "april": 4, "maj": 5,
    "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "oct": 10, "october": 10,
}
# Extra Danish/English names for codes, beyond the code itself and its labels in i18n.
CODE_ALIASES: dict[str, dict[str, str]] = {
    "funder": {"ministeriet": "ministry", "staten": "ministry", "ufm": "ministry", "stat": "ministry",
               "regional": "regional", "regionerne": "regional", "region": "regional",
               "privat": "private", "private": "private", "virksomheder": "private"},
    "area": {"vidensspredning": "dissemination", "formidling": "dissemination",
             "samarbejde": "collaboration", "samarbejdsprojekt": "collaboration",
             "internationalisering": "internationalisation", "internationalization": "internationalisation"},
    "channel": {"nyhedsbrev": "newsletter", "linkedin-gruppe": "linkedin_group", "linkedin gruppe": "linkedin_group",
                "linkedin-grupper": "linkedin_group", "linkedin group": "linkedin_group",
                "linkedin-side": "linkedin_page", "linkedin side": "linkedin_page", "linkedin page": "linkedin_page",
                "linkedin-sider": "linkedin_page", "x": "twitter", "x/twitter": "twitter"},
    "organisation": {"welfare tech": "WT", "welfaretech": "WT", "lifescience innovation": "LSI",
                     "medtech innovation consortium": "MTIC", "copenhagen healthtech cluster": "CHC",
                     "medtech innovation": "MTI", "innovationsnetværk for sundheds- og velfærdsteknologi": "ISV"},
    "membership": {"dedikeret": "dedicated", "interesse": "interest", "interessetilkendegivelse": "interest",
                   "betalende": "paying", "betalende medlem": "paying", "medlem": "paying", "member": "paying"},
    "kind": {"nyhedsbrev": "newsletter", "konference": "conference", "seminar": "conference",
             "gå-hjem-møde": "after_work_meeting", "gå hjem møde": "after_work_meeting",
             "after work": "after_work_meeting", "matchmaking-arrangement": "matchmaking",
             "samarbejdsprojekt": "collaboration_project", "studietur": "study_trip", "andet": "other"},
}
# Column -> the i18n namespaces whose labels a file may write instead of a code: the registry's display labels
# (`datasets.LABELS`; regions and municipalities are places, read by their names in cells.py), plus what a reader
# also accepts: a channel's short label, and a cluster by its organisation's name.
LABEL_NAMESPACES = {**{name: (namespace,) for name, namespace in datasets.LABELS.items() if namespace != "region"},
                    "channel": ("channel", "channel_short"), "cluster": ("organisation",)}
NEUTRAL_HEADERS = frozenset({"id", "type", "region"})


def _norm(text) -> str:
    return " ".join(str(text).replace("\ufeff", "").replace("\xa0", " ").split()).casefold()


def _header_names(col: Col) -> set[str]:
    names = {col.name, col.name.replace("_", " "), col.name.replace("_", "-")} | set(col.aliases)
    return {_norm(n) for n in names}


_KNOWN_HEADERS = frozenset(n for d in datasets.DATASETS if d.uploadable for c in d.columns for n in _header_names(c))


# Social media the network may add to the application's four channels, spelled as their owners spell them; any
# other new channel keeps the spelling of the file (see Col.open_values).
ADDED_CHANNELS = {"facebook": "Facebook", "instagram": "Instagram", "youtube": "YouTube", "bluesky": "Bluesky",
                  "tiktok": "TikTok", "mastodon": "Mastodon", "threads": "Threads", "podcast": "Podcast"}


def _code_lookup(col: Col) -> dict[str, object]:
    lookup: dict[str, object] = {}
    for code in col.values:
        lookup[_norm(code)] = code
        for namespace in LABEL_NAMESPACES.get(col.name, ()):
            for lang in i18n.LANGS:
                lookup.setdefault(_norm(i18n.label(namespace, code, lang)), code)
    namespace = "organisation" if col.name == "cluster" else col.name
    for alias, code in CODE_ALIASES.get(namespace, {}).items():
        if code in col.values:
            lookup.setdefault(_norm(alias), code)
    return lookup


def _strip_suffix(text: str, word: str) -> str:
    text = " ".join(text.split())
    for pattern in (rf"^{word}\s+", rf"\s+{word}$", r"s\s+kommune$"):
        text = re.sub(pattern, "", text, flags=re.IGNORECASE)
    return text


def _municipality_names() -> dict[str, int]:
    names = {}
    for code in geo.municipality_codes():
        name = geo.municipality_name(code)
        names[_norm(name)] = code
        names[_norm(name.replace("-", " "))] = code
    for code in geo.municipality_codes():  # genitive of the official name: "Københavns Kommune"
        names.setdefault(_norm(geo.municipality_name(code)) + "s", code)
    names.setdefault("århus", names.get("aarhus"))
    return {k: v for k, v in names.items() if v is not None}


def _region_names() -> dict[str, int]:
    names = {}
    for code in geo.region_codes():
        for lang in i18n.LANGS:
            name = geo.region_name(code, lang)
            names[_norm(name)] = code
            names[_norm(_strip_suffix(name, "region"))] = code
    return names
