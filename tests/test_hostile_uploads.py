"""Uploads that cannot exhaust the server: hostile workbooks made here, each refused with a `FILE:ROW:COLUMN`
message, with the peak memory of the parent (the process that calls the reader, as the server does) and of the
child that parses (healthtech/sandbox.py) measured by `resource` and asserted under 300 MB.

Each file is read by a fresh parent process (so the parent's peak is its own, not pytest's), which prints what it
measured; the test prints the times (no assertion on time beyond a generous timeout: speed lives in benchmarks).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from healthtech import config, ingest, sandbox, zipcheck
from healthtech.ingest import read as ingest_read

PEAK_MB = 300
TIMEOUT_S = 180

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{shared}</Types>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook '
             'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                  'Target="worksheets/sheet1.xml"/>{shared}</Relationships>')
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/>')
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
               b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_HEADER_ROW = b"<row>" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % h
                                  for h in (b"Organisation", b"Kanal", b"Antal", b"Dato")) + b"</row>"


def workbook(path: Path, rows, shared=None, extra: dict | None = None) -> Path:
    """A minimal .xlsx written member by member in chunks (no <dimension>: openpyxl cannot know its size), so
    that making a 400 MB member costs this test no memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else ""))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else ""))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(_SHEET_HEAD)
            for chunk in rows:
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
        if shared:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                for chunk in shared:
                    f.write(chunk)
        for name, chunks in (extra or {}).items():
            with z.open(name, "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk)
    return path


def million_rows(n: int):
    """A header, then n rows of one cell each, in blocks."""
    yield _HEADER_ROW
    block = b"<row><c><v>1</v></c></row>" * 10_000
    for _ in range(n // 10_000):
        yield block


def varied_rows(n: int, seed: int = 7):
    """A header, then n rows of a random nine-digit count: compresses like real data (ratio about 3)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    yield _HEADER_ROW
    for start in range(0, n, 10_000):
        yield b"".join(b"<row><c><v>%d</v></c></row>" % rng.randrange(10**8, 10**9)
                       for _ in range(min(10_000, n - start)))


def one_huge_string(mb: int):
    yield (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main" count="1" uniqueCount="1"><si><t>')
    chunk = b"a" * (1024 * 1024)
    for _ in range(mb):
        yield chunk
    yield b"</t></si></sst>"


def zeros(mb: int):
    chunk = bytes(1024 * 1024)
    for _ in range(mb):
        yield chunk


PARENT = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from healthtech import sandbox
    path, dataset, memory_mb, cpu_s = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    def peak_mb():
        # VmHWM belongs to this process's own address space; ru_maxrss would carry over the RSS of the process
        # that forked us (pytest, hundreds of MB late in a full run) across exec.
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.monotonic()
    result, usage = sandbox.run(path.read_bytes(), path.name, dataset, memory_mb=memory_mb, cpu_seconds=cpu_s)
    print(json.dumps({
        "ok": result.ok, "lines": [p.line("en") for p in result.problems], "codes": [p.code for p in result.problems],
        "seconds": time.monotonic() - started, "parent_mb": peak_mb(),
        "child_mb": usage.peak_mb, "child_cpu": usage.cpu_s, "exit": usage.exit, "size": path.stat().st_size,
    }))
""")


def refuse(path: Path, dataset: str = "reach", memory_mb: int = sandbox.MEMORY_MB,
           cpu_seconds: int = sandbox.CPU_SECONDS) -> dict:
    done = subprocess.run([sys.executable, "-c", PARENT, str(path), dataset, str(memory_mb), str(cpu_seconds)],
                          capture_output=True, text=True, timeout=TIMEOUT_S, cwd=config.ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n{path.name}: {measured['size'] / 1e6:.2f} MB file, refused in {measured['seconds']:.1f} s "
          f"({measured['codes']}); peak memory parent {measured['parent_mb']:.0f} MB, child "
          f"{measured['child_mb']:.0f} MB, child CPU {measured['child_cpu']:.1f} s")
    assert not measured["ok"]
    for line in measured["lines"]:
        assert line.startswith(f"{path.name}:"), line
        _, row, column, message = line.split(":", 3)
        assert row.isdigit() and column and message.strip(), line
    assert measured["parent_mb"] < PEAK_MB and measured["child_mb"] < PEAK_MB, measured
    return measured


@pytest.mark.slow
def test_a_workbook_without_dimension_and_three_million_rows_is_refused_before_it_is_parsed(tmp_path):
    path = workbook(tmp_path / "three_million_rows.xlsx", million_rows(3_000_000))
    assert path.stat().st_size < 1024 * 1024
    measured = refuse(path)
    assert measured["codes"] == ["zip_ratio"]
    assert measured["lines"][0].startswith("three_million_rows.xlsx:1:-: The part xl/worksheets/sheet1.xml unpacks")


@pytest.mark.slow
def test_one_shared_string_of_400_mb_is_refused_before_it_is_parsed(tmp_path):
    path = workbook(tmp_path / "huge_string.xlsx", million_rows(10_000), shared=one_huge_string(400))
    assert path.stat().st_size < 2 * 1024 * 1024
    measured = refuse(path)
    assert measured["codes"] == ["zip_member_too_large"]
    assert measured["lines"] == ["huge_string.xlsx:1:-: The part xl/sharedStrings.xml is 400 MB unpacked "
                                 "(at most 128 MB)."]


@pytest.mark.slow
def test_a_zip_bomb_member_is_refused_by_its_ratio(tmp_path):
    path = workbook(tmp_path / "bomb.xlsx", million_rows(10_000), extra={"xl/media/image1.png": zeros(100)})
    measured = refuse(path)
    assert measured["codes"] == ["zip_ratio"]
    assert "xl/media/image1.png unpacks" in measured["lines"][0] and "(at most 100)" in measured["lines"][0]


@pytest.mark.slow
def test_rows_are_counted_while_streaming_and_the_reader_stops_at_the_limit(tmp_path):
    """Real-looking data (ratio about 3) passes the zip checks; the row counter stops it, whatever the sheet
    declares (here: nothing)."""
    path = workbook(tmp_path / "many_rows.xlsx", varied_rows(ingest_read.MAX_ROWS + 10_000))
    assert zipcheck.check(path.read_bytes()) is None
    measured = refuse(path)
    limit = ingest_read.MAX_ROWS
    assert measured["lines"] == [f"many_rows.xlsx:{limit + 1}:-: The file has more than {limit} rows – more than "
                                 f"a data export can be: reading stopped here."]


def test_a_csv_is_counted_too(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_read, "MAX_ROWS", 1000)
    data = ("Organisation;Kanal;Antal;Dato\r\n" + "WT;Nyhedsbrev;1;30-06-2020\r\n" * 5000).encode()
    result = ingest.read_bytes(data, "long.csv", "reach")
    assert [p.line() for p in result.problems] == [
        "long.csv:1001:-: The file has more than 1000 rows – more than a data export can be: reading stopped here."]


@pytest.mark.slow
def test_a_child_over_its_cpu_limit_is_killed_and_the_file_refused(tmp_path):
    path = workbook(tmp_path / "slow.xlsx", varied_rows(150_000))
    measured = refuse(path, cpu_seconds=1)
    assert measured["codes"] == ["parse_time"] and measured["exit"] != 0
    assert measured["lines"] == ["slow.xlsx:1:-: Reading the file took more than 1 seconds of CPU time and was "
                                 "stopped."]


@pytest.mark.slow
def test_a_child_over_its_memory_limit_is_reported_as_a_refused_file(tmp_path):
    data = ("Organisation;Kanal;Antal;Dato\r\n" + "WT;Nyhedsbrev;1;30-06-2020\r\n" * 150_000).encode()
    result, usage = sandbox.run(data, "tight.csv", "reach", memory_mb=360)
    print(f"\nmemory limit 360 MB: {[p.line() for p in result.problems]}, child peak {usage.peak_mb:.0f} MB")
    assert not result.ok and result.frame is None
    assert [p.code for p in result.problems] in (["parse_memory"], ["parse_failed"])
    assert result.problems[0].line().startswith("tight.csv:1:-: ")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["reach_da.xlsx", "reach_da_excel.csv", "companies.xlsx", "reach_bad_counts.csv"])
def test_the_child_reads_what_the_reader_reads(name):
    catalogue = Path(__file__).parent / "data" / "ingest"
    dataset = name.split("_")[0] if not name.startswith("companies") else "companies"
    data = (catalogue / name).read_bytes()
    here, there = ingest.read_bytes(data, name, dataset), sandbox.read_bytes(data, name, dataset)
    assert here.problems == there.problems and here.notices == there.notices
    assert here.conventions == there.conventions
    if here.ok:
        assert there.frame.equals(here.frame) and (there.frame.dtypes == here.frame.dtypes).all()


@pytest.mark.slow
def test_a_member_that_lies_about_its_size_cannot_inflate_past_it(tmp_path):
    """zipcheck trusts the sizes in the zip directory because Python's zipfile stops a member at its declared
    size (and then fails the CRC check): a sheet of 300,000 rows that claims 1,000 bytes is refused as damaged."""
    path = workbook(tmp_path / "liar.xlsx", million_rows(300_000))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name.decode())
        assert info.file_size > 7_000_000
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                if data[start + size_at:start + size_at + 4] == b"\xff\xff\xff\xff":  # zip64: sizes in the extra
                    extra_at = name_at + len(name)
                    data[extra_at + 4:extra_at + 12] = (1000).to_bytes(8, "little")
                else:
                    data[start + size_at:start + size_at + 4] = (1000).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(name.decode()).file_size == 1000
    assert zipcheck.check(bytes(data)) is None  # the directory looks harmless …
    measured = refuse(path)
    assert measured["codes"] == ["not_xlsx"]  # … and reading stops at the declared size
    assert measured["child_mb"] < 200


@pytest.mark.slow
def test_the_child_reports_its_own_peak_not_the_large_parent_it_was_started_from():
    """A server holding 800 MB starts the child; the child's peak is its own (VmHWM), not the server's RSS that
    ru_maxrss can carry across exec."""
    ballast = bytearray(800 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page: resident, not just mapped
    data = b"Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;1;30-06-2020\r\n"
    result, usage = sandbox.run(data, "small.csv", "reach")
    del ballast
    print(f"\nchild peak {usage.peak_mb:.0f} MB beside an 800 MB parent")
    assert result.ok and 20 < usage.peak_mb < 500
