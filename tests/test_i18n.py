"""Both languages are complete, and every code in the data has a label."""

from __future__ import annotations

import json

import pytest

from healthtech import config, datasets, db, geo, i18n

CODE_COLUMNS = {  # dataset column -> i18n namespace, as the registry declares it (Col.labels); places have names
    (ds.name, col.name): col.labels for ds in datasets.DATASETS for col in ds.columns
    if col.labels and col.labels != "region"}


def test_every_text_has_a_danish_and_an_english_version():
    for key, (da, en) in i18n.TEXTS.items():
        assert da.strip() and en.strip(), key


@pytest.mark.parametrize(("dataset", "column"), sorted(CODE_COLUMNS))
def test_every_code_in_the_data_has_a_label_in_both_languages(dataset, column):
    namespace = CODE_COLUMNS[(dataset, column)]
    codes = db.query(f'select distinct "{column}" as c from "{dataset}" where "{column}" is not null')["c"]
    assert len(codes) > 0, (dataset, column)
    for code in codes:
        assert f"{namespace}.{code}" in i18n.TEXTS, (dataset, column, code)


def test_unknown_language_falls_back_to_danish():
    assert i18n.normalise("fr") == "da" and i18n.normalise(None) == "da" and i18n.normalise("en") == "en"


def test_region_names_come_from_the_boundary_file():
    features = json.loads((config.DATA_DIR / "geo" / "regions.geojson").read_text(encoding="utf-8"))["features"]
    assert geo.region_codes() == [1081, 1082, 1083, 1084, 1085]
    for f in features:
        props = f["properties"]
        assert geo.region_name(props["region_code"], "da") == props["name_da"]
        assert geo.region_name(props["region_code"], "en") == props["name_en"]
