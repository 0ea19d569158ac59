"""Region and municipality names from the boundary files in `data/geo/` (DAGI, see SOURCE.md)."""

from __future__ import annotations

import json
from functools import lru_cache

from healthtech import config


@lru_cache(maxsize=1)
def _regions() -> dict[int, dict]:
    path = config.DATA_DIR / "geo" / "regions.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["region_code"]: f["properties"] for f in features}


def region_name(code, lang: str) -> str:
    props = _regions().get(int(code)) if code is not None and code == code else None
    if props is None:
        return "–" if code is None or code != code else str(code)
    return props["name_en"] if lang == "en" else props["name_da"]


def region_codes() -> list[int]:
    return sorted(_regions())


@lru_cache(maxsize=1)
def _municipalities() -> dict[int, tuple[str, int]]:
    import csv

    path = config.DATA_DIR / "geo" / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {int(r["kommune_code"]): (r["name"], int(r["region_code"])) for r in csv.DictReader(f)}


def municipality_codes() -> list[int]:
    return sorted(_municipalities())


def municipality_name(code) -> str:
    found = _municipalities().get(int(code)) if code is not None and code == code else None
    return found[0] if found else ("–" if code is None or code != code else str(code))


def region_of(municipality_code: int) -> int | None:
    found = _municipalities().get(int(municipality_code))
    return found[1] if found else None
