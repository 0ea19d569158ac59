"""Reproducible sample data, consistent with the seed figures, until real exports replace it.

`generate(out_dir, companies=456, participations=None, seed=SEED)` writes companies, activities,
participations, spending and reach snapshots. The same arguments give byte-identical files. At the default
size the sample matches the seeds (see data/README.md, "Sample data"):

- 456 companies (application §1), spread over the six organisations in proportion to the counts they state
  (LSI 33, MTIC 80, WT 136, CHC 100, MTI 107, ISV 159 = 615, scaled to 456 by largest remainder), each placed in
  a real municipality of its organisation's home region (MTIC: its 16 member municipalities; CHC: Hovedstaden
  and Sjælland); 159 paying members (all LSI and WT companies, topped up from ISV, Welfare Tech's own network),
  36 that expressed interest, the rest dedicated; 82 % with 1-10 employees.
- CVR-like ids are 8 digits that fail the CVR modulus-11 check, so they can never be a real CVR number.
- Activities over the grant period hitting the planned deliverables; participations giving ≈ 500 company persons
  in dissemination and matchmaking and ≈ 20 companies in collaboration projects; spending by month × funder ×
  area summing exactly to the budget (14,0 / 2,8 / 11,2 mio. kr.), areas near 30/30/25/15 %.
- Reach snapshots at the end of grant years 1 and 2, growing from the real 2018 rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from healthtech import config

SEED = 20181201
START, END = dt.date(2018, 12, 1), dt.date(2020, 11, 30)
SAMPLE_SOURCE = "sample: healthtech/sample.py"

STATED = {"LSI": 33, "MTIC": 80, "WT": 136, "CHC": 100, "MTI": 107, "ISV": 159}
HOME_REGIONS = {"LSI": (1081,), "MTIC": (1082,), "WT": (1083,), "CHC": (1084, 1085), "MTI": (1084,), "ISV": (1083,)}
HOME_MUNICIPALITY = {"LSI": 851, "MTIC": 751, "WT": 461, "CHC": 101, "MTI": 173, "ISV": 461}
MTIC_MUNICIPALITIES = (615, 657, 661, 665, 671, 706, 707, 710, 727, 740, 741, 746, 751, 756, 760, 791)
PAYING, INTEREST = 159, 36
SMALL_SHARE = 0.82
SIZE_BANDS = ((1, 10), (11, 49), (50, 249), (250, 1000))
BUDGET = {"ministry": 14_000_000, "regional": 2_800_000, "private": 11_200_000}
AREA_SHARES = {"dissemination": 0.30, "matchmaking": 0.30, "collaboration": 0.25, "internationalisation": 0.15}
# kind -> (area, number held in the period, companies per event (low, high), persons per company (low, high))
ACTIVITY_PLAN = {
    "newsletter": ("dissemination", 18, None, None),
    "whitepaper": ("dissemination", 3, None, None),
    "conference": ("dissemination", 4, (30, 40), (1, 2)),
    "after_work_meeting": ("dissemination", 8, (8, 12), (1, 1)),
    "workshop": ("dissemination", 3, (10, 14), (1, 2)),
    "matchmaking": ("matchmaking", 4, (20, 28), (1, 2)),
    "collaboration_project": ("collaboration", 5, (4, 5), (1, 2)),
    "study_trip": ("internationalisation", 2, (8, 12), (1, 1)),
    "other": ("internationalisation", 4, (22, 30), (1, 1)),  # international-market webinars
}
TITLES = {
    "newsletter": "Nyhedsbrev", "whitepaper": "Whitepaper", "conference": "Konference",
    "after_work_meeting": "Gå-hjem-møde", "workshop": "Workshop", "matchmaking": "Matchmaking",
    "collaboration_project": "Samarbejdsprojekt", "study_trip": "Studietur", "other": "Internationalt webinar",
}
NAME_WORDS = ("Sundhed", "Medtech", "Velfærd", "Care", "Rehab", "Data", "Sensor", "Diagnostik", "Puls", "Mobilitet")
REACH_GROWTH = {"newsletter": 0.06, "linkedin_group": 0.03, "linkedin_page": 0.22, "twitter": 0.09}


def largest_remainder(weights: dict[str, float], total: int) -> dict[str, int]:
    """Integers proportional to `weights` that sum to exactly `total`."""
    keys = list(weights)
    raw = np.array([weights[k] for k in keys], dtype=float)
    raw = raw / raw.sum() * total
    floors = np.floor(raw).astype(int)
    order = np.argsort(-(raw - floors), kind="stable")
    floors[order[: total - floors.sum()]] += 1
    return dict(zip(keys, floors.tolist(), strict=True))


def fake_cvr(rng: np.random.Generator, n: int) -> list[str]:
    """8-digit numbers, first digit 1-9, that fail the CVR modulus-11 check: never a real CVR number."""
    weights = np.array([2, 7, 6, 5, 4, 3, 2, 1])
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        digits = rng.integers(0, 10, size=(2 * (n - len(out)) + 8, 8))
        digits[:, 0] = rng.integers(1, 10, size=len(digits))
        for row in digits[(digits @ weights) % 11 != 0]:
            text = "".join(map(str, row))
            if text not in seen and len(out) < n:
                seen.add(text)
                out.append(text)
    return out


def is_valid_cvr(number: str) -> bool:
    return len(number) == 8 and number.isdigit() and sum(int(d) * w for d, w in
                                                         zip(number, (2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11 == 0


def _municipalities() -> pd.DataFrame:
    return pd.read_csv(config.DATA_DIR / "geo" / "municipalities.csv")


def _places(rng, cluster: str, n: int, municipalities: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Municipality and region codes for n companies of a cluster: 30 % in the home municipality."""
    if cluster == "MTIC":
        pool = municipalities[municipalities["kommune_code"].isin(MTIC_MUNICIPALITIES)]
    else:
        pool = municipalities[municipalities["region_code"].isin(HOME_REGIONS[cluster])]
    codes = pool["kommune_code"].to_numpy()
    home = HOME_MUNICIPALITY[cluster]
    weights = np.where(codes == home, 0.30 * (len(codes) - 1) / 0.70, 1.0)
    chosen = rng.choice(codes, size=n, p=weights / weights.sum())
    region_of = dict(zip(pool["kommune_code"], pool["region_code"], strict=True))
    return chosen, np.array([region_of[c] for c in chosen])


def companies(rng: np.random.Generator, n: int) -> pd.DataFrame:
    municipalities = _municipalities()
    per_cluster = largest_remainder(STATED, n)
    clusters = np.concatenate([[c] * k for c, k in per_cluster.items()])
    muni = np.empty(n, dtype=int)
    region = np.empty(n, dtype=int)
    start = 0
    for cluster, k in per_cluster.items():
        muni[start:start + k], region[start:start + k] = _places(rng, cluster, k, municipalities)
        start += k

    # Membership: paying members are all LSI and WT companies, topped up from ISV; interest among the rest.
    paying_target = round(PAYING * n / 456)
    interest_target = round(INTEREST * n / 456)
    membership = np.full(n, "dedicated", dtype=object)
    paying_pool = np.flatnonzero(np.isin(clusters, ["LSI", "WT"]))
    if len(paying_pool) < paying_target:
        isv = np.flatnonzero(clusters == "ISV")
        paying_pool = np.concatenate([paying_pool, rng.choice(isv, paying_target - len(paying_pool), replace=False)])
    else:
        paying_pool = rng.choice(paying_pool, paying_target, replace=False)
    membership[paying_pool] = "paying"
    rest = np.flatnonzero(membership == "dedicated")
    membership[rng.choice(rest, interest_target, replace=False)] = "interest"

    # Employees: exactly round(82 %) in 1-10, the rest over the larger bands.
    small = round(SMALL_SHARE * n)
    bands = np.concatenate([np.zeros(small, int), rng.choice([1, 2, 3], size=n - small, p=[0.72, 0.22, 0.06])])
    rng.shuffle(bands)
    lows = np.array([b[0] for b in SIZE_BANDS])[bands]
    highs = np.array([b[1] for b in SIZE_BANDS])[bands]
    employees = rng.integers(lows, highs + 1)

    first, last = dt.date(2014, 7, 1).toordinal(), END.toordinal()
    joined = rng.triangular(first, dt.date(2018, 6, 1).toordinal(), last, size=n).astype(int)
    words = rng.choice(NAME_WORDS, size=n)
    forms = rng.choice(["ApS", "A/S", "IVS"], size=n, p=[0.7, 0.25, 0.05])
    width = max(3, len(str(n)))
    return pd.DataFrame({
        "company_id": [f"S{i:0{width + 1}d}" for i in range(1, n + 1)],
        "name": [f"Eksempel {w} {i:0{width}d} {f}" for i, (w, f) in enumerate(zip(words, forms, strict=True), 1)],
        "cvr": fake_cvr(rng, n),
        "municipality_code": muni,
        "region_code": region,
        "cluster": clusters,
        "employees": employees,
        "membership": membership,
        "joined_on": [dt.date.fromordinal(int(d)).isoformat() for d in joined],
    })


def _random_dates(rng, n: int) -> list[dt.date]:
    days = rng.integers(START.toordinal(), END.toordinal() + 1, size=n)
    return [dt.date.fromordinal(int(d)) for d in np.sort(days)]


def activities(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    clusters = list(STATED)
    for kind, (area, count, _, _) in ACTIVITY_PLAN.items():
        for number, date in enumerate(_random_dates(rng, count), 1):
            cluster = clusters[int(rng.integers(0, len(clusters)))]
            region = HOME_REGIONS[cluster][0]
            rows.append({"date": date.isoformat(), "area": area, "kind": kind,
                         "title": f"{TITLES[kind]} {number}/{date.year} (eksempel)", "cluster": cluster,
                         "region_code": region})
    df = pd.DataFrame(rows).sort_values(["date", "kind"], kind="stable").reset_index(drop=True)
    df.insert(0, "activity_id", [f"A{i:04d}" for i in range(1, len(df) + 1)])
    return df


def participations(rng, acts: pd.DataFrame, comps: pd.DataFrame, total: int | None) -> pd.DataFrame:
    """Companies taking part in events; with `total`, exactly that many (activity, company) pairs."""
    ids = comps["company_id"].to_numpy()
    events = acts[acts["kind"].map(lambda k: ACTIVITY_PLAN[k][2] is not None)]
    if total is None:
        parts = []
        for activity_id, kind in zip(events["activity_id"], events["kind"], strict=True):
            _, _, (lo, hi), (plo, phi) = ACTIVITY_PLAN[kind]
            k = int(rng.integers(lo, hi + 1))
            chosen = rng.choice(ids, size=k, replace=False)
            parts.append(pd.DataFrame({"activity_id": activity_id, "company_id": chosen,
                                       "persons": rng.integers(plo, phi + 1, size=k)}))
        return pd.concat(parts, ignore_index=True)
    pairs = pd.DataFrame(columns=["activity_id", "company_id"])
    while len(pairs) < total:
        need = total - len(pairs)
        draw = pd.DataFrame({"activity_id": rng.choice(events["activity_id"].to_numpy(), size=need * 2),
                             "company_id": rng.choice(ids, size=need * 2)})
        pairs = pd.concat([pairs, draw]).drop_duplicates(ignore_index=True).head(total)
    pairs["persons"] = rng.integers(1, 3, size=len(pairs))
    return pairs.sort_values(["activity_id", "company_id"], ignore_index=True)


def spending(rng: np.random.Generator) -> pd.DataFrame:
    """Month x funder x area in øre-exact amounts: each funder's total is exactly its budget."""
    months = pd.date_range(START, END, freq="MS").date
    ramp = np.linspace(0.7, 1.2, len(months)) * rng.uniform(0.85, 1.15, len(months))
    rows = []
    for funder, total in BUDGET.items():
        shares = np.array(list(AREA_SHARES.values())) + rng.uniform(-0.015, 0.015, len(AREA_SHARES))
        cells = {(m, a): ramp[i] * shares[j] for i, m in enumerate(months) for j, a in enumerate(AREA_SHARES)}
        ore = largest_remainder({f"{m}|{a}": w for (m, a), w in cells.items()}, total * 100)
        for key, amount in ore.items():
            month, area = key.split("|")
            rows.append({"month": month, "funder": funder, "area": area, "amount_dkk": f"{amount / 100:.2f}"})
    return pd.DataFrame(rows)


def reach(rng: np.random.Generator) -> pd.DataFrame:
    real = pd.read_csv(config.DATA_DIR / "facts" / "reach.csv")
    rows = []
    for _, r in real.iterrows():
        count = float(r["count"])
        for as_of in ("2019-11-30", "2020-11-30"):  # the ends of grant years 1 and 2
            count *= 1 + REACH_GROWTH[r["channel"]] * rng.uniform(0.6, 1.4)
            rows.append({"organisation": r["organisation"], "channel": r["channel"], "count": round(count),
                         "as_of": as_of, "source": SAMPLE_SOURCE})
    return pd.DataFrame(rows)


# Sample steering-group meetings: 1-2 a year over the grant period and after (application §6), until the real
# dates are uploaded. Fixed dates, no randomness: the comparison a reader sees does not move with the seed.
MEETING_DATES = ("2019-03-14", "2019-10-03", "2020-05-12", "2020-11-19", "2021-06-10")


def meetings() -> pd.DataFrame:
    return pd.DataFrame({"date": MEETING_DATES, "meeting": "steering_group", "title": None})


def generate(out_dir: Path, companies_n: int = 456, participations_n: int | None = None,
             seed: int = SEED) -> dict[str, int]:
    """Write the sample datasets as CSV into `out_dir`; returns rows per dataset."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    comps = companies(rng, companies_n)
    acts = activities(rng)
    frames = {
        "companies": comps,
        "activities": acts,
        "participations": participations(rng, acts, comps, participations_n),
        "spending": spending(rng),
        "reach": reach(rng),
        "meetings": meetings(),
    }
    for name, frame in frames.items():
        frame.to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n")
    return {name: len(frame) for name, frame in frames.items()}


# ---------------------------------------------------------------------------------------------------------------
# Scale mode: the same shape at any size, vectorised and written as Parquet in chunks (`generate_parquet`).
# The default-size CSV path above is untouched (tests check it byte for byte); this one is for benchmarks and
# curves (docs/scaling.md): 1 M companies / 10 M participations in about a minute on two cores, never holding
# the participations in memory more than one activity at a time.

ROW_GROUP = 122_880  # DuckDB's own row-group size: one Parquet row group per DuckDB task, both cores busy
PARQUET_FROM_COMPANIES, PARQUET_FROM_PARTICIPATIONS = 100_000, 1_000_000


def _fake_cvr_vectorised(rng: np.random.Generator, n: int) -> np.ndarray:
    """`fake_cvr` for millions: 8-digit numbers failing modulus 11, unique, in the order drawn."""
    weights = np.array([2, 7, 6, 5, 4, 3, 2, 1])
    found = np.empty(0, dtype=np.int64)
    while len(found) < n:
        draw = rng.integers(10_000_000, 100_000_000, size=int((n - len(found)) * 1.2) + 16)
        digits = (draw[:, None] // 10 ** np.arange(7, -1, -1)) % 10
        draw = draw[(digits @ weights) % 11 != 0]
        found = np.concatenate([found, draw])
        _, first = np.unique(found, return_index=True)
        found = found[np.sort(first)]
    return found[:n].astype(str)


def companies_at_scale(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """`companies()` vectorised: the same clusters, places, membership and size shares, for any n."""
    municipalities = _municipalities()
    per_cluster = largest_remainder(STATED, n)
    clusters = np.repeat(np.array(list(per_cluster)), list(per_cluster.values()))
    muni = np.empty(n, dtype=np.int32)
    region = np.empty(n, dtype=np.int32)
    start = 0
    for cluster, k in per_cluster.items():
        muni[start:start + k], region[start:start + k] = _places(rng, cluster, k, municipalities)
        start += k
    # Paying: every LSI and WT company, topped up from ISV to 159/456 of all; interest 36/456 among the rest.
    paying_target, interest_target = round(PAYING * n / 456), round(INTEREST * n / 456)
    core = np.isin(clusters, ["LSI", "WT"])
    isv = clusters == "ISV"
    top_up = max(0, paying_target - int(core.sum()))
    paying = core.copy()
    paying[rng.choice(np.flatnonzero(isv), min(top_up, int(isv.sum())), replace=False)] = True
    membership = np.where(paying, "paying", "dedicated").astype(object)
    rest = np.flatnonzero(~paying)
    membership[rng.choice(rest, min(interest_target, len(rest)), replace=False)] = "interest"
    small = round(SMALL_SHARE * n)
    bands = np.concatenate([np.zeros(small, int), rng.choice([1, 2, 3], size=n - small, p=[0.72, 0.22, 0.06])])
    rng.shuffle(bands)
    lows, highs = np.array([b[0] for b in SIZE_BANDS])[bands], np.array([b[1] for b in SIZE_BANDS])[bands]
    employees = rng.integers(lows, highs + 1).astype(np.int32)
    first, last = dt.date(2014, 7, 1).toordinal(), END.toordinal()
    joined = rng.triangular(first, dt.date(2018, 6, 1).toordinal(), last, size=n).astype(int)
    epoch = dt.date(1970, 1, 1).toordinal()
    words = rng.choice(NAME_WORDS, size=n)
    forms = rng.choice(["ApS", "A/S", "IVS"], size=n, p=[0.7, 0.25, 0.05])
    width = max(3, len(str(n)))
    numbers = np.char.zfill(np.arange(1, n + 1).astype(str), width)
    return pd.DataFrame({
        "company_id": np.char.add("S0", numbers).astype(object),
        "name": [f"Eksempel {w} {i} {f}" for w, i, f in zip(words, numbers, forms, strict=True)],
        "cvr": _fake_cvr_vectorised(rng, n).astype(object),
        "municipality_code": muni,
        "region_code": region,
        "cluster": clusters.astype(object),
        "employees": employees,
        "membership": membership,
        "joined_on": (joined - epoch).astype("datetime64[D]"),
    })


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=ROW_GROUP,
                   compression="zstd")


def _participations_at_scale(rng, acts: pd.DataFrame, company_ids, total: int | None, path: Path) -> int:
    """Exactly `total` distinct (activity, company) pairs over the events, sorted like the CSV path, written one
    activity at a time (the whole set is never in memory). Each event gets a share of `total` in proportion to
    its planned size; without `total`, the planned sizes scaled by n / 456."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = len(company_ids)
    events = acts[acts["kind"].map(lambda k: ACTIVITY_PLAN[k][2] is not None)]
    planned = {a: sum(ACTIVITY_PLAN[k][2]) / 2 for a, k in zip(events["activity_id"], events["kind"], strict=True)}
    if total is None:
        total = round(sum(planned.values()) * n / 456)
    if total > len(planned) * n:
        raise ValueError(f"{total} participations need more than {len(planned)} events x {n} companies")
    sizes = largest_remainder(planned, total)
    overflow = sum(max(0, k - n) for k in sizes.values())  # an event cannot hold more than every company
    sizes = {a: min(k, n) for a, k in sizes.items()}
    for a in sizes:
        extra = min(overflow, n - sizes[a])
        sizes[a] += extra
        overflow -= extra
    schema = pa.schema([("activity_id", pa.string()), ("company_id", pa.string()), ("persons", pa.int32())])
    ids = pa.array(company_ids, type=pa.string())
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for activity_id in sorted(sizes):
            k = sizes[activity_id]
            chosen = np.sort(rng.choice(n, size=k, replace=False))
            for lo in range(0, k, ROW_GROUP * 4):
                part = chosen[lo:lo + ROW_GROUP * 4]
                writer.write_table(pa.table({
                    "activity_id": pa.array(np.full(len(part), activity_id, dtype=object), type=pa.string()),
                    "company_id": ids.take(pa.array(part)),
                    "persons": pa.array(rng.integers(1, 3, size=len(part)).astype(np.int32)),
                }, schema=schema), row_group_size=ROW_GROUP)
    return total


def generate_parquet(out_dir: Path, companies_n: int, participations_n: int | None = None,
                     seed: int = SEED) -> dict[str, int]:
    """Scale mode: the sample datasets as Parquet (companies and participations in row groups of `ROW_GROUP`).
    Same shape as `generate()` (clusters, places, membership, sizes, the same activities, spending and reach),
    not the same rows; the same arguments give the same data."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    comps = companies_at_scale(rng, companies_n)
    _write_parquet(comps, out_dir / "companies.parquet")
    company_ids = comps["company_id"].to_numpy()
    del comps
    acts = activities(rng)
    rows = {"companies": companies_n, "activities": len(acts)}
    rows["participations"] = _participations_at_scale(rng, acts, company_ids, participations_n,
                                                      out_dir / "participations.parquet")
    for name, frame in {"activities": acts, "spending": spending(rng), "reach": reach(rng)}.items():
        _write_parquet(frame, out_dir / f"{name}.parquet")
        rows[name] = len(frame)
    return rows
