"""The source documents for people: who published what and when, short citations, readable text by section.

A `source` in `data/facts/*.csv` names a file and a section: `001_19bda5ed8e2036d5.txt §4` (a numbered section of
the application) or `000_350d397697d34dbe.txt Yderligere information` (a heading of a press release); several are
joined by `; `. Those file names are for maintainers. A reader sees a short citation from the document registry
(`data/facts/documents.csv`): "Ansøgningen, afsnit 4" / "The application, section 4", "Pressemeddelelse, 2018:
Yderligere information", each linking to the Sources page at that section (`?doc=<id>&section=<key>`).

The documents themselves are rendered as markdown that is safe to show: HTML tags in the text are converted
(`<sup>1</sup>` → ¹, `<b>` → bold) or dropped, never passed on as HTML; Streamlit's own markdown extensions
(`$…$` maths, `:red[…]`, `:material/…:`) are escaped; the press releases, which are plain text, are escaped
throughout and split into sections at their heading lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import pandas as pd

from healthtech import config, formatting

FILE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
_PART = re.compile(r"^(?P<file>\d{3}_[0-9a-f]{16}\.txt)(?: (?P<section>.+))?$")

# Sources that are not one of the documents, as a reader should read them (key: the `source` text).
OTHER_SOURCES = {
    "data/sources/README.md": ("Kildelisten", "The list of sources"),
    "data/geo/SOURCE.md": ("DAGI, Geodatastyrelsen & Danske Kommuner, 2014",
                           "DAGI, Geodatastyrelsen & Danske Kommuner, 2014"),
}


@dataclass(frozen=True)
class Section:
    key: str        # in a link: "4" for §4, a slug of the heading otherwise
    title: str      # as the document writes it
    body: str       # safe markdown


@dataclass(frozen=True)
class Cited:
    """One document cited by a `source`, with the sections cited in it (in order of first mention)."""
    file: str
    sections: tuple[str, ...]   # "§4", "Yderligere information"; empty: the whole document


# --- the registry ------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _registry(version: str) -> pd.DataFrame:
    from healthtech import queries  # queries imports streamlit; keep this module light for the pack and CLI

    return queries.run("sources/documents").set_index("file", drop=False)


def registry() -> pd.DataFrame:
    """The document registry (`queries/sources/documents.sql`), indexed by file name."""
    from healthtech import db

    return _registry(db.served_version())


def by_id(doc_id: str) -> pd.Series | None:
    docs = registry()
    match = docs[docs["id"] == doc_id]
    return match.iloc[0] if len(match) else None


def short_title(file: str, lang: str) -> str:
    docs = registry()
    if file not in docs.index:
        return file
    return str(docs.at[file, f"short_title_{lang}"])


def published(value, lang: str) -> str:
    """A document's date as it gives it: "2018", or "23. sep. 2020" / "23 Sep 2020"."""
    text = "" if formatting.missing(value) else str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return formatting.date(pd.Timestamp(text), lang)
    return text or "–"


# --- citations ---------------------------------------------------------------------------------------------

def parse(source) -> tuple[list[Cited], list[str]]:
    """The documents a `source` cites (grouped by file, the application first) and any other sources it names."""
    cited: dict[str, list[str]] = {}
    other: list[str] = []
    if formatting.missing(source):
        return [], []
    for part in str(source).split(";"):
        part = part.strip()
        if not part:
            continue
        match = _PART.match(part)
        if match is None:
            if part not in other:
                other.append(part)
            continue
        sections = cited.setdefault(match["file"], [])
        if match["section"] and match["section"] not in sections:
            sections.append(match["section"])
    docs = registry()
    first = sorted(cited, key=lambda f: (f not in docs.index or docs.at[f, "kind"] != "application", f))
    return [Cited(f, tuple(cited[f])) for f in first], other


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'og' if lang == 'da' else 'and'} {items[-1]}"


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """2, 3, 4, 6 → (2, 4), (6, 6)."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _numbered(numbers: list[int], lang: str, show=str) -> str:
    """"afsnit 2–4 og 6" / "sections 2–4 and 6"; `show` writes one number (a link, on screen)."""
    word = "afsnit" if lang == "da" else ("section" if len(numbers) == 1 else "sections")
    shown: list[str] = []
    for a, b in _runs(numbers):
        if a == b:
            shown.append(show(a))
        elif b == a + 1:
            shown += [show(a), show(b)]
        else:
            shown.append(f"{show(a)}–{show(b)}")
    return f"{word} {_join(shown, lang)}"


def _one(cited: Cited, lang: str, title: str | None = None, show_number=str, show_heading=None) -> str:
    """One document's citation: "Ansøgningen, afsnit 2–4", "Pressemeddelelse, 2018: Yderligere information".
    More than one heading of a press release: the document alone, so that a citation stays one line."""
    title = title if title is not None else short_title(cited.file, lang)
    numbers = [int(s[1:]) for s in cited.sections if re.fullmatch(r"§\d+", s)]
    headings = [s for s in cited.sections if not re.fullmatch(r"§\d+", s)]
    parts = [_numbered(numbers, lang, show_number)] if numbers else []
    if len(headings) == 1:
        parts.append(show_heading(headings[0]) if show_heading else headings[0])
    if not parts:
        return title
    return f"{title}{', ' if numbers else ': '}{'; '.join(parts)}"


def other_source(text: str, lang: str) -> str:
    """A non-document source as a reader reads it: "upload v3" → "upload, version 3"; known files by name."""
    if text in OTHER_SOURCES:
        return OTHER_SOURCES[text][0 if lang == "da" else 1]
    match = re.fullmatch(r"upload v(\d+)", text)
    if match:
        return f"{'upload, version' if lang == 'en' else 'upload, version'} {match[1]}"
    return text


def cite(source, lang: str) -> str:
    """The short citation of a `source`, one line, no file names: "Ansøgningen, afsnit 2 og 4 · Pressemeddelelse,
    2018: Yderligere information". Memoised per data version (tables cite row by row)."""
    from healthtech import db

    return _cite(None if formatting.missing(source) else str(source), lang, db.served_version())


@lru_cache(maxsize=4096)
def _cite(source: str | None, lang: str, version: str) -> str:
    cited, other = parse(source)
    return " · ".join([_one(c, lang) for c in cited] + [other_source(o, lang) for o in other]) or "–"


def cite_all(sources, lang: str) -> str:
    """One short citation for several `source` values (a section's rows)."""
    joined = "; ".join(str(s) for s in sources if not formatting.missing(s))
    return cite(joined, lang)


def link_params(file: str, section: str | None, lang: str) -> dict[str, str]:
    """The Sources page's URL parameters for a document's section: `doc`, `section`, and `lang` unless Danish.
    Never a reader's link token: that stays in the session (chrome.py)."""
    docs = registry()
    params = {"doc": str(docs.at[file, "id"])} if file in docs.index else {}
    if section and (found := find_section(file, section)) is not None:
        params["section"] = found.key
    if lang != "da":
        params["lang"] = lang
    return params


def link(file: str, section: str | None, lang: str) -> str:
    """The Sources page at a document's section, relative to the current page (works under a base path)."""
    return f"sources?{urlencode(link_params(file, section, lang))}"


def _linked_section(cited: Cited) -> str | None:
    """The section a document's citation opens: its first numbered section, or its one heading; none when the
    citation names the document alone (several headings)."""
    numbered = [s for s in cited.sections if re.fullmatch(r"§\d+", s)]
    headings = [s for s in cited.sections if s not in numbered]
    return numbered[0] if numbered else (headings[0] if len(headings) == 1 else None)


def cite_pieces(sources, lang: str) -> list[tuple[str, str | None, str | None]]:
    """The short citation in pieces, one per document: (text, file, the first cited section); other sources with
    file None. For a page that links each piece to the Sources page."""
    joined = "; ".join(str(s) for s in sources if not formatting.missing(s))
    cited, other = parse(joined)
    pieces = [(_one(c, lang), c.file, _linked_section(c)) for c in cited]
    return pieces + [(other_source(o, lang), None, None) for o in other]


def cite_markdown(sources, lang: str) -> str:
    """The short citation as markdown with links to the Sources page at each cited section (the document itself
    when no single section is named). Link texts are escaped; targets are built from the registry's ids and our
    own section keys."""
    joined = "; ".join(str(s) for s in sources if not formatting.missing(s))
    cited, other = parse(joined)
    pieces = []
    for c in cited:
        title = escape(short_title(c.file, lang))
        headings = [s for s in c.sections if not re.fullmatch(r"§\d+", s)]
        numbers = [s for s in c.sections if re.fullmatch(r"§\d+", s)]
        if not numbers and len(headings) != 1:
            title = f"[{title}]({link(c.file, None, lang)})"
        pieces.append(_one(c, lang, title,
                           show_number=lambda n, c=c: f"[{n}]({link(c.file, f'§{n}', lang)})",
                           show_heading=lambda h, c=c: f"[{escape(h)}]({link(c.file, h, lang)})"))
    pieces += [escape(other_source(o, lang)) for o in other]
    return " · ".join(pieces) or "–"


# --- the documents as text ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def escape(text) -> str:
    """Plain text inside markdown: every markdown (and Streamlit markdown) character is literal."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                                       .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "section"


def _markdown_safe(text: str) -> str:
    """A markdown document made safe to render: HTML converted or dropped, Streamlit extensions escaped."""
    text = re.sub(r"<sup>\s*(\d+)\s*</sup>", lambda m: m[1].translate(_SUPERSCRIPT), text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    text = re.sub(r"<b>\s*(.*?)\s*</b>", lambda m: f"**{m[1]}**" if m[1] else "", text)
    text = re.sub(r"<i>\s*(.*?)\s*</i>", lambda m: f"*{m[1]}*" if m[1] else "", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)       # autolinks: the address as text
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)             # any other tag: dropped
    text = text.replace("<", "&lt;").replace(">", "&gt;")     # what is left of angle brackets: literal
    text = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text)          # links to nowhere: their text
    text = text.replace("$", r"\$")
    text = re.sub(r":(?=[A-Za-z_/-]+[:\[])", r"\\:", text)   # :red[…], :material/x:, :smile:
    return _tables(text)


def _tables(text: str) -> str:
    """Tab-separated blocks (the reach table, the steering group) as markdown tables."""
    out, block = [], []

    def flush():
        if not block:
            return
        rows = [[cell.strip().replace("|", r"\|") for cell in line.split("\t")] for line in block]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        header = rows[0] if not any(ch.isdigit() for ch in "".join(rows[0])) else [" "] * width
        body = rows[1:] if header is rows[0] else rows
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + " --- |" * width)
        out.extend("| " + " | ".join(r) + " |" for r in body)
        out.append("")
        block.clear()

    for line in text.split("\n"):
        if "\t" in line:
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


def _is_markdown(text: str) -> bool:
    return re.search(r"^#{1,3} ", text, re.M) is not None


def _markdown_sections(text: str) -> list[Section]:
    """The application: a preamble, then its numbered sections `## N. Title`; inner headings become level 4."""
    starts = list(re.finditer(r"^## (\d+)\. (.+)$", text, re.M))
    sections = []
    preamble = text[: starts[0].start()] if starts else text
    title = re.search(r"^# (.+)$", preamble, re.M)
    if preamble.strip():
        body = re.sub(r"^# .+$", "", preamble, count=1, flags=re.M).strip().strip("-").strip()
        if body:
            sections.append(Section("0", title[1].strip() if title else "", _body(body)))
    for i, start in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[start.end(): end]
        sections.append(Section(start[1], f"{start[1]}. {start[2].strip()}", _body(body)))
    return sections


def _body(markdown: str) -> str:
    markdown = re.sub(r"^#{1,6} ", "#### ", markdown, flags=re.M)
    markdown = re.sub(r"^-{3,}\s*$", "", markdown, flags=re.M)
    return _markdown_safe(markdown.strip())


_NOT_A_HEADING = re.compile(r"[.:,;!?”\"]\s*$|^\s*[•·\-–*]|www\.|https?:|\t|@|\d{2} \d{2}")


def _plain_sections(text: str) -> list[Section]:
    """A press release in plain text: a heading is a short line of its own followed by a paragraph."""
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    lines = text.split("\n")
    sections: list[tuple[str, list[str]]] = [("", [])]
    for i, line in enumerate(lines):
        stripped = line.strip()
        following = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
        if (3 <= len(stripped) <= 80 and not _NOT_A_HEADING.search(stripped)
                and len(following) >= 100):
            sections.append((stripped, []))
        else:
            sections[-1][1].append(line)
    out = []
    seen: set[str] = set()
    for title, body in sections:
        if not title and not "".join(body).strip():
            continue
        key = slug(title) if title else "0"
        while key in seen:
            key += "-2"
        seen.add(key)
        out.append(Section(key, title, _plain_body(body)))
    return out


def _plain_body(lines: list[str]) -> str:
    paragraphs, current = [], []
    for line in [*lines, ""]:
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append("  \n".join(current))
                current = []
            continue
        bullet = re.match(r"^[•·]\s*(.*)$", stripped)
        current.append(f"- {escape(bullet[1])}" if bullet else escape(stripped))
    return "\n\n".join(paragraphs)


@lru_cache(maxsize=16)
def _sections(file: str, mtime_ns: int) -> tuple[Section, ...]:
    path = config.SOURCES_DIR / file
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return tuple(_markdown_sections(text) if _is_markdown(text) else _plain_sections(text))


def sections(file: str) -> list[Section]:
    """A document in sections, safe markdown; empty when the file is not in `data/sources/`."""
    path = {p.name: p for p in config.SOURCES_DIR.glob("*.txt")}.get(file)
    if path is None:
        return []
    return list(_sections(path.name, path.stat().st_mtime_ns))


def find_section(file: str, cited: str) -> Section | None:
    """The section a citation points at: `§4` → section 4; a heading → the section whose title starts with it."""
    found = sections(file)
    if cited.startswith("§"):
        return next((s for s in found if s.key == cited[1:]), None)
    wanted = cited.strip().casefold()
    return next((s for s in found if s.title.casefold().startswith(wanted)), None) or next(
        (s for s in found if s.key == cited), None)
