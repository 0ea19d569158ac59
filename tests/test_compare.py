"""Compare with a meeting (issue 16): the data as it stood then, deltas, "what changed", corrections."""

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from healthtech import compare, config, datasets, db, merge, queries, store
from tests.page_runs import as_owner, open_tables, shown

MEETING = "2021-06-10"  # the newest sample meeting: the default comparison


def _import(dataset: str, frame: pd.DataFrame, mode: str = "merge", when: str | None = None) -> store.Version:
    """An upload as the Data page makes it (merge by key), optionally back-dated in the audit log."""
    version, _ = store.import_file(dataset, frame, mode=mode, original=b"x", original_name=f"{dataset}.csv",
                                   who="test")
    if when is not None:  # rewrite the commit time of the line just written (the log is ours in a test store)
        path = store.root() / store.AUDIT
        lines = path.read_text(encoding="utf-8").splitlines()
        record = json.loads(lines[-1])
        record["when"] = when
        lines[-1] = json.dumps(record, ensure_ascii=False, sort_keys=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        store._cache.update(key=None, records=[])
    return next(v for v in store.history(dataset) if v.version == version.version)


def _new_companies(n: int, region: int = 1081, cluster: str = "LSI", joined: str = "2022-03-01") -> pd.DataFrame:
    municipality = 851 if region == 1081 else 101
    return merge.canonical(pd.DataFrame({
        "company_id": [f"NEW{i:03d}" for i in range(n)], "name": [f"Ny virksomhed {i}" for i in range(n)],
        "cvr": [f"9{i:07d}" for i in range(n)], "municipality_code": municipality, "region_code": region,
        "cluster": cluster, "employees": 5, "membership": "paying", "joined_on": joined}), "companies")


def test_the_meetings_are_a_sample_dataset_and_the_default_is_the_last_one():
    meetings = compare.meetings()
    assert meetings["is_sample"].all() and len(meetings) == 5
    basis = compare.resolve(compare.LAST, meetings, today=dt.date(2026, 12, 1))
    assert basis.kind == "meeting" and basis.day.isoformat() == MEETING and basis.meeting_is_sample
    assert compare.resolve(compare.LAST, meetings, today=dt.date(2019, 1, 1)) is None  # no meeting yet
    assert compare.resolve(compare.NONE, meetings) is None


@pytest.mark.parametrize("text, parsed", [
    (None, "last"), ("none", "none"), ("2020-05-12", "2020-05-12"), ("2020-5-12", "last"), ("1999-01-01", "last"),
    ("2999-01-01", "last"), ("reach.v1", "last"), ("../etc", "last"), ("companies.v01", "last")])
def test_the_url_value_is_validated(text, parsed):
    assert compare.parse(text) == parsed


def test_without_an_upload_after_the_meeting_every_figure_is_unchanged():
    basis = compare.resolve(compare.LAST)
    now = queries.execute("companies/by_cluster", region=None, cluster=None, municipality=None)
    earlier = compare.then("companies/by_cluster", {"region": None, "cluster": None, "municipality": None}, basis,
                           now)
    assert earlier.state == compare.UNCHANGED and earlier.frame.equals(now)
    assert compare.corrections(basis) == []


def test_the_earlier_result_is_the_query_over_the_version_current_then(store_dir):
    _import("companies", _new_companies(3))  # now, after every sample meeting
    basis = compare.resolve(compare.LAST)
    params = {"region": None, "cluster": None, "municipality": None}
    now = queries.execute("companies/by_region", **params)
    earlier = compare.then("companies/by_region", params, basis, now)
    assert earlier.state == compare.CHANGED
    with_change = compare.by_key(now, earlier, "region_code", "companies").set_index("region_code")
    assert with_change.at[1081, "companies_change"] == 3
    assert (with_change.drop(index=1081)["companies_change"] == 0).all()
    # the earlier frame is what the embedded sample gives on a connection of its own
    sample = db.connect({ds.name: ds.paths() for ds in datasets.DATASETS})
    expected = sample.cursor().execute(queries.load("companies/by_region").sql, params).df()
    pd.testing.assert_frame_equal(earlier.frame.reset_index(drop=True), expected.reset_index(drop=True))


def test_a_stored_version_is_a_moment_too(store_dir):
    first = _import("companies", _new_companies(2))
    _import("companies", _new_companies(5))
    choice = compare.parse(f"companies.v{first.version}")
    assert choice == "companies.v1"
    basis = compare.resolve(choice)
    params = {"region": 1081, "cluster": None, "municipality": None}
    now = queries.execute("companies/headline", **params)
    delta = compare.value_delta(now.iloc[0]["companies"], compare.then("companies/headline", params, basis, now),
                                lambda f: f.iloc[0]["companies"])
    assert delta.change == 3  # version 1 had 2 of the new companies, now there are 5


def test_a_correction_of_the_past_after_the_meeting_is_flagged(store_dir):
    reach = store.current_frame("reach")
    corrected = reach[reach["as_of"] == dt.date(2019, 11, 30)].head(2).copy()
    corrected["count"] = corrected["count"] + 100
    _import("reach", corrected)
    found = compare.corrections(compare.resolve("2020-05-12"))
    assert [(c.dataset, c.added, c.changed, c.removed) for c in found] == [("reach", 0, 2, 0)]
    assert found[0].uploads[0].original_name == "reach.csv"
    # an upload that only adds rows dated after the meeting corrects nothing
    assert compare.corrections(compare.resolve("2019-03-14")) == []  # 2019-11-30 rows are after that meeting


def test_a_figure_of_a_dataset_that_had_no_file_then_is_not_known(store_dir, data_copy):
    (data_copy / "sample" / "meetings.csv").unlink()  # no embedded meetings: only the upload has them
    db._state.update(files=None, con=None)
    _import("meetings", merge.canonical(pd.DataFrame({"date": ["2020-05-12"], "meeting": ["steering_group"]}),
                                        "meetings"), when="2021-01-01T00:00:00+00:00")
    basis = compare.resolve("2020-06-01")
    now = queries.execute("shared/meetings")
    assert compare.then("shared/meetings", {}, basis, now).state == compare.UNKNOWN


def _companies_page(lang: str = "da", **params) -> AppTest:
    at = open_tables(as_owner(AppTest.from_file(str(config.ROOT / "pages" / "companies.py"), default_timeout=60)))
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_companies_page_deltas_are_the_differences_of_the_two_versions(store_dir):
    _import("companies", _new_companies(4, region=1081))
    at = _companies_page(region="1081")
    metric = next(m for m in at.metric if m.label == "Virksomheder")
    params = {"region": 1081, "cluster": None, "municipality": None}
    now = queries.execute("companies/headline", **params).iloc[0]["companies"]
    assert metric.value == str(now)
    assert metric.proto.delta.startswith("+4 (")
    assert metric.proto.delta_description == "siden 10. jun. 2021 · eksempeldata"  # a delta of sample figures
    text = shown(at)
    assert "Ændring siden da" in text


def test_companies_page_says_unchanged_without_uploads_and_nothing_without_a_comparison():
    at = _companies_page(region="1081")
    assert all(m.proto.delta == "uændret" for m in at.metric)
    at = _companies_page(region="1081", compare="none")
    assert all(not m.proto.delta for m in at.metric)
    assert "Ændring siden da" not in shown(at)


def _reach_grown(channel: str, extra: int, as_of: dt.date = dt.date(2020, 11, 30)) -> pd.DataFrame:
    reach = store.current_frame("reach")
    rows = reach[(reach["as_of"] == as_of) & (reach["channel"] == channel)].copy()
    rows["count"] = rows["count"] + extra // len(rows)
    return rows.drop(columns="data_origin")


def test_what_changed_lists_the_largest_changes_in_order_with_corrections_first(store_dir):
    from healthtech import changes

    _import("companies", _new_companies(3, region=1081))  # + 3 of 456: under 1 %
    grown = _reach_grown("linkedin_page", 6000)  # thousands on a few thousand: tens of %
    _import("reach", grown)
    basis = compare.resolve("2020-05-12")  # the 2020-11-30 snapshot is after this meeting: not a correction
    found = changes.collect(basis)
    assert [c.key for c in found] == ["changes.reach", "changes.companies"]
    assert found[0].size > found[1].size
    assert found[1].params == {"region": 1081}
    assert found[0].sentence("en", basis).startswith(f"Reach +{6000 // len(grown) * len(grown):,} (+")
    assert "since the meeting on 12 May 2020, mostly LinkedIn" in found[0].sentence("en", basis)
    assert found[1].sentence("da", basis).replace("\u00a0", " ") == \
        "Virksomheder +3 (+0,7 %) siden mødet 12. maj 2020, flest i Region Nordjylland (+3)"
    # the same uploads seen from the last meeting: the reach rows are dated before it, so they are a correction
    found = changes.collect(compare.resolve("2021-06-10"))
    assert found[0].correction and found[0].values["dataset:dataset"] == "reach"
    assert f"Correction: {len(grown)} rows of Reach" in found[0].sentence("en", compare.resolve("2021-06-10"))


def test_the_overview_shows_what_changed_and_nothing_when_nothing_did(store_dir):
    at = as_owner(AppTest.from_file(str(config.ROOT / "pages" / "overview.py"), default_timeout=60))
    at.run()
    assert "Ingen ændringer i data siden mødet 10. jun. 2021." in shown(at)
    _import("companies", _new_companies(3, region=1081))
    at = as_owner(AppTest.from_file(str(config.ROOT / "pages" / "overview.py"), default_timeout=60))
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    text = shown(at)
    assert "What changed since the meeting on 10 Jun 2021" in text
    assert "Companies +3 (+0.7%) since the meeting on 10 Jun 2021, most in North Denmark Region (+3) (sample data)" \
        in text


def test_the_pack_with_a_comparison_carries_what_changed_first_and_the_deltas(store_dir):
    from healthtech import capture, filters, pack, pack_html

    _import("companies", _new_companies(4, region=1081))
    made = pack.collect("en", filters.Filters(region=1081), basis=compare.resolve(compare.LAST))
    overview = made.pages[0]
    assert overview.page == "overview"
    kinds = [(i.kind, i.title if i.kind == "subheader" else i.text) for i in overview.items]
    first_section = next(text for kind, text in kinds if kind == "subheader")
    assert first_section == "What changed since the meeting on 10 Jun 2021"
    assert any(kind == "caption" and text.startswith("• Companies +4") for kind, text in kinds)
    companies = next(p for p in made.pages if p.page == "companies")
    metric = next(i for i in companies.items if i.kind == "metric" and i.title == "Companies")
    assert metric.text.replace("\u00a0", " ") == "29 (+4 (+16.0 %) since 10 Jun 2021 · sample data)".replace(" %", "%")
    tables = [i for i in companies.items if i.kind == "table" and i.key == "companies/by_region"]
    assert "Change since then" in tables[0].values.columns
    cover = pack_html.html(made, {}).split("</table>")[0]  # the cover names the comparison
    assert '<th scope="row">Compare with</th><td>since the meeting on 10 Jun 2021</td>' in cover
    # without a comparison: no deltas, no "what changed" (the two pages as the pack takes them)
    plain = [capture.run_page(name, "en", filters.Filters(region=1081)) for name in ("overview", "companies")]
    assert not any(i.kind == "subheader" and i.title.startswith("What changed") for i in plain[0].items)
    assert next(i for i in plain[1].items if i.kind == "metric").text == "29"
