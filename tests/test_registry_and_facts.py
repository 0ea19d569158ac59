"""The registry and the seed facts: every real figure is in its cited document, under the cited section."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from healthtech import config, datasets, db, formatting
from healthtech.datasets import DATASETS

FIRST_DESIGN_DATASETS = {"budget", "activity_weights", "targets", "clusters", "reach", "companies",
                         "activities", "participations", "spending"}
FACTS = [ds for ds in DATASETS if any(stem.startswith("facts/") for stem in ds.files)]


def rows(ds) -> pd.DataFrame:
    """The real rows of a dataset (reach also has sample snapshots)."""
    return db.query(f'select * from "{ds.name}" where not is_sample')


def test_all_nine_architecture_datasets_are_declared_with_a_key_and_both_labels():
    assert set(datasets.BY_NAME) >= FIRST_DESIGN_DATASETS
    for ds in DATASETS:
        assert set(ds.key) <= set(ds.column_names), ds.name
        assert ds.labels["da"] and ds.labels["en"], ds.name


def test_sample_datasets_are_marked_sample_and_uploadable():
    for name in ("companies", "activities", "participations", "spending"):
        ds = datasets.get(name)
        assert ds.origin == datasets.SAMPLE and ds.uploadable
    assert datasets.get("reach").origin == datasets.MIXED


@pytest.mark.parametrize("ds", DATASETS, ids=lambda d: d.name)
def test_the_declared_origin_matches_where_the_files_are(ds):
    """The Sources page shows `Dataset.origin`; it must say what the file stems say (sample/ or not)."""
    kinds = {datasets.is_sample_path(config.DATA_DIR / stem) for stem in ds.files}
    assert ds.origin == {frozenset({False}): datasets.REAL, frozenset({True}): datasets.SAMPLE,
                         frozenset({False, True}): datasets.MIXED}[frozenset(kinds)]


@pytest.mark.parametrize("ds", DATASETS, ids=lambda d: d.name)
def test_every_view_has_the_registry_columns_and_the_sample_flag(ds):
    df = db.query(f'select * from "{ds.name}"')
    assert list(df.columns) == [*ds.column_names, "is_sample", "data_origin"]
    expected = {"real": {"facts"}, "sample": {"sample"}, "real+sample": {"facts", "sample"}}[ds.origin]
    assert set(df["data_origin"].dropna()) <= expected


@pytest.mark.parametrize("ds", FACTS, ids=lambda d: d.name)
def test_facts_keys_are_unique_and_codes_are_known(ds):
    df = rows(ds)
    assert len(df) > 0
    assert not df.duplicated(list(ds.key)).any(), df[df.duplicated(list(ds.key), keep=False)]
    for col in ds.columns:
        if col.values:
            present = set(df[col.name].dropna())
            assert present <= set(col.values), (ds.name, col.name, present - set(col.values))
        if col.required:
            assert df[col.name].notna().all(), (ds.name, col.name)


SOURCE = re.compile(r"^(?P<file>\d{3}_[0-9a-f]{16}\.txt) (?P<section>§\d+|.+)$")


def _citations(source: str) -> list[tuple[str, str]]:
    cited = []
    for part in source.split("; "):
        match = SOURCE.match(part)
        assert match, f"source {part!r} is not 'FILE §N' or 'FILE Heading'"
        cited.append((match["file"], match["section"]))
    return cited


def _section_text(file: str, section: str) -> str:
    text = (config.SOURCES_DIR / file).read_text(encoding="utf-8")
    if section.startswith("§"):
        number = int(section[1:])
        start = re.search(rf"^## {number}\. ", text, re.M)
        end = re.search(rf"^## {number + 1}\. ", text, re.M)
        assert start, f"{file} has no section {section}"
        return text[start.start(): end.start() if end else len(text)]
    assert section in text, f"{file} has no heading {section!r}"
    return text[text.index(section):]


def _variants(value) -> set[str]:
    """How a figure may be written in the documents: 1700, 1.700, 14 mio., 11,2 mio., 8.975.000, 30%."""
    value = float(value)
    if 0 < value < 1:
        pct = round(value * 100)
        return {f"{pct}%", f"{pct} %"}
    n = int(value)
    out = {str(n), f"{n:,}".replace(",", ".")}
    if n >= 100_000:
        mio = n / 1e6
        for text in {f"{mio:g}", f"{mio:.1f}", f"{mio:.2f}"}:
            out |= {f"{text.replace('.', ',')} mio", f"{text} million", f"{text}m DKK", f"{text} mio"}
        out.add(f"kr. {n:,}".replace(",", "."))
    return out


def _stands_in(variant: str, text: str) -> bool:
    """`variant` is written in `text` as a whole figure: not part of a longer number or word, and a count is not
    a percentage ("33" is not in "1333" or "1.733", "700" is not in "1.700", "100" is not in "100.000", "15" is
    not in "15 %")."""
    return re.search(rf"(?<!\w)(?<!\d[.,]){re.escape(variant)}(?!\w)(?![.,]\d)(?!\s?%)", text) is not None


def test_a_figure_must_stand_on_its_own_in_the_text():
    assert _stands_in("33", "LSI Erhvervsforening består af 33 medlemsvirksomheder.")
    assert _stands_in("30%", "vægtet med 30% af indsatsen")
    assert _stands_in("14 mio", "hvoraf 14 mio. kr. kommer fra")
    assert _stands_in("1.700", "Welfare Tech 1.700 modtagere")
    for variant, text in (("33", "i alt 1333 deltagere"), ("700", "1.700 modtagere"), ("700", "1,700 readers"),
                          ("100", "100.000 kr."), ("100", "mere end 1000"), ("15", "15%-mål"), ("15", "15 % af"),
                          ("2", "Bilag 2a")):
        assert not _stands_in(variant, text), (variant, text)


NUMERIC = {"budget": ["amount_dkk", "amount_eur"], "activity_weights": ["planned_share"], "targets": ["value"],
           "clusters": ["companies_stated"], "reach": ["count"], "previous_funding": ["amount_dkk"],
           "deliverables": ["planned_min", "planned_max"], "network_figures": ["value"]}


@pytest.mark.parametrize("name", sorted(NUMERIC))
def test_every_real_figure_stands_in_the_section_it_cites(name):
    df = rows(datasets.get(name))
    for _, row in df.iterrows():
        texts = [_section_text(f, s) for f, s in _citations(row["source"])]
        for col in NUMERIC[name]:
            if pd.isna(row[col]):
                continue
            found = [v for v in _variants(row[col]) if any(_stands_in(v, t) for t in texts)]
            assert found, f"{name}: {col}={row[col]} not found in {row['source']}"


QUALIFIED = {"clusters": ("companies_stated", "companies_qualifier"), "network_figures": ("value", "qualifier")}


@pytest.mark.parametrize("name", sorted(QUALIFIED))
def test_a_qualified_figure_is_worded_as_in_its_section(name):
    """"mere end 100", "knap 900": the UI's Danish wording of a qualified figure is the source's own."""
    ds = datasets.get(name)
    value_col, qualifier_col = QUALIFIED[name]
    assert next(c for c in ds.columns if c.name == qualifier_col).values == datasets.QUALIFIERS
    qualified = rows(ds).dropna(subset=[qualifier_col])
    assert len(qualified) > 0
    for _, row in qualified.iterrows():
        wording = formatting.qualified(row[value_col], row[qualifier_col], "da")
        texts = [_section_text(f, s) for f, s in _citations(row["source"])]
        assert any(_stands_in(wording, t) for t in texts), f"{name}: {wording!r} not in {row['source']}"


# What the passage a cluster row cites for its home region says: who founded it, where its offices are, or who
# employs its network leader (data/README.md, "Home region and city").
REGION_EVIDENCE = {"LSI": "Region Nordjylland", "MTIC": "Region Midtjylland", "CHC": "Region Hovedstaden",
                   "WT": "Odense", "ISV": "ansat i Welfare Tech", "MTI": "ansat på DTU"}
COUNTS = ("001_19bda5ed8e2036d5.txt", "§3")  # where the application states each cluster's companies


def test_every_cluster_cites_where_its_count_region_and_city_stand():
    clusters = rows(datasets.get("clusters"))
    assert set(clusters["short"]) == set(REGION_EVIDENCE)
    for _, row in clusters.iterrows():
        cited = _citations(row["source"])
        assert COUNTS in cited, row["short"]
        others = [_section_text(f, s) for f, s in cited if (f, s) != COUNTS]
        assert any(REGION_EVIDENCE[row["short"]] in t for t in others), (row["short"], row["source"])
        if pd.notna(row["city"]):
            for city in row["city"].split(", "):
                assert any(_stands_in(city, t) for t in others), (row["short"], city)


def test_the_documents_cite_the_list_they_come_from():
    documents = rows(datasets.get("documents"))
    assert set(documents["source"]) == {"data/sources/README.md"}
    listing = (config.ROOT / "data" / "sources" / "README.md").read_text(encoding="utf-8")
    for file in documents["file"]:
        assert f"| {file} |" in listing, file
        assert (config.SOURCES_DIR / file).is_file(), file


def test_every_facts_row_cites_a_document_that_is_in_the_repo():
    for ds in FACTS:
        if ds.name == "documents":
            continue
        for source in rows(ds)["source"]:
            for file, _ in _citations(source):
                assert (config.SOURCES_DIR / file).is_file()


def test_seed_totals_as_facts_md_states_them():
    budget = rows(datasets.get("budget")).set_index("funder")
    assert budget["amount_dkk"].sum() == 28_000_000
    assert (budget["amount_dkk"] / budget["amount_dkk"].sum()).round(2).to_dict() == {
        "ministry": 0.5, "regional": 0.1, "private": 0.4}
    assert budget["amount_eur"].sum() == 3_750_000
    weights = rows(datasets.get("activity_weights")).set_index("area")["planned_share"]
    assert weights.to_dict() == {"dissemination": 0.30, "matchmaking": 0.30, "collaboration": 0.25,
                                 "internationalisation": 0.15}
    reach = rows(datasets.get("reach")).groupby("channel")["count"].sum()
    assert reach.to_dict() == {"newsletter": 4792, "linkedin_group": 3452, "linkedin_page": 4103, "twitter": 1722}
    assert reach.sum() == 14069


def test_geo_files_and_their_licence_note_are_in_data():
    for name in ("regions.geojson", "municipalities.geojson", "municipalities.csv", "SOURCE.md"):
        assert (config.DATA_DIR / "geo" / name).is_file()
    assert "CC BY 4.0" in (config.DATA_DIR / "geo" / "SOURCE.md").read_text(encoding="utf-8")
