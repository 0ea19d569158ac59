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
