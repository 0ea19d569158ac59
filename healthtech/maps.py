"""Offline choropleth maps: our own DAGI GeoJSON in a pydeck Deck with no basemap (`map_provider=None`).

Pure builders, no Streamlit calls. The map gets per-region or per-municipality counts only (never a point per
company). Classes are 5 quantile bins over the non-zero counts, a ColorBrewer "Blues" ramp; zero is grey.
pydeck draws no legend, so `legend()` returns the bins for the page to draw.
"""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import quote

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from healthtech import config, formatting, geo

BLUES = ([198, 219, 239], [158, 202, 225], [107, 174, 214], [49, 130, 189], [8, 81, 156])
EMPTY = [225, 228, 232]
# Fits lon 8.0-15.2 (incl. Bornholm), lat 54.5-57.8 in a ~520 px wide map.
DENMARK = pdk.ViewState(latitude=56.2, longitude=11.6, zoom=5.45, pitch=0, bearing=0)
# A phone's map is ~350 px wide: Denmark (7.2 degrees of longitude) takes 512 * 2^zoom * 7.2 / 360 px, so zoom 4.9
# leaves West Jutland and Bornholm inside with a margin.
PHONE_WIDTH_PX = 350
DENMARK_PHONE = pdk.ViewState(latitude=56.2, longitude=11.6, zoom=4.9, pitch=0, bearing=0)
LAYERS = ("regions", "municipalities")
# A MapLibre style with no sources (a plain sea-coloured background), as a data: URL so nothing is downloaded.
# With no style, Streamlit's frontend falls back to a Carto basemap from the internet; it also needs the style
# to be a string, hence the URL rather than the style object.
OFFLINE_STYLE = "data:application/json;charset=utf-8," + quote(json.dumps(
    {"version": 8, "sources": {}, "layers": [
        {"id": "background", "type": "background", "paint": {"background-color": "#f8fafc"}}]},
    separators=(",", ":")))


class CompactDeck(pdk.Deck):
    """pydeck pretty-prints its JSON (indent=2), which makes a municipality map ~6x larger on the wire."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


class _FrozenDeck(CompactDeck):
    """A memoised map (`choropleth`): serialised once, then the same JSON on every rerun. Read-only."""

    def to_json(self) -> str:
        if getattr(self, "_json", None) is None:
            self._json = super().to_json()
        return self._json


_GEOJSON_FILES = {layer: f"{layer}.geojson" for layer in LAYERS}  # the only files a layer name can open


@lru_cache(maxsize=2)
def _geojson(layer: str) -> dict:
    if layer not in _GEOJSON_FILES:
        raise ValueError(f"no map layer {layer!r}; one of {', '.join(LAYERS)}")
    path = config.DATA_DIR / "geo" / _GEOJSON_FILES[layer]
    return json.loads(path.read_text(encoding="utf-8"))


def classify(counts: pd.Series, k: int = len(BLUES)) -> list[int]:
    """Upper bounds of up to k classes over the non-zero counts (quantiles, rounded, distinct)."""
    positive = counts[counts > 0]
    if positive.empty:
        return []
    bounds = np.unique(np.ceil(np.quantile(positive, np.linspace(0, 1, k + 1)[1:])).astype(int))
    return bounds.tolist()


def colour(count: int, bounds: list[int]) -> list[int]:
    if count <= 0 or not bounds:
        return EMPTY
    index = next((i for i, b in enumerate(bounds) if count <= b), len(bounds) - 1)
    # Fewer classes than colours take the dark end of the ramp, so the darkest always means "most".
    return BLUES[len(BLUES) - len(bounds) + index]


def legend(bounds: list[int], lang: str) -> list[tuple[list[int], str]]:
    """(colour, label) per class, starting with the grey "0"."""
    items = [(EMPTY, "0")]
    low = 1
    for b in bounds:
        first, last = formatting.number(low, lang), formatting.number(b, lang)
        label = last if low == b else f"{first}–{last}"
        items.append((colour(b, bounds), label))
        low = b + 1
    return items


def _view(region: int | None, width_px: int = 520, height_px: int = 520) -> pdk.ViewState:
    """Fit the view to a region's polygons, else all of Denmark incl. Bornholm (web-mercator, 512 px tiles)."""
    if region is None:
        return DENMARK_PHONE if width_px <= PHONE_WIDTH_PX else DENMARK
    feature = next(f for f in _geojson("regions")["features"] if f["properties"]["region_code"] == region)
    coords = np.array([pt for polygon in feature["geometry"]["coordinates"] for ring in polygon for pt in ring])
    (lon0, lat0), (lon1, lat1) = coords.min(axis=0), coords.max(axis=0)

    def mercator_y(lat):
        return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))

    zoom_x = np.log2(width_px * 360 / (512 * (lon1 - lon0) * 1.15))
    zoom_y = np.log2(height_px * 2 * np.pi / (512 * (mercator_y(lat1) - mercator_y(lat0)) * 1.15))
    return pdk.ViewState(latitude=float((lat0 + lat1) / 2), longitude=float((lon0 + lon1) / 2),
                         zoom=float(round(min(zoom_x, zoom_y), 2)), pitch=0, bearing=0)


def choropleth(layer: str, counts: pd.DataFrame, lang: str, count_label: str,
               focus_region: int | None = None, selected: int | None = None, phone: bool = False) -> pdk.Deck:
    """A Deck with one GeoJsonLayer: `counts` has `code` and `companies` per feature of `layer`. Memoised on its
    inputs (a few dozen maps at most: layer x filters x language), so a rerun neither copies the GeoJSON nor
    serialises it again; the Deck returned is shared, so treat it as read-only."""
    codes = tuple(int(c) for c in counts["code"])
    values = tuple(int(n) for n in counts["companies"])
    return _choropleth(layer, codes, values, lang, count_label, focus_region, selected, phone)


@lru_cache(maxsize=32)
def _choropleth(layer: str, codes: tuple[int, ...], values: tuple[int, ...], lang: str, count_label: str,
                focus_region: int | None, selected: int | None, phone: bool = False) -> pdk.Deck:
    key = "region_code" if layer == "regions" else "kommune_code"
    by_code = dict(zip(codes, values, strict=True))
    bounds = classify(pd.Series(values, dtype="int64"))
    source = _geojson(layer)
    features = []
    for feature in source["features"]:  # new properties, the geometry shared with the cached GeoJSON (not copied)
        props = dict(feature["properties"])
        code = props[key]
        n = int(by_code.get(code, 0))
        props["code"] = code
        props["label"] = geo.region_name(code, lang) if layer == "regions" else props["name"]
        props["count"] = n
        props["count_text"] = f"{formatting.number(n, lang)} {count_label}"
        props["fill"] = colour(n, bounds)
        props["line"] = [31, 78, 121] if code == selected else [255, 255, 255]
        features.append({**feature, "properties": props})
    data = {**source, "features": features}
    return _FrozenDeck(
        layers=[pdk.Layer(
            "GeoJsonLayer", id=layer, data=data, pickable=True, stroked=True, filled=True,
            get_fill_color="properties.fill", get_line_color="properties.line",
            line_width_min_pixels=1, auto_highlight=True, highlight_color=[42, 157, 143, 160],
        )],
        initial_view_state=_view(focus_region, width_px=PHONE_WIDTH_PX if phone else 520),
        map_provider=None,
        map_style=OFFLINE_STYLE,
        tooltip={"text": "{label}\n{count_text}"},
    )
