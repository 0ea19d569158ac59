"""The baseline: the same page logic the way most Streamlit apps do it — pandas reads the flat files and aggregates
on every rerun (no DuckDB, no cache).

`run(name, **params)` returns what `healthtech.queries.run(name, ...)` returns (same columns, same rows; checked
against the SQL by benchmarks/equivalence.py each time the bench runs), computed with pandas from the files behind
the views. Each file is read once per rerun (`new_rerun()` forgets them), as an app that reads its CSV/Parquet at
the top of the script would. The benchmark swaps `queries.run` for this and runs the unchanged page scripts, so
figure building, tables and what Streamlit does are the same on both sides; only the data access differs. A query
without a twin here runs through DuckDB in the baseline too, and the bench lists it (`pandas_untwinned`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from healthtech import db
from healthtech.datasets import DATASETS, is_sample_path

BY_NAME = {ds.name: ds for ds in DATASETS}
LIMIT = 1000  # companies/company_list returns the first 1,000 by name
_frames: dict[str, pd.DataFrame] = {}


def new_rerun() -> None:
    _frames.clear()


def _typed(ds, df: pd.DataFrame) -> pd.DataFrame:
    for col in ds.columns:
        if col.name not in df:
            df[col.name] = None
        if col.type == "DATE":
            df[col.name] = pd.to_datetime(df[col.name]).astype("datetime64[us]")
        elif col.type.startswith("DECIMAL") or col.type == "DOUBLE":
            df[col.name] = pd.to_numeric(df[col.name]).astype("float64")
        elif col.type in ("INTEGER", "BIGINT"):
            df[col.name] = pd.to_numeric(df[col.name]).astype("Int64" if df[col.name].isna().any() else "int64")
        else:
            df[col.name] = df[col.name].astype(object).where(df[col.name].notna(), None)
    return df[list(ds.column_names)]


def frame(name: str) -> pd.DataFrame:
    if name not in _frames:
        ds = BY_NAME[name]
        parts = []
        for path in db.dataset_files()[name]:
            df = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
            df = _typed(ds, df)
            df["is_sample"] = is_sample_path(path)
            parts.append(df)
        _frames[name] = (pd.concat(parts, ignore_index=True) if parts
                         else pd.DataFrame(columns=[*ds.column_names, "is_sample"]))
    return _frames[name]


def _sources(values) -> str | None:
    vals = sorted({v for v in values if isinstance(v, str)})
    return "; ".join(vals) if vals else None


def _companies(p) -> pd.DataFrame:
    c = frame("companies")
    m = np.ones(len(c), dtype=bool)
    if p.get("region") is not None:
        m &= (c["region_code"] == p["region"]).to_numpy()
    if p.get("cluster") is not None:
        m &= (c["cluster"] == p["cluster"]).to_numpy()
    if p.get("municipality") is not None:
        m &= (c["municipality_code"] == p["municipality"]).to_numpy()
    return c[m]


def _counted(df: pd.DataFrame, by: str) -> pd.DataFrame:
    g = df.groupby(by, sort=False)
    return pd.DataFrame({"companies": g.size(), "is_sample": g["is_sample"].any()}).reset_index()


# ---- companies ----
def companies_headline(p):
    c = _companies(p)
    small = int(c["employees"].between(1, 10).sum())
    return pd.DataFrame([{
        "companies": len(c), "paying": int((c["membership"] == "paying").sum()), "small": small,
        "share_small": small / len(c) if len(c) else float("nan"), "municipalities": c["municipality_code"].nunique(),
        "is_sample": bool(c["is_sample"].any())}])


def companies_by_cluster(p):
    out = _counted(_companies(p), "cluster")
    return out.sort_values(["companies", "cluster"], ascending=[False, True], ignore_index=True)


def companies_by_membership(p):
    return _counted(_companies(p), "membership").sort_values("companies", ascending=False, ignore_index=True)


def _all_of(keys: pd.DataFrame, counts: pd.DataFrame, key: str, by: str) -> pd.DataFrame:
    out = keys.merge(counts.rename(columns={by: key}), on=key, how="left")
    out["companies"] = out["companies"].fillna(0).astype("int64")
    out["is_sample"] = out["is_sample"].fillna(False).astype(bool)
    return out.sort_values(key, ignore_index=True)


def companies_by_municipality(p):
    m = frame("municipalities")[["kommune_code", "name", "region_code"]]
    return _all_of(m, _counted(_companies(p), "municipality_code"), "kommune_code",
                   "municipality_code")


def companies_by_region(p):
    regions = frame("municipalities")[["region_code"]].drop_duplicates()
    return _all_of(regions, _counted(_companies(p), "region_code"), "region_code", "region_code")


BANDS = ["1-10", "11-49", "50-249", "250+"]


def companies_by_size_band(p):
    c = _companies(p)
    e = c["employees"]
    band = np.select([e <= 10, e <= 49, e <= 249], BANDS[:3], BANDS[3])
    out = _counted(c.assign(size_band=band), "size_band")
    out["share"] = out["companies"] / out["companies"].sum()
    out["order"] = out["size_band"].map(BANDS.index)
    return out.sort_values("order", ignore_index=True)[["size_band", "companies", "share", "is_sample"]]


def companies_joined_by_year(p):
    c = _companies(p)
    out = _counted(c.assign(year=c["joined_on"].dt.year), "year").sort_values("year", ignore_index=True)
    out = out.rename(columns={"companies": "joined"})
    out["cumulative"] = out["joined"].cumsum().astype("float64")
    return out[["year", "joined", "cumulative", "is_sample"]]


def companies_company_list(p):
    c = _companies(p).merge(frame("municipalities")[["kommune_code", "name"]].rename(
        columns={"kommune_code": "municipality_code", "name": "municipality"}), on="municipality_code", how="left")
    c = c.sort_values(["name", "company_id"], ignore_index=True).head(LIMIT)
    return c[["name", "cvr", "municipality", "region_code", "cluster", "employees", "membership", "joined_on",
              "company_id", "is_sample"]]


# ---- overview ----
def overview_headline_figures(p):
    budget, grant, clusters = frame("budget"), frame("grant"), frame("clusters")
    partners, reach = frame("knowledge_partners"), _reach_2018(frame("reach"))
    sources = set()
    for df in (budget, grant, clusters, partners, reach):
        sources |= {s for v in df["source"].dropna() for s in v.split("; ")}
    return pd.DataFrame([{
        "budget_dkk": float(budget["amount_dkk"].sum()), "budget_eur": float(budget["amount_eur"].sum()),
        "period_start": grant["period_start"].min(), "period_end": grant["period_end"].max(),
        "organisations": len(clusters), "universities": int((partners["kind"] == "university").sum()),
        "reach_2018": float(reach["count"].sum()), "sources": "; ".join(sorted(sources))}])


def _reach_2018(r: pd.DataFrame) -> pd.DataFrame:
    return r[~r["is_sample"] & (r["as_of"].dt.year == 2018)]


def overview_companies_stated_by_organisation(p):
    c = frame("clusters").sort_values(["kind", "companies_stated"], ascending=[True, False], ignore_index=True)
    return c[["short", "organisation", "kind", "region_code", "companies_stated", "companies_qualifier",
              "companies_basis", "source"]]


def overview_network_figures(p):
    return frame("network_figures")[["figure", "value", "qualifier", "unit", "source"]]


CHANNELS = ["newsletter", "linkedin_group", "linkedin_page", "twitter"]  # queries/_models/macros.sql channel_order


def _by_channel(out: pd.DataFrame) -> pd.DataFrame:
    return out.sort_values("channel", key=lambda c: c.map(CHANNELS.index), ignore_index=True)


def overview_reach_2018_by_channel(p):
    g = _reach_2018(frame("reach")).groupby("channel", sort=False)
    out = pd.DataFrame({"count": g["count"].sum().astype("float64"), "organisations": g.size(),
                        "source": g["source"].agg(_sources)}).reset_index()
    return _by_channel(out)


def shared_effect_targets(p):
    return frame("targets")[["target", "value", "unit", "source"]]


# ---- sources ----
def sources_documents(p):
    return frame("documents").sort_values("file", ignore_index=True)[
        ["file", "id", "kind", "language", "published", "publisher", "title", "short_title_da", "short_title_en"]]


def sources_dataset_rows(p):
    """Every registered dataset, in the registry's order (as the SQL lists them), so a new dataset is never missed."""
    rows = []
    for ds in BY_NAME.values():
        df = frame(ds.name)
        if ds.name == "municipalities":
            src = "data/geo/SOURCE.md"
        elif "source" not in ds.column_names:
            src = None
        else:
            src = _sources(df["source"])
        rows.append({"dataset": ds.name, "row_count": len(df), "sample_rows": int(df["is_sample"].sum()),
                     "sources": src})
    return pd.DataFrame(rows)


# ---- budget ----
def budget_split_by_funder(p):
    b = frame("budget").sort_values("amount_dkk", ascending=False, ignore_index=True)
    b["share"] = b["amount_dkk"] / b["amount_dkk"].sum()
    return b[["funder", "amount_dkk", "amount_eur", "share", "source"]]


def budget_previous_period_cofunding(p):
    f = frame("previous_funding").sort_values(["funder", "amount_dkk"], ascending=[True, False], ignore_index=True)
    return f[["organisation", "funder", "amount_dkk", "period_start", "period_end", "source"]]


def _spent(p) -> pd.DataFrame:
    s = frame("spending")
    return s[s["month"].between(pd.Timestamp(p["period_start"]), pd.Timestamp(p["period_end"]))]


def budget_cumulative_actual_vs_plan(p):
    s = _spent(p)
    if s.empty:
        return pd.DataFrame(columns=["month", "actual", "cumulative_actual", "cumulative_plan", "is_sample"])
    months = pd.date_range(pd.Timestamp(p["period_start"]).to_period("M").to_timestamp(),
                           s["month"].dt.to_period("M").max().to_timestamp(), freq="MS").astype("datetime64[us]")
    actual = s.groupby(s["month"].dt.to_period("M").dt.to_timestamp())["amount_dkk"].sum()
    out = pd.DataFrame({"month": months})
    out["actual"] = out["month"].map(actual).fillna(0.0).astype("float64")
    out["cumulative_actual"] = out["actual"].cumsum()
    out["cumulative_plan"] = frame("budget")["amount_dkk"].sum() / 24 * np.arange(1, len(out) + 1)
    out["is_sample"] = bool(s["is_sample"].any())
    return out


def _shares(actual: pd.DataFrame, planned: pd.DataFrame, key: str) -> pd.DataFrame:
    out = planned.merge(actual, on=key, how="left")
    total = out["actual"].sum()
    out["actual"] = out["actual"].fillna(0.0)
    out["actual_share"] = out["actual"] / total if total else np.nan
    out["is_sample"] = out["is_sample"].fillna(False).astype(bool)
    return out


def _actual_by(p, key: str) -> pd.DataFrame:
    g = _spent(p).groupby(key, sort=False)
    return pd.DataFrame({"actual": g["amount_dkk"].sum().astype("float64"), "is_sample": g["is_sample"].any()}
                        ).reset_index()


def budget_funder_share_actual(p):
    b = frame("budget")
    planned = pd.DataFrame({"funder": b["funder"], "planned_share": b["amount_dkk"] / b["amount_dkk"].sum()})
    out = _shares(_actual_by(p, "funder"), planned, "funder")
    out["drift_points"] = (out["actual_share"] - out["planned_share"]) * 100
    out["drifted"] = ((out["actual_share"] - out["planned_share"]).abs() * 100).round(6) > 5
    out = out.sort_values("planned_share", ascending=False, ignore_index=True)
    return out[["funder", "actual", "actual_share", "planned_share", "drift_points", "drifted", "is_sample"]]


def budget_area_actual_vs_plan(p):
    out = _shares(_actual_by(p, "area"), frame("activity_weights")[["area", "planned_share"]], "area")
    out["difference_points"] = (out["actual_share"] - out["planned_share"]) * 100
    out = out.sort_values(["planned_share", "area"], ascending=[False, True], ignore_index=True)
    return out[["area", "actual", "actual_share", "planned_share", "difference_points", "is_sample"]]


# ---- activities ----
def activities_planned_weighting(p):
    w = frame("activity_weights").sort_values(["planned_share", "area"], ascending=[False, True], ignore_index=True)
    return w[["area", "planned_share", "source"]]


def _held(p) -> pd.DataFrame:
    a = frame("activities")
    m = a["date"].between(pd.Timestamp(p["period_start"]), pd.Timestamp(p["period_end"]))
    if p.get("region") is not None:
        m &= a["region_code"] == p["region"]
    if p.get("cluster") is not None:
        m &= a["cluster"] == p["cluster"]
    return a[m]


def activities_held_by_area(p):
    g = _held(p).groupby("area", sort=False)
    held = pd.DataFrame({"activities": g.size(), "is_sample": g["is_sample"].any()}).reset_index()
    out = frame("activity_weights")[["area", "planned_share"]].merge(held, on="area", how="left")
    out["activities"] = out["activities"].fillna(0).astype("int64")
    n = out["activities"].sum()
    out["activity_share"] = out["activities"] / n if n else np.nan
    out["is_sample"] = out["is_sample"].fillna(False).astype(bool)
    out = out.sort_values(["planned_share", "area"], ascending=[False, True], ignore_index=True)
    return out[["area", "activities", "activity_share", "is_sample"]]


KINDS = {"newsletters": "newsletter", "whitepapers": "whitepaper", "conferences": "conference",
         "after_work_meetings": "after_work_meeting", "workshops": "workshop", "matchmaking_events": "matchmaking",
         "collaboration_projects": "collaboration_project", "study_trips": "study_trip"}


def activities_deliverables_progress(p):
    g = _held(p).groupby("kind", sort=False)
    held = pd.DataFrame({"delivered": g.size(), "held_sample": g["is_sample"].any()})
    d = frame("deliverables")
    d = d[d["deliverable"].isin(KINDS)].copy()
    kinds = d["deliverable"].map(KINDS)
    d["delivered"] = kinds.map(held["delivered"]).fillna(0).astype("int64")
    d["status"] = np.where(d["delivered"] < d["planned_min"], "under",
                           np.where(d["planned_max"].notna() & (d["delivered"] > d["planned_max"]), "over", "within"))
    d["is_sample"] = [bool(held["held_sample"].get(k, False)) for k in kinds]
    return d[["deliverable", "area", "planned_min", "planned_max", "delivered", "status", "source", "is_sample"]
             ].reset_index(drop=True)


def activities_effect_targets_progress(p):
    a = frame("activities")
    a = a[a["date"].between(pd.Timestamp(p["period_start"]), pd.Timestamp(p["period_end"]))]
    c = _companies(p)[["company_id"]]  # the query has no $municipality: none is passed
    parts = frame("participations")
    j = parts.merge(a[["activity_id", "area", "kind", "is_sample"]], on="activity_id", suffixes=("", "_a"))
    j = j.merge(c, on="company_id")
    is_sample = bool((j["is_sample"] | j["is_sample_a"]).any()) if len(j) else None
    persons = j.loc[j["area"].isin(["dissemination", "matchmaking"]), "persons"]
    reached = {
        "company_persons": (float(persons.sum()) if len(persons) else None, "persons"),
        "companies_in_collaboration": (j.loc[j["kind"] == "collaboration_project", "company_id"].nunique(),
                                       "distinct_companies"),
        "companies_international_contacts": (j.loc[j["kind"] == "study_trip", "company_id"].nunique(),
                                             "distinct_companies"),
        "companies_internationalisation_competences": (
            j.loc[j["area"] == "internationalisation", "company_id"].nunique(), "distinct_companies"),
    }
    t = frame("targets")[["target", "value", "unit", "source"]].copy()
    t["reached"] = [float(reached[x][0]) if x in reached and reached[x][0] is not None else np.nan
                    for x in t["target"]]
    t["progress"] = t["reached"] / t["value"]
    t["rule"] = [reached[x][1] if x in reached else "not_in_data" for x in t["target"]]
    t["is_sample"] = [bool(is_sample) if x in reached else False for x in t["target"]]
    return t[["target", "value", "unit", "reached", "progress", "rule", "source", "is_sample"]]


# ---- reach ----
def _reach_of(p) -> pd.DataFrame:
    r = frame("reach").merge(frame("clusters")[["short", "region_code"]].rename(columns={"short": "organisation"}),
                             on="organisation")
    if p.get("cluster") is not None:
        r = r[r["organisation"] == p["cluster"]]
    if p.get("region") is not None:
        r = r[r["region_code"] == p["region"]]
    return r


def reach_table_2018(p):
    r = _reach_2018(_reach_of(p)).assign(rank=lambda f: f["channel"].map(CHANNELS.index))
    r = r.sort_values(["rank", "count"], ascending=[True, False], ignore_index=True)
    return r[["organisation", "channel", "count", "source"]]


def reach_heat_table_2018(p):
    r = _reach_2018(_reach_of(p))
    if r.empty:
        return pd.DataFrame([{"organisation": "total", **dict.fromkeys([*CHANNELS, "total"], np.nan)}])
    wide = r.pivot_table(index="organisation", columns="channel", values="count", aggfunc="sum")
    wide = wide.reindex(columns=CHANNELS).astype("float64")
    wide["total"] = r.groupby("organisation")["count"].sum().astype("float64")
    wide = wide.sort_values("total", ascending=False)
    total = wide.sum(min_count=1).to_frame("total_row").T.rename(index={"total_row": "total"})
    return pd.concat([wide, total]).rename_axis("organisation").reset_index()


def _since_grant(r: pd.DataFrame) -> pd.DataFrame:
    """The 2018 table and snapshots from the grant period on (uploads dated before it are pre-grant history)."""
    start = frame("grant")["period_start"].min()
    return r[(r["as_of"] >= start) | r.index.isin(_reach_2018(r).index)]


def reach_history_before_grant(p):
    r = _reach_of(p)
    r = r[r["as_of"] < frame("grant")["period_start"].min()].copy()
    r["baseline"] = r.index.isin(_reach_2018(r).index)
    r = r.sort_values(["as_of", "organisation", "channel"], ignore_index=True)
    return r[["as_of", "organisation", "channel", "count", "source", "baseline", "is_sample"]]


def reach_by_channel_over_time(p):
    r = _since_grant(_reach_of(p))
    r = r[r["as_of"] <= pd.Timestamp(p["period_end"])]
    g = r.groupby(["as_of", "channel"])
    out = pd.DataFrame({"count": g["count"].sum().astype("float64"), "is_sample": g["is_sample"].any()})
    out = out.reset_index().assign(rank=lambda f: f["channel"].map(CHANNELS.index))
    return out.sort_values(["as_of", "rank"], ignore_index=True).drop(columns="rank")


def _growth(p, by: str) -> pd.DataFrame:
    r = _since_grant(_reach_of(p))
    in_2018_table = r["channel"].isin(set(_reach_2018(frame("reach"))["channel"]))
    r = r[(r["as_of"] <= pd.Timestamp(p["period_end"])) & in_2018_table]
    newest = r["as_of"].max()
    base = _reach_2018(r).groupby(by)["count"].sum().astype("float64")
    last = r[r["as_of"] == newest]
    g = last.groupby(by)
    out = pd.DataFrame({"baseline": base, "latest": g["count"].sum().astype("float64"),
                        "latest_as_of": g["as_of"].max(), "is_sample": g["is_sample"].any()}).dropna(
        subset=["baseline", "latest"])
    out["change"] = out["latest"] - out["baseline"]
    out["change_pct"] = out["change"] / out["baseline"]
    out = out.rename_axis(by).reset_index().sort_values("latest", ascending=False, ignore_index=True)
    out["is_sample"] = out["is_sample"].astype(bool)
    return out[[by, "baseline", "latest", "latest_as_of", "change", "change_pct", "is_sample"]]


def reach_growth_by_channel(p):
    return _by_channel(_growth(p, "channel"))


def reach_growth_by_organisation(p):
    return _growth(p, "organisation")


QUERIES = {
    "companies/headline": companies_headline, "companies/by_cluster": companies_by_cluster,
    "companies/by_membership": companies_by_membership, "companies/by_municipality": companies_by_municipality,
    "companies/by_region": companies_by_region, "companies/by_size_band": companies_by_size_band,
    "companies/joined_by_year": companies_joined_by_year, "companies/company_list": companies_company_list,
    "overview/headline_figures": overview_headline_figures,
    "overview/companies_stated_by_organisation": overview_companies_stated_by_organisation,
    "overview/network_figures": overview_network_figures,
    "overview/reach_2018_by_channel": overview_reach_2018_by_channel,
    "shared/effect_targets": shared_effect_targets,
    "sources/documents": sources_documents, "sources/dataset_rows": sources_dataset_rows,
    "budget/split_by_funder": budget_split_by_funder,
    "budget/previous_period_cofunding": budget_previous_period_cofunding,
    "budget/cumulative_actual_vs_plan": budget_cumulative_actual_vs_plan,
    "budget/funder_share_actual": budget_funder_share_actual,
    "budget/area_actual_vs_plan": budget_area_actual_vs_plan,
    "activities/planned_weighting": activities_planned_weighting,
    "activities/held_by_area": activities_held_by_area,
    "activities/deliverables_progress": activities_deliverables_progress,
    "activities/effect_targets_progress": activities_effect_targets_progress,
    "reach/table_2018": reach_table_2018, "reach/heat_table_2018": reach_heat_table_2018,
    "reach/by_channel_over_time": reach_by_channel_over_time,
    "reach/history_before_grant": reach_history_before_grant,
    "reach/growth_by_channel": reach_growth_by_channel,
    "reach/growth_by_organisation": reach_growth_by_organisation,
}


UNTWINNED: set[str] = set()  # queries the baseline ran through DuckDB, for want of a twin


def run(name: str, **params) -> pd.DataFrame:
    build = QUERIES.get(name)
    if build is None:
        from healthtech import queries

        UNTWINNED.add(name)
        return queries.execute(name, **params)
    result = build(params)
    result.attrs["query"] = name  # as queries.run names its result: tables take their key from it
    return result
