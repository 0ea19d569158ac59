"""How old the figures are, per dataset and per page: "data as of" that tells the truth.

A dataset's rows come from up to three places (`db.dataset_files`), and each has its own kind of date:
- **facts** (`data/facts/`): the date of the documents its rows cite (`documents.published`): "Ansøgning, 2018".
  Never a file's modification time: a fresh clone has today's mtimes and 2018's figures.
- **upload** (the store's current version): when it was imported, from which file, by whom (`store.Version`).
- **sample** (`data/sample/`): no date at all; it is sample data, and the stamp says so.

A page's stamp is the newest dated part among the datasets its queries read (found from the page file's
`queries.run*("…")` names and the views, macros and derived tables those SQL files read), and it names what that
part is; the sample datasets on the page are named as sample data with no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from healthtech import config, datasets, db, documents, formatting, i18n, site, store

SQL_WITH_TABLES = (config.QUERIES_DIR / "_models" / "macros.sql", config.QUERIES_DIR / "_models" / "derived.sql")


@dataclass(frozen=True)
class Part:
    """One dated (or undated) part of a dataset."""
    dataset: str
    kind: str                                 # documents | upload | sample | reference
    when: dt.datetime | None = None           # for sorting; None: no date (sample, reference)
    precision: str = "time"                   # year | day | time
    files: tuple[str, ...] = ()               # documents: the newest cited documents
    version: store.Version | None = None      # upload: the store's current version
    other: str = ""                           # reference: the source as written (data/geo/SOURCE.md)


# --- what a page reads ---------------------------------------------------------------------------------------

_FROM = re.compile(r"\b(?:from|join)\s+\"?([a-z_][a-z0-9_]*)\"?", re.I)
_CREATE = re.compile(r"create\s+or\s+replace\s+(?:table|macro)\s+([a-z_][a-z0-9_]*)", re.I)
_RUN = re.compile(r"queries\.run(?:_filtered)?\(\s*[\"']([a-z_/]+)[\"']")


@lru_cache(maxsize=1)
def _defined() -> dict[str, str]:
    """Macros and derived tables by name, each with its SQL body (up to the next definition)."""
    out = {}
    for path in SQL_WITH_TABLES:
        text = path.read_text(encoding="utf-8")
        starts = list(_CREATE.finditer(text))
        for i, match in enumerate(starts):
            out[match[1].lower()] = text[match.end(): starts[i + 1].start() if i + 1 < len(starts) else len(text)]
    return out


def datasets_read(sql: str, _seen: frozenset = frozenset()) -> set[str]:
    """The datasets an SQL text reads, through the macros and derived tables it uses."""
    found = set()
    for name in (m.lower() for m in _FROM.findall(sql)):
        if name in datasets.BY_NAME:
            found.add(name)
        elif name in _defined() and name not in _seen:
            found |= datasets_read(_defined()[name], _seen | {name})
    return found


_FACTS_ONLY = re.compile(r"data_origin\s*=\s*'facts'", re.I)


def page_queries(page: str) -> list[str]:
    """The queries a page's file runs by name (`queries.run*("name")`)."""
    return _RUN.findall((config.ROOT / site.get(page).path).read_text(encoding="utf-8"))


def page_reads(page: str) -> dict[str, bool]:
    """The datasets a page shows, each with whether the page shows only its real rows (a query that reads it
    `where data_origin = 'facts'`, as the overview's 2018 reach does). The Sources page describes every dataset;
    the Data page every uploadable one."""
    if page == "sources":
        return {ds.name: False for ds in datasets.DATASETS}
    if page == "data":
        return {ds.name: False for ds in datasets.DATASETS if ds.uploadable}
    from healthtech import queries

    found: dict[str, bool] = {}
    for name in page_queries(page):
        sql = queries.load(name).sql
        facts_only = _FACTS_ONLY.search(sql) is not None
        for ds in datasets_read(sql):
            found[ds] = found.get(ds, True) and facts_only
    return {ds.name: found[ds.name] for ds in datasets.DATASETS if ds.name in found}


def page_datasets(page: str) -> tuple[str, ...]:
    return tuple(page_reads(page))


# --- per dataset -----------------------------------------------------------------------------------------

def _published(value) -> tuple[dt.datetime | None, str]:
    text = "" if formatting.missing(value) else str(value)
    if re.fullmatch(r"\d{4}", text):
        return dt.datetime(int(text), 1, 1), "year"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.datetime.fromisoformat(text), "day"
    return None, "year"


def _cited_sources() -> dict[str, str]:
    from healthtech import queries

    rows = queries.run("sources/dataset_rows")
    return {r.dataset: r.sources for r in rows.itertuples() if not formatting.missing(r.sources)}


def dataset_parts(name: str) -> list[Part]:
    """A dataset's parts as served now: documents (with their date), the upload, sample rows (computed once per
    data version: the Sources page and every page's stamp ask for them)."""
    return list(_dataset_parts(name, db.served_version()))


@lru_cache(maxsize=128)
def _dataset_parts(name: str, version: str) -> tuple[Part, ...]:
    paths = db.dataset_files()[name]
    parts: list[Part] = []
    facts = [p for p in paths if not datasets.is_sample_path(p) and not p.is_relative_to(config.STORE_DIR)]
    if facts:
        cited, other = documents.parse(_cited_sources().get(name))
        registry = documents.registry()
        dated = [(f, *_published(registry.at[c.file, "published"])) for c in cited
                 if (f := c.file) in registry.index]
        dated = [d for d in dated if d[1] is not None]
        if dated:
            newest = max(d[1] for d in dated)
            files = tuple(sorted({f for f, when, _ in dated if when == newest}))
            precision = "day" if any(p == "day" for f, when, p in dated if when == newest) else "year"
            parts.append(Part(name, "documents", newest, precision, files=files))
        else:
            parts.append(Part(name, "reference", other=next((o for o in other if "upload" not in o), "")))
    if any(p.is_relative_to(config.STORE_DIR) for p in paths):
        version = store.current(name)
        when = dt.datetime.fromisoformat(version.when) if version else None
        parts.append(Part(name, "upload", when.astimezone().replace(tzinfo=None) if when else None,
                          version=version))
    if any(datasets.is_sample_path(p) for p in paths):
        parts.append(Part(name, "sample"))
    return tuple(parts)


@dataclass(frozen=True)
class Stamp:
    newest: Part | None           # the newest dated part, None when nothing on the page has a date
    parts: tuple[Part, ...]       # every part of every dataset on the page

    @property
    def sample_datasets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.dataset for p in self.parts if p.kind == "sample"))

    @property
    def uploads(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == "upload")


def stamp(reads) -> Stamp:
    """The stamp over datasets: a list of names, or {name: facts_only} as `page_reads` gives."""
    reads = reads if isinstance(reads, dict) else dict.fromkeys(reads, False)
    parts = tuple(p for name, facts_only in reads.items() for p in dataset_parts(name)
                  if not (facts_only and p.kind in ("upload", "sample")))
    dated = [p for p in parts if p.when is not None]
    if not dated:
        return Stamp(None, parts)
    newest = max(p.when for p in dated)
    # Among parts of the same date, an upload names itself; several documents of that date are named together.
    at_newest = [p for p in dated if p.when == newest]
    chosen = next((p for p in at_newest if p.kind == "upload"), None)
    if chosen is None:
        files = tuple(sorted({f for p in at_newest for f in p.files}))
        chosen = Part("", "documents", newest, at_newest[0].precision, files=files)
    return Stamp(chosen, parts)


def page_stamp(page: str) -> Stamp:
    """The page's stamp, computed once per data version (every page run draws it)."""
    return _page_stamp(page, db.served_version())


@lru_cache(maxsize=64)
def _page_stamp(page: str, version: str) -> Stamp:
    return stamp(page_reads(page))


# --- as text ---------------------------------------------------------------------------------------------

def _when(part: Part, lang: str) -> str:
    if part.precision == "year":
        return str(part.when.year)
    if part.precision == "day":
        return formatting.date(part.when, lang)
    return formatting.timestamp(part.when, lang)


def _kinds(files, lang: str) -> str:
    """"Ansøgning og pressemeddelelse": the kinds of the documents, the application first."""
    registry = documents.registry()
    order = {"application": 0, "press_release": 1}
    codes = sorted({registry.at[f, "kind"] for f in files if f in registry.index}, key=lambda k: (order.get(k, 9), k))
    kinds = [i18n.label("kind", k, lang) for k in codes]
    if not kinds:
        return ""
    text = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} {i18n.t('filters.and', lang)} {kinds[-1]}"
    return text[0] + text[1:].lower()


def upload_text(version: store.Version, lang: str) -> str:
    """"reach_dec.xlsx, version 3, uploadet af Mette 1. dec. 2026 kl. 05.10"."""
    when = dt.datetime.fromisoformat(version.when).astimezone().replace(tzinfo=None)
    return i18n.t("data_as_of.upload", lang, file=version.original_name or "–", version=version.version,
                  who=version.who or "–", when=formatting.timestamp(when, lang))


def part_text(part: Part, lang: str) -> str:
    """One part as a reader reads it: "Ansøgning, 2018", "reach.xlsx, version 3, …", "eksempeldata"."""
    if part.kind == "documents":
        return f"{_kinds(part.files, lang)}, {_when(part, lang)}"
    if part.kind == "upload" and part.version is not None:
        return upload_text(part.version, lang)
    if part.kind == "sample":
        return i18n.t("data_as_of.sample_data", lang)
    return documents.other_source(part.other, lang) if part.other else "–"


def summary(st_: Stamp, lang: str) -> str:
    """"2018 (ansøgning og pressemeddelelse) · eksempeldata uden dato: Virksomheder" (the pack's cover line)."""
    label = {ds.name: ds.label(lang) for ds in datasets.DATASETS}
    sample = ", ".join(label[d] for d in st_.sample_datasets)
    if st_.newest is None:
        return i18n.t("data_as_of.only_sample", lang, datasets=sample or "–")
    if st_.newest.kind == "upload":
        which = f"{label[st_.newest.dataset]}: {part_text(st_.newest, lang)}"
    else:
        which = _kinds(st_.newest.files, lang).lower()
    text = f"{_when(st_.newest, lang)} ({which})"
    return f"{text} · {i18n.t('data_as_of.sample', lang, datasets=sample)}" if sample else text


def caption(st_: Stamp, lang: str) -> str:
    """The page stamp: "Data pr. 2018 (ansøgning og pressemeddelelse) · eksempeldata uden dato: Virksomheder"."""
    return i18n.t("data_as_of" if st_.newest is not None else "data_as_of.none", lang, summary=summary(st_, lang))


def merged_reads(pages) -> dict[str, bool]:
    """The datasets several pages show (the pack): real rows only where every page shows only those."""
    out: dict[str, bool] = {}
    for page in pages:
        for name, facts_only in page_reads(page).items():
            out[name] = out.get(name, True) and facts_only
    return out


def details(st_: Stamp, lang: str) -> str:
    """Every dataset on the page and its parts, one line each (the stamp's tooltip)."""
    label = {ds.name: ds.label(lang) for ds in datasets.DATASETS}
    lines = {}
    for part in st_.parts:
        lines.setdefault(part.dataset, []).append(part_text(part, lang))
    body = "\n".join(f"- {label[d]}: {'; '.join(texts)}" for d, texts in lines.items())
    return f"{i18n.t('data_as_of.help', lang)}\n\n{body}"


def newest_dated(st_: Stamp) -> dt.datetime | None:
    return st_.newest.when if st_.newest else None


def frame(st_: Stamp, lang: str) -> pd.DataFrame:
    """The parts as a table (the pack's workbook)."""
    label = {ds.name: ds.label(lang) for ds in datasets.DATASETS}
    return pd.DataFrame({"dataset": [label[p.dataset] for p in st_.parts],
                         "data_as_of": [part_text(p, lang) for p in st_.parts]})
