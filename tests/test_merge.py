"""Live data without loss: a monthly export merges into what is there by the dataset's key (healthtech/merge.py,
store.import_file); replacing the whole dataset is a separate, confirmed choice; rollback is byte for byte."""

from __future__ import annotations

import hashlib
import io
import json

import pandas as pd
import pytest

from healthtech import __main__ as cli
from healthtech import charts, config, datasets, db, export, ingest, merge, queries, store
from healthtech.filters import Filters
from tests.page_runs import run_page, shown

FILTERS = Filters().params()

# The 15 (organisation, channel) pairs of the sample snapshots (data/sample/reach.csv: 2019-11-30, 2020-11-30).
PAIRS = [("CHC", "LinkedIn-side"), ("CHC", "Nyhedsbrev"), ("LSI", "LinkedIn-side"), ("LSI", "Nyhedsbrev"),
         ("MTI", "LinkedIn-gruppe"), ("MTI", "LinkedIn-side"), ("MTI", "Nyhedsbrev"), ("MTI", "Twitter"),
         ("MTIC", "LinkedIn-side"), ("MTIC", "Nyhedsbrev"), ("MTIC", "Twitter"), ("WT", "LinkedIn-gruppe"),
         ("WT", "LinkedIn-side"), ("WT", "Nyhedsbrev"), ("WT", "Twitter")]


def danish_reach(day: str, base: int) -> bytes:
    """A Danish Excel reach export for one month: cp1252, `;`, thousands dots, day-first date, a totals row."""
    lines = ["Organisation;Kanal;Antal;Dato"]
    lines += [f"{org};{channel};{base + 10 * i:,};{day}".replace(",", ".") for i, (org, channel) in enumerate(PAIRS)]
    lines.append(f"I alt;;{sum(base + 10 * i for i in range(15)):,};".replace(",", "."))
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def upload(data: bytes, dataset: str, mode: str = merge.MERGE, name: str = "export.csv"):
    result = ingest.read_bytes(data, name, dataset)
    assert result.ok, [p.line() for p in result.problems]
    return store.import_file(dataset, result.frame, mode=mode, original=data, original_name=name, who="tester")


def snapshots() -> dict[str, tuple[int, int, str]]:
    """Served reach per snapshot date: rows, total, origins."""
    df = db.query("SELECT as_of, count(*) AS n, sum(count) AS total, string_agg(DISTINCT data_origin, '+' "
                  "ORDER BY data_origin) AS origins FROM reach GROUP BY as_of ORDER BY as_of")
    return {str(r.as_of.date()): (int(r.n), int(r.total), r.origins) for r in df.itertuples()}


def test_every_uploadable_dataset_declares_merge_by_key_beside_its_key():
    for ds in datasets.DATASETS:
        assert (ds.merge == datasets.MERGE_BY_KEY) == ds.uploadable, ds.name
        assert ds.key


def test_two_monthly_reach_exports_keep_both_months_and_the_history_before_them(store_dir):
    before = snapshots()
    assert before == {"2018-01-01": (15, 14069, "facts"), "2019-11-30": (15, before["2019-11-30"][1], "sample"),
                      "2020-11-30": (15, before["2020-11-30"][1], "sample")}
    october, planned = upload(danish_reach("31-10-2020", 1900), "reach", name="oktober.csv")
    assert planned.counts() == {"added": 15, "updated": 0, "kept": 30, "removed": 0}
    assert october.mode == "merge" and october.counts == planned.counts() and october.rows == 45
    november, planned = upload(danish_reach("30.11.2020", 2000), "reach", name="november.csv")
    # November's date is the sample's second snapshot: those 15 rows are updated, October and 2019 kept.
    assert planned.counts() == {"added": 0, "updated": 15, "kept": 30, "removed": 0}
    after = snapshots()
    assert after["2018-01-01"] == (15, 14069, "facts")
    assert after["2019-11-30"] == before["2019-11-30"]  # earlier history, still labelled sample
    assert after["2020-10-31"] == (15, sum(1900 + 10 * i for i in range(15)), "upload")
    assert after["2020-11-30"] == (15, sum(2000 + 10 * i for i in range(15)), "upload")
    records = [r for r in store.records() if r["event"] == "import"]
    assert [(r["mode"], r["counts"]["added"], r["counts"]["updated"]) for r in records] == [
        ("merge", 15, 0), ("merge", 0, 15)]
    assert november.version == 2


def test_the_updated_rows_say_what_they_were_before(store_dir):
    upload(danish_reach("31-10-2020", 1900), "reach")
    _, planned = upload(danish_reach("31-10-2020", 1901), "reach")
    assert planned.counts() == {"added": 0, "updated": 15, "kept": 30, "removed": 0}
    assert planned.updated["before"].iloc[0] == "count: 1900"
    assert planned.updated["count"].iloc[0] == 1901


def test_a_spending_export_for_one_month_updates_only_that_month(store_dir):
    before = queries.run("data/spending_rows")
    text = "Måned;Finansiering;Område;Beløb\r\n" + "".join(
        f"juni 2020;{funder};{area};1.000,50\r\n" for funder in ("Ministeriet", "Regional", "Privat")
        for area in ("Formidling", "Matchmaking", "Samarbejde", "Internationalisering"))
    _, planned = upload(text.encode("cp1252"), "spending")
    assert planned.counts() == {"added": 0, "updated": 12, "kept": len(before) - 12, "removed": 0}
    after = queries.run("data/spending_rows")
    assert len(after) == len(before) == 288
    june = after["month"] == pd.Timestamp("2020-06-01")
    assert after.loc[june, "amount_dkk"].tolist() == [1000.5] * 12
    pd.testing.assert_frame_equal(after[~june].reset_index(drop=True), before[~june].reset_index(drop=True))


def test_a_company_absent_from_the_file_is_kept_unless_the_editor_replaces(store_dir):
    n = len(queries.run("data/companies_rows"))
    text = "Virksomheds-id;Navn;CVR;Kommune;Klynge;Ansatte;Medlemskab;Tilknyttet\r\n" \
           "NY1;Ny ApS;12345678;Aarhus;LSI;12;Betalende;01-10-2020\r\n"
    _, planned = upload(text.encode("cp1252"), "companies")
    assert planned.counts() == {"added": 1, "updated": 0, "kept": n, "removed": 0}
    assert len(queries.run("data/companies_rows")) == n + 1
    _, planned = upload(text.encode("cp1252"), "companies", mode=merge.REPLACE)
    assert planned.counts() == {"added": 0, "updated": 0, "kept": 1, "removed": n}
    assert queries.run("data/companies_rows")["company_id"].tolist() == ["NY1"]


def test_rollback_after_a_merge_restores_the_previous_version_byte_for_byte(store_dir):
    first, _ = upload(danish_reach("31-10-2020", 1900), "reach")
    first_bytes = first.path.read_bytes()
    served_first = queries.run("data/reach_rows")
    second, _ = upload(danish_reach("30-11-2020", 2000), "reach")
    assert second.path.read_bytes() != first_bytes
    back = store.rollback("reach", first.version, who="tester")
    assert store.current_path("reach").read_bytes() == first_bytes
    assert hashlib.sha256(back.path.read_bytes()).digest() == hashlib.sha256(first_bytes).digest()
    pd.testing.assert_frame_equal(queries.run("data/reach_rows"), served_first)
    # A merge after the rollback builds on what is served (version 1), not on the rolled-back version 2.
    _, planned = upload(danish_reach("31-12-2020", 2100), "reach")
    assert planned.counts() == {"added": 15, "updated": 0, "kept": 45, "removed": 0}


def test_an_import_refuses_when_another_came_after_the_preview(store_dir):
    result = ingest.read_bytes(danish_reach("31-10-2020", 1900), "a.csv", "reach")
    seen = store.head("reach")
    upload(danish_reach("30-11-2020", 2000), "reach")
    with pytest.raises(store.StoreError, match="changed since the preview"):
        store.import_file("reach", result.frame, mode=merge.MERGE, original=b"a", original_name="a.csv",
                          who="tester", head_seen=seen)
    assert store.head("reach") == 1


def _cli(monkeypatch, capsys, args: list[str], answer: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_import_replace_lists_the_rows_it_removes_and_removes_them_only_after_confirmation(
        store_dir, tmp_path, monkeypatch, capsys):
    path = tmp_path / "oktober.csv"
    path.write_bytes(danish_reach("31-10-2020", 1900))
    code, out, _ = _cli(monkeypatch, capsys, ["import", str(path), "--as", "reach", "--lang", "da"])
    assert code == 0 and "tilføjet 15, opdateret 0, beholdt 30, fjernet 0" in out
    one_month = tmp_path / "kun_oktober.csv"
    one_month.write_bytes(danish_reach("31-10-2020", 1950))
    for answer in ("", "ja\n", "29\n"):  # no answer, a word, the wrong number: nothing changes
        code, out, err = _cli(monkeypatch, capsys, ["import", str(one_month), "--as", "reach", "--replace"], answer)
        assert code == 1 and "nothing changed" in err
        assert "30 rows not in kun_oktober.csv will be removed" in out
        assert store.head("reach") == 1
    listed = out.split("will be removed:\n", 1)[1].splitlines()
    assert listed[0] == "organisation,channel,count,as_of,source" and len(listed) == 32
    assert listed[-1] == "Remove these 30 rows? Type 30 to confirm: "
    assert "WT,newsletter,1768,2019-11-30,sample: healthtech/sample.py" in listed
    code, out, _ = _cli(monkeypatch, capsys, ["import", str(one_month), "--as", "reach", "--replace"], "30\n")
    assert code == 0 and "added 0, updated 15, kept 0, removed 30" in out
    assert snapshots() == {"2018-01-01": (15, 14069, "facts"),
                           "2020-10-31": (15, sum(1950 + 10 * i for i in range(15)), "upload")}
    record = store.records()[-1]
    assert record["mode"] == "replace" and record["counts"]["removed"] == 30
    # Non-interactive: --confirm-removal N goes ahead only when exactly N rows would go.
    single = tmp_path / "en.csv"
    single.write_bytes("Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;5;31-12-2020\r\n".encode("cp1252"))
    code, _, err = _cli(monkeypatch, capsys, ["import", str(single), "--as", "reach", "--replace",
                                              "--confirm-removal", "3"])
    assert code == 1 and "not confirmed (3)" in err and store.head("reach") == 2
    code, out, _ = _cli(monkeypatch, capsys, ["import", str(single), "--as", "reach", "--replace",
                                              "--confirm-removal", "15"])
    assert code == 0 and "removed 15" in out and store.head("reach") == 3
    code, out, _ = _cli(monkeypatch, capsys, ["history", "reach"])
    assert [line.split("\t")[1] for line in out.splitlines()[1:]] == ["import (merge)", "import (replace)",
                                                                           "import (replace)"]


def test_a_merged_version_keeps_carried_over_sample_rows_labelled_as_sample(store_dir):
    upload(danish_reach("31-10-2020", 1900), "reach")
    stored = pd.read_parquet(store.current_path("reach"))
    assert stored.groupby("data_origin").size().to_dict() == {"sample": 30, "upload": 15}
    flags = db.query("SELECT data_origin, bool_and(is_sample) AS s, bool_or(is_sample) AS any_s FROM reach "
                     "GROUP BY ALL ORDER BY 1")
    assert json.loads(flags.to_json(orient="values")) == [["facts", False, False], ["sample", True, True],
                                                          ["upload", False, False]]


# --- what is accepted now ------------------------------------------------------------------------------------

def test_reach_before_the_grant_is_history_beside_the_2018_table_never_the_baseline(store_dir):
    text = "Organisation;Kanal;Antal;Dato\r\nWT;Nyhedsbrev;1.512;30-11-2017\r\nWT;Twitter;388;30-11-2017\r\n" \
           "WT;Nyhedsbrev;1.640;30-06-2018\r\n"
    result = ingest.read_bytes(text.encode("cp1252"), "historik.csv", "reach")
    assert result.ok and [(n.row, n.code, dict(n.detail)) for n in result.notices] == [
        (2, "pre_grant", {"rows": 3})]
    growth_before = queries.run_filtered("reach/growth_by_channel", FILTERS)
    upload(text.encode("cp1252"), "reach")
    history = queries.run_filtered("reach/history_before_grant", FILTERS)
    pre = history[~history["baseline"]]
    assert [(str(r.as_of.date()), r.organisation, r.channel, r.count) for r in pre.itertuples()] == [
        ("2017-11-30", "WT", "newsletter", 1512), ("2017-11-30", "WT", "twitter", 388),
        ("2018-06-30", "WT", "newsletter", 1640)]
    assert history.loc[history["baseline"], "count"].sum() == 14069
    pd.testing.assert_frame_equal(queries.run_filtered("reach/growth_by_channel", FILTERS), growth_before)
    over_time = queries.run_filtered("reach/by_channel_over_time", FILTERS)
    assert sorted(set(over_time["as_of"].astype(str))) == ["2018-01-01", "2019-11-30", "2020-11-30"]
    at = run_page("pages/reach.py")
    text_shown = shown(at)
    assert "Før bevillingsperioden" in text_shown
    assert "30. nov. 2017 Welfare Tech Nyhedsbreve 1.512 upload, version 1" in text_shown


def test_a_new_channel_is_shown_under_its_own_name_and_the_four_keep_their_labels(store_dir):
    text = "Organisation;Kanal;Antal;Dato\r\nWT;Facebook;1.250;30-11-2020\r\nMTI;Facebook;2.310;30-11-2020\r\n" \
           "LSI;Bluesky;1.020;30-11-2020\r\n"
    upload(text.encode("cp1252"), "reach")
    over_time = queries.run_filtered("reach/by_channel_over_time", FILTERS)
    newest = over_time[over_time["as_of"] == pd.Timestamp("2020-11-30")].set_index("channel")["count"]
    assert newest["Facebook"] == 3560 and newest["Bluesky"] == 1020
    # Growth since 2018 compares like with like: the added channels have no 2018 figure.
    growth = queries.run_filtered("reach/growth_by_channel", FILTERS)
    assert set(growth["channel"]) == {"newsletter", "linkedin_group", "linkedin_page", "twitter"}
    for lang, newsletter in (("da", "Nyhedsbreve"), ("en", "Newsletters")):
        at = run_page("pages/reach.py", lang)
        text_shown = shown(at)
        assert "Facebook" in text_shown and "Bluesky" in text_shown and newsletter in text_shown
        assert ("Kanaler uden tal i ansøgningens tabel fra 2018 (Bluesky, Facebook)" if lang == "da" else
                "Channels without a figure in the application's 2018 table (Bluesky, Facebook)") in text_shown
        lines = next(c for c in at.get("plotly_chart") if "Facebook" in c.proto.spec)
        names = [t["name"] for t in json.loads(lines.proto.spec)["data"]]
        assert "Facebook" in names and newsletter in names
    # The export a user edits and uploads again names it too, and reads back the same.
    exported = export.csv_bytes(export.dataset_frame(queries.run("data/reach_rows"), "reach", "da"), "da")
    assert "WT;Facebook;1250;30-11-2020" in exported.decode("utf-8-sig").replace("\r\n", "\n")
    again = ingest.read_bytes(exported, "reach.csv", "reach")
    assert again.ok and {"Facebook", "Bluesky"} <= set(again.frame["channel"])


def test_a_negative_spending_amount_is_a_correction_and_is_counted(store_dir):
    total = queries.run("data/spending_rows")["amount_dkk"].sum()
    text = "Måned;Finansiering;Område;Beløb\r\nokt 2020;Privat;Formidling;-12.500,50\r\n"
    _, planned = upload(text.encode("cp1252"), "spending")
    assert planned.counts()["updated"] == 1
    rows = queries.run("data/spending_rows").set_index(["month", "funder", "area"])
    assert rows.at[(pd.Timestamp("2020-10-01"), "private", "dissemination"), "amount_dkk"] == -12500.5
    old = pd.read_csv(config.DATA_DIR / "sample" / "spending.csv")
    before = old[(old.month == "2020-10-01") & (old.funder == "private") & (old.area == "dissemination")]
    assert rows["amount_dkk"].sum() == pytest.approx(total - before["amount_dkk"].iloc[0] - 12500.5)


def test_the_over_time_chart_keeps_snapshots_in_date_order_when_an_added_channel_brings_a_date(store_dir):
    text = "Organisation;Kanal;Antal;Dato\r\nWT;Facebook;1.250;31-10-2020\r\n"
    upload(text.encode("cp1252"), "reach")
    over_time = queries.run_filtered("reach/by_channel_over_time", FILTERS)
    figure = charts.channel_lines(over_time, "en")
    assert list(figure.layout.xaxis.categoryarray) == ["2018", "30 Nov 2019", "31 Oct 2020", "30 Nov 2020"]
    # the last line drawn (the real/sample legend entries have no points)
    assert [t.name for t in figure.data if list(t.x) != [None]][-1] == "Facebook"
