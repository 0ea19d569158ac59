"""The store: versions, the audit log, rollback, atomic writes under kill, one writer at a time."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from healthtech import config, db, ingest, queries, store

DANISH_REACH = "Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;9.876;30-11-2020\r\nMTI;Twitter;1.234;30.11.2020\r\n"


def _import(text: str = DANISH_REACH, name: str = "eksport.csv", who: str = "tester") -> store.Version:
    data = text.encode("cp1252")
    result = ingest.read_bytes(data, name, "reach")
    assert result.ok, [p.line() for p in result.problems]
    return store.import_frame("reach", result.frame, original=data, original_name=name, who=who)


def _served_reach() -> pd.DataFrame:
    return db.query("SELECT organisation, channel, count, as_of, source, data_origin FROM reach "
                    "WHERE as_of = DATE '2020-11-30' ORDER BY organisation, channel")


def test_an_import_is_a_version_with_its_audit_record_and_is_served(store_dir):
    before = db.data_version()
    version = _import()
    assert version.version == 1 and version.rows == 2 and version.who == "tester"
    record = store.records()[-1]
    assert record["event"] == "import" and record["original_name"] == "eksport.csv"
    assert record["sha256"] == hashlib.sha256(DANISH_REACH.encode("cp1252")).hexdigest()
    assert record["when"].endswith("+00:00")
    # The upload is kept under a generated name, never under the name the browser sent.
    kept = store_dir / record["upload"]
    assert kept.read_bytes() == DANISH_REACH.encode("cp1252") and "eksport" not in kept.name
    assert db.data_version() != before
    served = _served_reach()
    assert served[["organisation", "count", "source", "data_origin"]].values.tolist() == [
        ["MTI", 1234, "upload v1", "upload"], ["WT", 9876, "upload v1", "upload"]]


def test_an_upload_replaces_the_sample_rows_but_never_the_seed_figures(store_dir):
    _import("Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;6;30-11-2020\r\n")
    after = db.query("SELECT data_origin, count(*) AS n, sum(count) AS total FROM reach GROUP BY ALL")
    by_origin = after.set_index("data_origin")
    assert "sample" not in by_origin.index
    assert by_origin.at["facts", "total"] == 14069 and by_origin.at["upload", "n"] == 1


def test_a_2018_snapshot_is_pre_grant_history_and_the_2018_figures_stay_the_applications(store_dir):
    data = "Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;1.800;30-06-2018\r\n".encode("cp1252")
    result = ingest.read_bytes(data, "r.csv", "reach")
    assert result.ok and [(p.row, p.column, p.code) for p in result.notices] == [(2, "Dato", "pre_grant")]
    store.import_frame("reach", result.frame, original=data, original_name="r.csv", who="test")
    # Even a stored row dated in 2018 is never counted as a seed figure; a row with a seed row's key gives way.
    frame = pd.DataFrame({"organisation": ["WT"], "channel": ["newsletter"], "count": [9999],
                          "as_of": [pd.Timestamp("2018-01-01").date()], "source": [None]})
    store.import_frame("reach", pd.concat([result.frame, frame]), original=data, original_name="r.csv", who="test")
    assert queries.run("overview/headline_figures").at[0, "reach_2018"] == 14069
    assert queries.run("overview/reach_2018_by_channel")["count"].sum() == 14069


def test_rollback_serves_an_earlier_version_or_the_embedded_data_and_history_only_grows(store_dir):
    _import()
    _import(DANISH_REACH.replace("9.876", "1.111"))
    assert _served_reach()["count"].tolist() == [1234, 1111]
    back = store.rollback("reach", 1, who="tester")
    assert back.version == 3 and back.rolled_back_to == 1 and back.file == "reach/v000001.parquet"
    assert _served_reach()["count"].tolist() == [1234, 9876]
    store.rollback("reach", 0, who="tester")
    assert set(_served_reach()["data_origin"]) == {"sample"}
    assert [v.version for v in store.history("reach")] == [1, 2, 3, 4]
    with pytest.raises(store.StoreError, match="no version 9"):
        store.rollback("reach", 9, who="tester")
    assert len(store.history("reach")) == 4


def test_a_torn_last_audit_line_is_ignored_and_repaired_by_the_next_writer(store_dir):
    _import()
    with (store_dir / store.AUDIT).open("ab") as f:
        f.write(b'{"event": "import", "dataset": "reach", "vers')  # a writer killed mid-append
    assert [v.version for v in store.history("reach")] == [1]
    _import()
    lines = (store_dir / store.AUDIT).read_bytes().splitlines()
    assert [json.loads(line)["version"] for line in lines] == [1, 2]


def test_a_rejected_file_changes_nothing(store_dir):
    before = (db.data_version(), _served_reach().to_dict())
    result = ingest.read_bytes(b"Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;-5;30-11-2020\r\n", "x.csv", "reach")
    assert not result.ok and result.frame is None
    assert not (store_dir / store.AUDIT).exists()
    assert (db.data_version(), _served_reach().to_dict()) == before


CHILD = textwrap.dedent("""
    import os, sys, time
    import pandas as pd
    from healthtech import store
    imports, rows, who, stall = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    frame = pd.DataFrame({"organisation": ["WT"] * rows, "channel": ["newsletter"] * rows,
                          "count": range(rows), "as_of": pd.date_range("2019-01-01", periods=rows).date,
                          "source": [None] * rows})
    for i in range(imports):
        if i == 1 and stall != "none":  # from the second import on, stall at one step so a kill lands there
            def stalled(original):
                def run(*args, **kwargs):
                    if stall == "commit" or str(args[-1]).endswith(".parquet"):
                        print("stalled", flush=True)
                        time.sleep(60)
                    return original(*args, **kwargs)
                return run
            if stall == "rename":
                store.os.replace = stalled(store.os.replace)
            else:
                store._append = stalled(store._append)
        store.import_frame("reach", frame, original=b"x" * 1000, original_name=f"run{i}.csv", who=who)
        print("done", i, flush=True)
""")


def _child(imports: int, rows: int, who: str, store_dir, stall: str = "none") -> subprocess.Popen:
    env = {**os.environ, "STORE_DIR": str(store_dir)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(imports), str(rows), who, stall], cwd=config.ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_consistent(store_dir) -> list[store.Version]:
    """Every version in the log has its complete file; the view over the current one reads."""
    versions = store.history("reach")
    for v in versions:
        assert len(pd.read_parquet(v.path)) == v.rows
    assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    db._state.update(files=None, con=None, build=None)
    served = db.query("SELECT count(*) AS n FROM reach WHERE data_origin = 'upload'").at[0, "n"]
    expected = versions[-1].rows if versions else 0
    assert served == expected
    return versions


@pytest.mark.slow
@pytest.mark.parametrize("stall", ["rename", "commit"])
def test_a_process_killed_during_an_import_leaves_the_previous_version_serving(store_dir, stall):
    """The child commits version 1, then is killed in the middle of version 2: with the Parquet file
    complete under its temp name (before the rename), or renamed but not yet in the audit log (before the
    commit). Either way version 1 keeps serving, and nothing partial is visible."""
    proc = _child(imports=2, rows=1000, who="killed", store_dir=store_dir, stall=stall)
    assert proc.stdout.readline().strip() == "done 0"
    assert proc.stdout.readline().strip() == "stalled"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    temps = list((store_dir / "reach").glob(".tmp-*"))
    assert (len(temps), (store_dir / "reach" / "v000002.parquet").exists()) == (
        (1, False) if stall == "rename" else (0, True))
    versions = _assert_consistent(store_dir)
    assert [v.version for v in versions] == [1]
    _import()  # the next writer removes orphans and takes the next number, overwriting the uncommitted file
    assert [v.version for v in store.history("reach")] == [1, 2]
    assert store.history("reach")[-1].rows == 2 == len(pd.read_parquet(store_dir / "reach" / "v000002.parquet"))
    assert not list((store_dir / "reach").glob(".tmp-*"))


@pytest.mark.slow
def test_processes_killed_at_random_moments_never_leave_the_store_inconsistent(store_dir):
    rng = random.Random(7)  # noqa: S311 (timing jitter, not security)
    for _ in range(5):
        proc = _child(imports=1000, rows=500_000, who="killed", store_dir=store_dir)
        assert proc.stdout.readline().startswith("done")
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _assert_consistent(store_dir)


@pytest.mark.slow
def test_two_processes_importing_50_times_each_lose_nothing(store_dir):
    procs = [_child(imports=50, rows=50, who=who, store_dir=store_dir) for who in ("first", "second")]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        assert out.count("done") == 50
    versions = _assert_consistent(store_dir)
    assert len(versions) == 100
    assert sorted(v.who for v in versions).count("first") == 50
    assert len({v.file for v in versions}) == 100
    assert len({r["upload"] for r in store.records()}) == 100


def test_the_sources_page_names_the_uploaded_version_and_its_origin(store_dir):
    from healthtech import catalog, queries

    _import()
    overview = catalog.dataset_overview(queries.run("sources/dataset_rows"), "da").set_index("dataset")
    assert overview.at["reach", "origin"] == "real+upload"
    assert overview.at["reach", "files"] == "facts/reach.csv, store/reach/v000001.parquet"
    assert overview.at["reach", "sample_rows"] == 0
    assert overview.at["companies", "origin"] == "sample"


def test_a_torn_line_longer_than_any_buffer_is_cut_off_whole(store_dir):
    _import()
    with (store_dir / store.AUDIT).open("ab") as f:
        f.write(b'{"event": "import", "note": "' + b"x" * 200_000)  # killed in the middle of a long line
    _import()
    lines = (store_dir / store.AUDIT).read_bytes().splitlines()
    assert [json.loads(line)["version"] for line in lines] == [1, 2]
