"""The dataset registry: every dataset the dashboard knows, declared once.

Each dataset names its columns (canonical English names, DuckDB types, Danish header aliases and allowed
codes), its key, its Danish/English label, and the files it is read from. The registry feeds the DuckDB
views (`db.py`), the Sources page, the sample label and, later, the validation of uploads.

Files are given as stems relative to `DATA_DIR` ("facts/budget"); the first of `.parquet` / `.csv` that
exists is read. Rows from a file under `sample/` are sample data (`is_sample = true` in the view); rows
from `facts/` are real figures from the seed documents and carry a `source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from healthtech import config

FUNDERS = ("ministry", "regional", "private")
AREAS = ("dissemination", "matchmaking", "collaboration", "internationalisation")
CHANNELS = ("newsletter", "linkedin_group", "linkedin_page", "twitter")
ORGANISATIONS = ("LSI", "MTIC", "WT", "CHC", "MTI", "ISV")
REGION_CODES = (1081, 1082, 1083, 1084, 1085)
MEMBERSHIPS = ("dedicated", "interest", "paying")
MEETINGS = ("steering_group", "partner_circle")  # the governance's bodies that meet (application §6)
ACTIVITY_KINDS = (
    "newsletter", "whitepaper", "conference", "after_work_meeting", "workshop", "matchmaking",
    "collaboration_project", "study_trip", "other",
)

# How a seed document qualifies a figure it does not state exactly: "knap 900" (almost), "over 800",
# "mere end 100" (more than). The number is stored as written; the qualifier column keeps the words.
QUALIFIERS = ("almost", "over", "more_than")

REAL, SAMPLE, MIXED = "real", "sample", "real+sample"
# How an uploaded file combines with the rows already there (`merge` in the registry, beside the key).
# MERGE_BY_KEY: a row whose key is new is added, a row whose key exists replaces that row, and a row the file
# does not mention is kept. Replacing the whole dataset is never a dataset's rule: it is the editor's explicit
# choice at upload time (Data page, `import --replace`), with the rows it removes listed first.
MERGE_BY_KEY = "key"
EXTENSIONS = (".parquet", ".csv")


@dataclass(frozen=True)
class Col:
    """One column: canonical name, DuckDB type, accepted header aliases, allowed codes, and the i18n namespace
    its codes are shown with (`labels`: "channel" -> i18n key "channel.newsletter"; "region": the DAGI names)."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    values: tuple = ()
    required: bool = True
    # Open code list: a value that is none of `values` (nor close to one) is accepted as a new code, named as the
    # file names it, with a notice ("new channel: Facebook"). The reach channels: the network adds social media.
    open_values: bool = False
    labels: str | None = None


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    labels: dict[str, str]
    files: tuple[str, ...]
    origin: str = REAL
    uploadable: bool = False
    merge: str | None = None  # uploadable datasets: MERGE_BY_KEY

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def label(self, lang: str) -> str:
        return self.labels[lang]

    def paths(self, data_dir: Path | None = None) -> list[Path]:
        """The files that exist for this dataset, in declaration order."""
        base = data_dir or config.DATA_DIR
        found = []
        for stem in self.files:
            for ext in EXTENSIONS:
                path = base / f"{stem}{ext}"
                if path.is_file():
                    found.append(path)
                    break
        return found


def is_sample_path(path: Path) -> bool:
    """A file of the embedded sample data (`data/sample/`); store versions and facts are not sample."""
    return path.is_relative_to(config.DATA_DIR / "sample")


def _source() -> Col:
    return Col("source", "VARCHAR", aliases=("Kilde",))


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        name="budget",
        columns=(
            Col("funder", "VARCHAR", aliases=("Finansiering", "Finansieringskilde"), values=FUNDERS, labels="funder"),
            Col("amount_dkk", "BIGINT", aliases=("Beløb", "Beløb (kr.)")),
            Col("amount_eur", "BIGINT", aliases=("Beløb (EUR)",)),
            _source(),
        ),
        key=("funder",),
        labels={"da": "Budget pr. finansieringskilde", "en": "Budget by funder"},
        files=("facts/budget",),
    ),
    Dataset(
        name="activity_weights",
        columns=(
            Col("area", "VARCHAR", aliases=("Område", "Indsatsområde"), values=AREAS, labels="area"),
            Col("planned_share", "DOUBLE", aliases=("Vægt", "Planlagt andel")),
            _source(),
        ),
        key=("area",),
        labels={"da": "Planlagt vægtning af aktiviteter", "en": "Planned activity weighting"},
        files=("facts/activity_weights",),
    ),
    Dataset(
        name="targets",
        columns=(
            Col("target", "VARCHAR", aliases=("Effektmål",), labels="target"),
            Col("value", "BIGINT", aliases=("Mål", "Værdi")),
            Col("unit", "VARCHAR", aliases=("Enhed",), values=("persons", "companies", "consortia"), labels="unit"),
            _source(),
        ),
        key=("target",),
        labels={"da": "Effektmål 2019-2020", "en": "Effect targets 2019-2020"},
        files=("facts/targets",),
    ),
    Dataset(
        name="clusters",
        columns=(
            Col("organisation", "VARCHAR", aliases=("Organisation",)),
            Col("short", "VARCHAR", aliases=("Forkortelse",), values=ORGANISATIONS),
            Col("kind", "VARCHAR", aliases=("Type",), values=("cluster", "network"), labels="kind"),
            Col("region_code", "INTEGER", aliases=("Regionskode",), values=REGION_CODES, labels="region"),
            Col("city", "VARCHAR", aliases=("By",), required=False),  # only where a seed says where it is
            Col("companies_stated", "BIGINT", aliases=("Virksomheder",)),
            Col("companies_qualifier", "VARCHAR", values=QUALIFIERS, required=False, labels="qualifier"),
            Col("companies_basis", "VARCHAR", aliases=("Grundlag",), labels="basis"),
            _source(),
        ),
        key=("organisation",),
        labels={"da": "Klynger og innovationsnetværk", "en": "Clusters and innovation networks"},
        files=("facts/clusters",),
    ),
    Dataset(
        name="reach",
        columns=(
            Col("organisation", "VARCHAR", aliases=("Organisation",), values=ORGANISATIONS, labels="organisation"),
            Col("channel", "VARCHAR", aliases=("Kanal", "Type"), values=CHANNELS, open_values=True, labels="channel"),
            Col("count", "BIGINT", aliases=("Antal", "Antal modtagere/følgere")),
            Col("as_of", "DATE", aliases=("Dato", "Opgjort")),
            _source(),
        ),
        key=("organisation", "channel", "as_of"),
        merge=MERGE_BY_KEY,
        labels={"da": "Rækkevidde: nyhedsbreve og sociale medier", "en": "Reach: newsletters and social media"},
        files=("facts/reach", "sample/reach"),
        origin=MIXED,
        uploadable=True,
    ),
    Dataset(
        name="companies",
        columns=(
            Col("company_id", "VARCHAR", aliases=("Virksomheds-id", "ID")),
            Col("name", "VARCHAR", aliases=("Navn", "Virksomhed")),
            Col("cvr", "VARCHAR", aliases=("CVR", "CVR-nr.")),
            Col("municipality_code", "INTEGER", aliases=("Kommune", "Kommunekode")),
            Col("region_code", "INTEGER", aliases=("Region", "Regionskode"), values=REGION_CODES, labels="region"),
            Col("cluster", "VARCHAR", aliases=("Klynge",), values=ORGANISATIONS),
            Col("employees", "INTEGER", aliases=("Ansatte", "Antal ansatte")),
            Col("membership", "VARCHAR", aliases=("Medlemskab",), values=MEMBERSHIPS, labels="membership"),
            Col("joined_on", "DATE", aliases=("Tilknyttet", "Dato")),
        ),
        key=("company_id",),
        merge=MERGE_BY_KEY,
        labels={"da": "Virksomheder", "en": "Companies"},
        files=("sample/companies",),
        origin=SAMPLE,
        uploadable=True,
    ),
    Dataset(
        name="activities",
        columns=(
            Col("activity_id", "VARCHAR", aliases=("Aktivitets-id", "ID")),
            Col("date", "DATE", aliases=("Dato",)),
            Col("area", "VARCHAR", aliases=("Område",), values=AREAS, labels="area"),
            Col("kind", "VARCHAR", aliases=("Type", "Aktivitetstype"), values=ACTIVITY_KINDS, labels="kind"),
            Col("title", "VARCHAR", aliases=("Titel",)),
            Col("cluster", "VARCHAR", aliases=("Klynge",), values=ORGANISATIONS),
            Col("region_code", "INTEGER", aliases=("Region", "Regionskode"), values=REGION_CODES, labels="region"),
        ),
        key=("activity_id",),
        merge=MERGE_BY_KEY,
        labels={"da": "Aktiviteter", "en": "Activities"},
        files=("sample/activities",),
        origin=SAMPLE,
        uploadable=True,
    ),
    Dataset(
        name="participations",
        columns=(
            Col("activity_id", "VARCHAR", aliases=("Aktivitets-id",)),
            Col("company_id", "VARCHAR", aliases=("Virksomheds-id",)),
            Col("persons", "INTEGER", aliases=("Personer", "Antal personer")),
        ),
        key=("activity_id", "company_id"),
        merge=MERGE_BY_KEY,
        labels={"da": "Deltagelser", "en": "Participations"},
        files=("sample/participations",),
        origin=SAMPLE,
        uploadable=True,
    ),
    Dataset(
        name="spending",
        columns=(
            Col("month", "DATE", aliases=("Måned",)),
            Col("funder", "VARCHAR", aliases=("Finansiering",), values=FUNDERS, labels="funder"),
            Col("area", "VARCHAR", aliases=("Område",), values=AREAS, labels="area"),
            Col("amount_dkk", "DECIMAL(14,2)", aliases=("Beløb", "Beløb (kr.)")),
        ),
        key=("month", "funder", "area"),
        merge=MERGE_BY_KEY,
        labels={"da": "Forbrug", "en": "Spending"},
        files=("sample/spending",),
        origin=SAMPLE,
        uploadable=True,
    ),
    # When the steering group met (1-2 meetings a year, application §6): what "compare with" offers (compare.py).
    # Sample dates until the secretariat uploads the real ones, like any other dataset.
    Dataset(
        name="meetings",
        columns=(
            Col("date", "DATE", aliases=("Dato", "Mødedato")),
            Col("meeting", "VARCHAR", aliases=("Møde", "Mødetype"), values=MEETINGS, labels="meeting"),
            Col("title", "VARCHAR", aliases=("Titel", "Overskrift"), required=False),
        ),
        key=("date", "meeting"),
        merge=MERGE_BY_KEY,
        labels={"da": "Møder", "en": "Meetings"},
        files=("sample/meetings",),
        origin=SAMPLE,
        uploadable=True,
    ),
    # Further seed facts the pages need; real, each row with its source.
    Dataset(
        name="grant",
        columns=(Col("period_start", "DATE"), Col("period_end", "DATE"), _source()),
        key=("period_start",),
        labels={"da": "Bevillingsperiode", "en": "Grant period"},
        files=("facts/grant",),
    ),
    Dataset(
        name="previous_funding",
        columns=(
            Col("organisation", "VARCHAR", values=ORGANISATIONS, labels="organisation"),
            Col("funder", "VARCHAR", values=FUNDERS, labels="funder"),
            Col("amount_dkk", "BIGINT"),
            Col("period_start", "DATE"),
            Col("period_end", "DATE"),
            _source(),
        ),
        key=("organisation", "funder"),
        labels={"da": "Medfinansiering i forrige periode", "en": "Co-funding in the previous period"},
        files=("facts/previous_funding",),
    ),
    Dataset(
        name="deliverables",
        columns=(
            Col("deliverable", "VARCHAR", labels="deliverable"),
            Col("area", "VARCHAR", values=AREAS, labels="area"),
            Col("planned_min", "INTEGER"),
            Col("planned_max", "INTEGER", required=False),
            _source(),
        ),
        key=("deliverable",),
        labels={"da": "Planlagte leverancer 2019-2020", "en": "Planned deliverables 2019-2020"},
        files=("facts/deliverables",),
    ),
    Dataset(
        name="knowledge_partners",
        columns=(
            Col("name", "VARCHAR"),
            Col("short", "VARCHAR"),
            Col("kind", "VARCHAR", values=("university", "gts"), labels="kind"),
            Col("city", "VARCHAR", required=False),
            Col("region_code", "INTEGER", values=REGION_CODES, required=False, labels="region"),
            _source(),
        ),
        key=("short",),
        labels={"da": "Videnpartnere", "en": "Knowledge partners"},
        files=("facts/knowledge_partners",),
    ),
    Dataset(
        name="network_figures",
        columns=(
            Col("figure", "VARCHAR"),
            Col("value", "DOUBLE"),
            Col("qualifier", "VARCHAR", values=QUALIFIERS, required=False),
            Col("unit", "VARCHAR"),
            _source(),
        ),
        key=("figure",),
        labels={"da": "Netværkets nøgletal", "en": "Network-wide figures"},
        files=("facts/network_figures",),
    ),
    Dataset(
        name="municipalities",
        columns=(
            Col("kommune_code", "INTEGER", aliases=("Kommunekode",)),
            Col("name", "VARCHAR", aliases=("Kommune", "Navn")),
            Col("region_code", "INTEGER", aliases=("Regionskode",), values=REGION_CODES, labels="region"),
            Col("lat", "DOUBLE"),
            Col("lon", "DOUBLE"),
        ),
        key=("kommune_code",),
        labels={"da": "Kommuner (DAGI)", "en": "Municipalities (DAGI)"},
        files=("geo/municipalities",),
    ),
    Dataset(
        name="documents",
        columns=(
            Col("file", "VARCHAR"),
            Col("id", "VARCHAR"),                 # the document in a link: /sources?doc=<id>&section=…
            Col("kind", "VARCHAR", labels="kind"),
            Col("language", "VARCHAR", labels="language"),
            Col("published", "VARCHAR"),          # a year, or a day when the document gives one
            Col("publisher", "VARCHAR"),
            Col("title", "VARCHAR"),
            Col("short_title_da", "VARCHAR"),     # how a citation names it: "Ansøgningen", "Pressemeddelelse, 2018"
            Col("short_title_en", "VARCHAR"),
            _source(),
        ),
        key=("file",),
        labels={"da": "Kildedokumenter", "en": "Source documents"},
        files=("facts/documents",),
    ),
)

BY_NAME: dict[str, Dataset] = {d.name: d for d in DATASETS}
# What an editor may upload (the Data page, `python -m healthtech import`), in registry order.
UPLOADABLE: tuple[str, ...] = tuple(d.name for d in DATASETS if d.uploadable)


def get(name: str) -> Dataset:
    return BY_NAME[name]


# Codes that queries compute rather than read from a dataset column, with their i18n namespace.
COMPUTED_LABELS: dict[str, str] = {"origin": "origin", "rule": "rule", "status": "status"}


def _labels() -> dict[str, str]:
    """Column name -> the i18n namespace of its codes, from the registry's `Col.labels` (and COMPUTED_LABELS):
    what the table block, the exports and the upload reader translate. A column name means one thing wherever it
    appears, so two datasets may not label the same column name differently."""
    found: dict[str, str] = dict(COMPUTED_LABELS)
    for ds in DATASETS:
        for col in ds.columns:
            if col.labels and found.setdefault(col.name, col.labels) != col.labels:
                raise ValueError(f"{ds.name}.{col.name} is labelled {col.labels!r}, elsewhere {found[col.name]!r}")
    return found


LABELS: dict[str, str] = _labels()
