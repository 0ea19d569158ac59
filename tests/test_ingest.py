"""Uploads: the catalogue of bad and awkward files in tests/data/ingest/, each with its exact outcome.

`expected.toml` names each file's dataset and either the normalized rows it reads into (as the CSV that
`python -m healthtech validate --normalized` prints) or every problem as (row, column, code); notices the
same way. The CLI, the messages, a fuzz loop and a 100,000-row Danish file are checked on top.
"""

from __future__ import annotations

import functools
import io
import random
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from healthtech import __main__ as cli
from healthtech import config, datasets, i18n, ingest, sandbox

HERE = Path(__file__).parent / "data" / "ingest"
CATALOGUE: dict[str, dict] = tomllib.loads((HERE / "expected.toml").read_text(encoding="utf-8"))
NOT_FIXTURES = {"expected.toml", "make_xlsx.py", ".gitattributes"}
ACCEPTED = sorted(name for name, case in CATALOGUE.items() if "csv" in case)
REJECTED = sorted(name for name, case in CATALOGUE.items() if "csv" not in case)
# Codes no catalogue file can show: a 10 MB upload (tested below), a whole number outside a count (every
# integer column of an uploadable dataset is a count or a code), and what hostile workbooks and a child killed
# at its limits give (tests/test_hostile_uploads.py makes those files itself: they would bloat the catalogue).
CODES_NOT_IN_CATALOGUE = {"too_large", "not_an_integer", "too_many_rows", "zip_members", "zip_member_too_large",
                          "zip_total_too_large", "zip_ratio", "parse_memory", "parse_time", "parse_failed"}


@functools.cache
def read(name: str) -> ingest.Result:
    """A catalogue file as read for its dataset: read once per test process (several tests walk the whole
    catalogue); a test only reads the result."""
    return ingest.read_bytes((HERE / name).read_bytes(), name, CATALOGUE[name]["dataset"])


def triples(problems: list[ingest.Problem]) -> list[tuple[int, str, str]]:
    return sorted((p.row, p.column, p.code) for p in problems)


def expected_triples(entries: list[list]) -> list[tuple[int, str, str]]:
    return sorted((row, column, code) for row, column, code in entries)


def normalized(result: ingest.Result) -> str:
    out = io.StringIO()
    ingest.write_normalized(result.frame, out)
    return out.getvalue()


def shown_column(column: str) -> str:
    """The column as a `FILE:ROW:COLUMN:` line shows it: "-" for none, a line break in a header as a space."""
    return " ".join((column or "-").split())


def ingest_codes() -> set[str]:
    return {key.removeprefix("ingest.") for key in i18n.TEXTS if key.startswith("ingest.")}


# --- the catalogue --------------------------------------------------------------------------------------

def test_the_catalogue_lists_every_file_in_the_folder_and_is_large_enough():
    files = {p.name for p in HERE.iterdir() if p.is_file()} - NOT_FIXTURES
    assert files == set(CATALOGUE)
    assert len(CATALOGUE) >= 45
    assert {case["dataset"] for case in CATALOGUE.values()} == set(ingest.UPLOADABLE)
    for name, case in CATALOGUE.items():
        assert case["case"], name
        assert ("csv" in case) != bool(case["problems"]), f"{name}: either rows or problems"


def test_every_dataset_has_accepted_csv_and_xlsx_files():
    for dataset in ingest.UPLOADABLE:
        accepted = {Path(n).suffix for n in ACCEPTED if CATALOGUE[n]["dataset"] == dataset}
        assert {".csv", ".xlsx"} <= accepted, dataset


def test_the_catalogue_shows_every_problem_code():
    shown = {code for case in CATALOGUE.values() for _, _, code in case["problems"] + case["notices"]}
    assert shown | CODES_NOT_IN_CATALOGUE == ingest_codes()


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_file_reads_into_exactly_these_rows(name):
    case, result = CATALOGUE[name], read(name)
    assert triples(result.problems) == []
    assert result.ok
    assert normalized(result) == case["csv"]
    assert triples(result.notices) == expected_triples(case["notices"])
    assert {k: result.conventions.get(k) for k in case["conventions"]} == case["conventions"]
    assert list(result.frame.columns) == list(datasets.get(case["dataset"]).column_names)


@pytest.mark.parametrize("name", REJECTED)
def test_rejected_file_lists_exactly_these_problems(name):
    case, result = CATALOGUE[name], read(name)
    assert triples(result.problems) == expected_triples(case["problems"])
    assert triples(result.notices) == expected_triples(case["notices"])
    assert not result.ok
    assert result.frame is None  # nothing half-read can reach the store


def test_a_totals_row_never_doubles_a_sum():
    for name in ACCEPTED:
        case, result = CATALOGUE[name], read(name)
        if any(code == "totals_row" for _, _, code in case["notices"]):
            frame = result.frame
            assert not frame.isin(["I alt", "Total"]).any().any(), name
    reach = read("reach_totals_row.csv").frame
    assert reach["count"].sum() == 2000  # not 4000: the `I alt;;2.000;` row is left out


def test_a_larger_than_10_mb_file_is_refused_before_it_is_read():
    result = ingest.read_bytes(b"organisation;channel;count;as_of\n" + b" " * ingest.MAX_BYTES, "big.csv", "reach")
    assert triples(result.problems) == [(1, "", "too_large")]


def test_the_same_file_reads_the_same_through_read_path():
    for name in ("reach_da_excel.csv", "spending.xlsx", "reach_bad_counts.csv"):
        by_path = ingest.read_path(HERE / name, CATALOGUE[name]["dataset"], name=name)
        assert triples(by_path.problems) == triples(read(name).problems)
        assert by_path.ok == read(name).ok


# --- messages -------------------------------------------------------------------------------------------

def test_every_problem_and_notice_has_a_danish_and_an_english_message():
    for name in CATALOGUE:
        result = read(name)
        for p in result.problems + result.notices:
            for lang in ("da", "en"):
                text = p.message(lang)
                assert text and not re.search(r"\{[a-z_]+\}", text), (name, p, lang)
                assert p.line(lang).startswith(f"{name}:{p.row}:{shown_column(p.column)}: ")
                assert "\n" not in p.line(lang) and "\r" not in p.line(lang)
    assert ingest.Problem("f.csv", 1, "", "too_large", (("limit_mb", 10),)).message("da") == \
        "Filen er for stor (højst 10 MB)."


def test_messages_name_what_the_user_wrote():
    problems = {(p.row, p.column): p for p in read("companies_bad.csv").problems}
    assert problems[2, "Region"].message("en") == "Aalborg lies in Region Nordjylland, not in region 1084."
    assert problems[3, "Kommune"].message("da") == 'Ukendt kommune "Atlantis".'
    negative = read("reach_header_line_break.csv").problems
    assert [p.line("da") for p in negative if p.code == "negative_count"] == [
        'reach_header_line_break.csv:3:Antal modtagere/følgere: "-12": et antal kan ikke være negativt.']


def test_every_ingest_text_names_only_what_its_problem_carries():
    # The placeholders of each text, against the detail the problems of that code carry in the catalogue.
    carried: dict[str, set[str]] = {}
    for name in CATALOGUE:
        result = read(name)
        for p in result.problems + result.notices:
            carried.setdefault(p.code, set()).update(k for k, _ in p.detail)
    for code, keys in carried.items():
        for text in i18n.TEXTS[f"ingest.{code}"]:
            assert set(re.findall(r"\{([a-z_]+)\}", text)) <= keys, code


# --- the command line -----------------------------------------------------------------------------------

def store_files() -> list[str]:
    return sorted(str(p) for p in Path(config.STORE_DIR).rglob("*")) if Path(config.STORE_DIR).exists() else []


@pytest.mark.parametrize("lang", ["en", "da"])
def test_validate_on_every_catalogue_file_exits_0_or_1_with_file_row_column_lines(capsys, monkeypatch, lang):
    """The CLI's report for every file of the catalogue. The reader runs in this process: the child process the CLI
    normally reads in gives the same result (test_the_child_reads_what_the_reader_reads) and is exercised end to
    end by test_validate_in_a_subprocess; a fresh interpreter per file would make this test cost minutes."""
    monkeypatch.setattr(sandbox, "read_bytes", ingest.read_bytes)
    before = store_files()
    for name, case in CATALOGUE.items():
        path = HERE / name
        code = cli.main(["validate", str(path), "--as", case["dataset"], "--normalized", "--lang", lang])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, name
        expected = expected_triples(case["problems"]) + expected_triples(case["notices"])
        lines = err.splitlines()
        assert len(lines) == len(expected), (name, err)
        for row, column, _ in expected:
            prefix = f"{path}:{row}:{shown_column(column)}: "
            assert any(line.startswith(prefix) for line in lines), (name, row, column)
        if "csv" in case:
            assert (code, out) == (0, case["csv"]), name
        else:
            assert (code, out) == (1, ""), name
    assert store_files() == before  # validating never touches the data that is served


@pytest.mark.slow
@pytest.mark.parametrize("name", ["reach_da_excel.csv", "spending.xlsx", "reach_bad_counts.csv", "reach_is_xlsx.csv",
                                  "reach_mojibake.csv", "reach_unclosed_quote.csv", "activities_damaged.xlsx"])
def test_validate_in_a_subprocess(name):
    case = CATALOGUE[name]
    run = subprocess.run([sys.executable, "-m", "healthtech", "validate", str(HERE / name), "--as", case["dataset"]],
                         cwd=config.ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == (0 if "csv" in case else 1)
    pattern = re.compile(rf"^{re.escape(str(HERE / name))}:\d+:[^:]+: \S")
    problem_lines = [line for line in run.stderr.splitlines() if line]
    assert len(problem_lines) == len(case["problems"]) + len(case["notices"])
    assert all(pattern.match(line) for line in problem_lines), run.stderr


# --- never a traceback ----------------------------------------------------------------------------------

def _mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:  # flip a byte
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind == 1:  # insert a character a CSV reader cares about
            data[at:at] = rng.choice([b";", b",", b"\t", b'"', b"\r\n", b"\n", b"\r", b"\x00", b"\xff", b"#N/A",
                                      b"1.234,5", b"1,234.5", b"-1", b"I alt", b"NaN", b"\xc3\x83\xc2\xb8"])
        elif kind == 2:  # cut
            del data[at:]
        elif kind == 3 and data:  # repeat a slice (duplicate rows, columns)
            end = min(len(data), at + rng.randint(1, 80))
            data[at:at] = data[at:end]
        elif kind == 4:  # drop a slice
            del data[at:at + rng.randint(1, 20)]
        else:  # swap in a neighbour's bytes
            other = rng.randrange(len(data) + 1)
            data[at:at] = data[other:other + rng.randint(1, 10)]
    return bytes(data)


def _check_result(result: ingest.Result, dataset: str) -> None:
    assert result.ok == (result.frame is not None and not result.problems)
    if result.frame is not None:
        assert list(result.frame.columns) == list(datasets.get(dataset).column_names)
    for p in result.problems + result.notices:
        assert p.row >= 1
        p.message("da"), p.message("en")


def test_fuzz_random_bytes_and_mutated_files_never_raise():
    rng = random.Random(0)  # noqa: S311 - a seeded fuzz loop, not cryptography
    valid = list(ACCEPTED)
    extensions = [".csv", ".xlsx", ".txt", ".tsv", ".xlsm"]
    for i in range(300):
        if i % 3 == 0:  # random bytes, random name
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
            name, dataset = f"random{rng.choice(extensions)}", rng.choice(ingest.UPLOADABLE)
        else:  # a valid file, mutated; sometimes read as another dataset
            source = rng.choice(valid)
            data = _mutate(rng, (HERE / source).read_bytes())
            name = source
            dataset = CATALOGUE[source]["dataset"] if rng.random() < 0.8 else rng.choice(ingest.UPLOADABLE)
        result = ingest.read_bytes(data, name, dataset)  # must not raise
        _check_result(result, dataset)


def test_every_catalogue_file_read_as_every_dataset_never_raises():
    for name in CATALOGUE:
        for dataset in ingest.UPLOADABLE:
            _check_result(ingest.read_bytes((HERE / name).read_bytes(), name, dataset), dataset)


# --- size -----------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_100000_row_danish_reach_csv_is_read_correctly(capsys):
    organisations = ["LSI", "MTIC", "Welfare Tech", "CHC", "MTI", "ISV"]
    channels = ["Nyhedsbrev", "LinkedIn-gruppe", "LinkedIn-side", "Twitter"]
    lines = ["Organisation;Kanal;Antal modtagere/følgere;Dato"]
    for i in range(100_000):
        day = i // 24  # 24 (organisation, channel) pairs per day: every key once
        date = f"{1 + day % 28:02d}-{1 + day // 28 % 12:02d}-{2019 + day // 336}"
        count = f"{1000 + i % 5000:,}".replace(",", ".")  # 1.000 … 5.999: thousands dots
        lines.append(f"{organisations[i % 6]};{channels[i // 6 % 4]};{count};{date}")
    lines.append("I alt;;349.950.000;")
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")

    start = time.perf_counter()
    result = ingest.read_bytes(data, "reach_100000.csv", "reach")
    elapsed = time.perf_counter() - start

    assert result.problems == []
    assert len(result.frame) == 100_000
    assert result.frame["count"].sum() == 100_000 * 1000 + 20 * sum(range(5000)) == 349_950_000
    assert triples(result.notices) == [(100_002, "", "totals_row")]
    assert result.conventions == {"format": "csv", "encoding": "cp1252", "delimiter": ";", "numbers": "da"}
    with capsys.disabled():
        print(f"\n100,000-row Danish reach CSV ({len(data) / 1e6:.1f} MB): read and validated in {elapsed:.2f} s")


def test_a_row_with_the_key_of_a_document_figure_is_named_with_that_figure_not_hidden_silently():
    data = "Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;1800;30-06-2020\r\nWT;Nyhedsbrev;1900;01-01-2018\r\n"
    result = ingest.read_bytes(data.encode("cp1252"), "rettelse.csv", "reach")
    assert result.ok and len(result.frame) == 2  # stored all the same
    (notice,) = [n for n in result.notices if n.code == "document_figure"]
    assert notice.line("da") == (
        "rettelse.csv:3:-: Samme nøgle som et tal fra dokumenterne (Welfare Tech · Nyhedsbreve · 1. jan. 2018: "
        "1.700; kilde Ansøgningen, afsnit 4). Dokumentets tal vises; rækken gemmes, men vises ikke.")
    assert "(Welfare Tech · Newsletters · 1 Jan 2018: 1,700; source The application, section 4)" in notice.line("en")
