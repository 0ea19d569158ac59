"""The query layer: locked-down DuckDB, every SQL file honours its header, fresh data without a restart."""

from __future__ import annotations

import os
import threading
import time

import duckdb
import pandas as pd
import pytest

from healthtech import config, datasets, db, queries
from healthtech.filters import Filters


def test_reading_a_system_file_is_refused():
    with pytest.raises(duckdb.PermissionException):
        db.query("select * from read_csv('/etc/passwd')")


def test_reading_a_file_outside_data_is_refused(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(duckdb.PermissionException):
        db.query(f"select * from read_csv('{outside}')")
    with pytest.raises(duckdb.PermissionException):
        db.query(f"select * from read_csv('{config.DATA_DIR}/../README.md')")


def test_a_file_inside_data_is_readable():
    df = db.query(f"select count(*) as n from read_csv('{config.DATA_DIR / 'geo' / 'municipalities.csv'}')")
    assert df["n"][0] == 98


def test_the_lockdown_cannot_be_undone_and_nothing_can_be_written(tmp_path):
    with pytest.raises(duckdb.InvalidInputException):
        db.query("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        db.query(f"copy (select 1) to '{tmp_path / 'out.csv'}'")
    with pytest.raises(duckdb.Error):
        db.query("install httpfs")


@pytest.mark.parametrize("name", queries.names())
def test_every_query_returns_the_columns_its_header_promises_and_rows_unique_by_its_grain(name):
    """Run as a page runs it: with the default filters (whole grant period, no region or cluster). Every query
    has rows then, so a broken join or period condition cannot pass as an empty result."""
    query = queries.load(name)
    assert query.returns, name
    df = queries.run_filtered(name, Filters().params())
    assert list(df.columns) == list(query.columns), name
    assert len(df) > 0, f"{name} returns no rows under the default filters"
    # The Grain header: its columns tell the rows apart ("one row": exactly one).
    if query.grain:
        assert set(query.grain) <= set(query.columns), (name, query.grain)
        assert not df.duplicated(list(query.grain)).any(), (name, df[df.duplicated(list(query.grain), keep=False)])
    else:
        assert len(df) == 1, name


def test_the_default_period_covers_every_month_and_snapshot_of_the_grant():
    params = Filters().params()
    assert len(queries.run_filtered("budget/cumulative_actual_vs_plan", params)) == 24
    over_time = queries.run_filtered("reach/by_channel_over_time", params)
    assert sorted(set(over_time["as_of"].astype(str))) == ["2018-01-01", "2019-11-30", "2020-11-30"]


def test_a_query_refuses_parameters_its_header_does_not_declare():
    with pytest.raises(TypeError, match="takes"):
        queries.run("budget/split_by_funder", region=1081)


def test_the_sources_query_covers_every_registered_dataset():
    listed = set(queries.run("sources/dataset_rows")["dataset"])
    assert listed == set(datasets.BY_NAME)


def test_a_changed_data_file_shows_on_the_next_run_without_a_restart(data_copy):
    before = queries.run("overview/headline_figures")["reach_2018"][0]
    version = db.data_version()
    path = data_copy / "facts" / "reach.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("WT,newsletter,1700", "WT,newsletter,1800"),
                    encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    assert db.data_version() != version
    assert queries.run("overview/headline_figures")["reach_2018"][0] == before + 100


def test_a_new_data_version_is_built_in_the_background_while_the_previous_one_is_served(data_copy, monkeypatch):
    before = queries.run("sources/dataset_rows").set_index("dataset").at["reach", "sample_rows"]
    old, version = db.connection(), db.served_version()
    release = threading.Event()
    real_connect = db.connect
    monkeypatch.setattr(db, "connect", lambda files=None: (release.wait(60), real_connect(files))[1])
    monkeypatch.setenv("HEALTHTECH_SWITCH_WAIT_SECONDS", "0")
    (data_copy / "sample" / "reach.csv").unlink()  # a new file set: new views, new derived tables
    # The rerun does not wait for the build: it is answered from the previous version, cached results included.
    assert db.connection() is old and db.served_version() == version and db.building()
    assert queries.run("sources/dataset_rows").set_index("dataset").at["reach", "sample_rows"] == before
    release.set()
    build = db._state["build"]
    assert build is None or build.done.wait(60)
    assert not db.building() and db.connection() is not old and db.served_version() == db.data_version()
    assert queries.run("sources/dataset_rows").set_index("dataset").at["reach", "sample_rows"] == 0


class _RecordedEvent(threading.Event):
    def __init__(self, waits: list):
        super().__init__()
        self.waits = waits

    def wait(self, timeout=None):
        self.waits.append(timeout)
        return super().wait(timeout)


def test_a_rerun_during_a_build_waits_for_it_once_not_in_every_call(data_copy, monkeypatch):
    old = db.connection()
    release = threading.Event()
    real_connect = db.connect
    monkeypatch.setattr(db, "connect", lambda files=None: (release.wait(60), real_connect(files))[1])
    monkeypatch.setenv("HEALTHTECH_SWITCH_WAIT_SECONDS", "0.2")
    (data_copy / "sample" / "reach.csv").unlink()
    try:
        assert db.connection() is old  # the first call waited up to 0.2 s, then served the previous version
        build = db._state["build"]
        waits: list = []
        build.done = _RecordedEvent(waits)
        now = time.monotonic()
        monkeypatch.setattr(db.time, "monotonic", lambda: now + 1.0)  # a second after the build started
        for _ in range(12):  # the rest of the rerun: cached queries and citations check the version
            assert db.connection() is old
        assert waits == [0.0] * 12
    finally:
        release.set()
        build = db._state["build"]
        assert build is None or build.done.wait(60) or build.done.is_set()


_CHECKS_PER_RUN = """
import os
from healthtech import db, store
checks = []
real = db._current
db._current = lambda: (checks.append(1), real())[1]
try:
    first = db.served_version()
    for _ in range(20):  # a rerun's cached queries and citations
        db.connection(), db.served_version()
    os.utime(os.environ["TOUCHED"], ns=(1, 1))  # the file changes during the run
    during = db.served_version()
    store._writes[0] += 1  # this process writes to the store (an import)
    after_write = db.served_version()
finally:
    db._current = real
import streamlit as st
st.session_state.update(checks=len(checks), same=first == during, moved=after_write != first)
"""


def test_a_script_run_reads_one_data_version_and_checks_the_files_once(data_copy, monkeypatch):
    from streamlit.testing.v1 import AppTest

    touched = data_copy / "facts" / "reach.csv"
    monkeypatch.setenv("TOUCHED", str(touched))
    at = AppTest.from_string(_CHECKS_PER_RUN, default_timeout=60)
    at.run()
    assert not at.exception
    # One check for 22 calls; the file changed mid-run is not seen until the store write ends the pin.
    assert at.session_state["checks"] == 2 and at.session_state["same"] and at.session_state["moved"]
    at.run()  # the next run of the same session checks afresh
    assert at.session_state["checks"] == 2
    # Outside a script run (the CLI, the warm-up thread, these tests) every call checks.
    checks = []
    real = db._current
    monkeypatch.setattr(db, "_current", lambda: (checks.append(1), real())[1])
    db.served_version(), db.served_version()
    assert len(checks) == 2


def test_a_new_sample_file_gives_a_new_view_and_is_flagged_sample(data_copy):
    (data_copy / "sample" / "reach.csv").unlink()
    assert queries.run("sources/dataset_rows").set_index("dataset").at["reach", "sample_rows"] == 0
    (data_copy / "sample" / "reach.csv").write_text(
        "organisation,channel,count,as_of,source\nWT,newsletter,1900,2019-12-31,sample\n", encoding="utf-8")
    counts = queries.run("sources/dataset_rows").set_index("dataset")
    assert counts.at["reach", "sample_rows"] == 1 and counts.at["reach", "row_count"] == 16
    # The real 2018 headline ignores sample snapshots.
    assert queries.run("overview/headline_figures")["reach_2018"][0] == 14069


def test_every_embedded_csv_is_read_as_declared_and_another_layout_is_read_by_name(data_copy):
    """The files in data/ are in their dataset's own column order, so their views read them without DuckDB's
    sniffer (which ran again on every query over the view). A file in another order (or with an extra column) is
    still read by name."""
    files = db.dataset_files()
    for ds in datasets.DATASETS:
        for path in (p for p in files[ds.name] if p.suffix == ".csv"):
            assert db._csv_header(path) == [c.name for c in ds.columns], path
            assert "auto_detect = false" in db._select_file(ds, path), path
    before = queries.run("overview/headline_figures")["reach_2018"][0]
    path = data_copy / "facts" / "reach.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.insert(0, "note", "x")
    frame[list(reversed(frame.columns))].to_csv(path, index=False)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    assert "auto_detect = false" not in db._select_file(datasets.BY_NAME["reach"], path)
    assert queries.run("overview/headline_figures")["reach_2018"][0] == before


@pytest.mark.slow
def test_a_new_connection_for_new_files_does_not_break_readers_on_the_old_one(store_dir):
    """Imports change the file set while other sessions are mid-query: their queries must not fail."""
    import threading

    from healthtech import store

    frame = pd.DataFrame({"organisation": ["WT"], "channel": ["newsletter"], "count": [1],
                          "as_of": [pd.Timestamp("2020-11-30").date()], "source": [None]})
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                db.query("select count(*) from reach, range(3000)")  # long enough to overlap a rebuild
            except BaseException as e:  # noqa: BLE001 (collected and asserted)
                errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for _ in range(15):
        store.import_frame("reach", frame, original=b"x", original_name="x.csv", who="test")
        db.connection()
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.history("reach")) == 15


def test_the_warm_up_runs_every_pages_default_queries(monkeypatch):
    from healthtech import filters, freshness, site, warm

    ran = []
    monkeypatch.setattr(queries, "run_filtered", lambda name, params: ran.append((name, params)))
    assert warm.warm() >= 0
    defaults = filters.Filters().params()
    every = {name for page in site.PAGES for name in freshness.page_queries(page.name)}
    assert {name for name, _ in ran} == {n for n in every if set(queries.load(n).params) <= set(defaults)}
    assert "companies/company_list" in {name for name, _ in ran} and all(p == defaults for _, p in ran)
