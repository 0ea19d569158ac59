"""Compare with: the data as it stood at an earlier moment (a steering-group meeting, a date, a stored version),
and what changed since.

The store keeps every version of every uploadable dataset with the time it was made (`store.py`), so the data
"as it stood then" is the version of each dataset that was current at that moment (the embedded files where
nothing had been imported yet, or after a rollback to 0). `files_at(moment)` gives that {dataset: [paths]}
mapping and `db.connect(files)` a connection over it, cached per version set. A query's earlier result is the
same SQL with the same parameters on that connection (`then`); when none of the datasets the query reads
changed since, the current result is the earlier one ("unchanged") without running anything.

The choice is the URL parameter `compare` (`filters.PARAMS`):
- `last` (the default): the newest meeting up to today in the `meetings` dataset, or nothing when there is none;
- `none`: no comparison;
- `YYYY-MM-DD`: the end of that day (Danish time), a meeting's date or any date;
- `<dataset>.v<N>`: the moment that stored version was made (import or rollback), the version included.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from healthtech import db, store
from healthtech.datasets import BY_NAME, DATASETS, UPLOADABLE, is_sample_path

LAST, NONE = "last", "none"
TZ = ZoneInfo("Europe/Copenhagen")
EARLIEST = dt.date(2014, 1, 1)  # the merged networks' previous period began 2014-07-01; nothing older to compare
_VERSION = re.compile(r"^([a-z_]+)\.v([0-9]{1,6})$")

# Delta states: what a figure's change is.
CHANGED, UNCHANGED, UNKNOWN = "changed", "unchanged", "unknown"


def parse(text) -> str:
    """The URL value, validated: `last`, `none`, an ISO date from 2014 to today, or a stored version that exists;
    anything else is the default `last`."""
    if text in (None, "", LAST):
        return LAST
    text = str(text)
    if text == NONE:
        return NONE
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is not None:
        return day.isoformat() if EARLIEST <= day <= dt.datetime.now(TZ).date() and len(text) == 10 else LAST
    match = _VERSION.match(text)
    if match and match[1] in UPLOADABLE and any(v.version == int(match[2]) for v in store.history(match[1])):
        return f"{match[1]}.v{int(match[2])}"
    return LAST


@dataclass(frozen=True)
class Basis:
    """What the figures are compared with: the moment (UTC), the choice it came from, and how to name it."""

    choice: str  # the parsed URL value it resolved from (a date or a version; `last` resolves to a date)
    moment: dt.datetime
    kind: str  # "meeting", "date" or "version"
    day: dt.date
    meeting_is_sample: bool = False
    dataset: str | None = None
    version: int | None = None


def end_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), TZ).astimezone(dt.UTC) - \
        dt.timedelta(microseconds=1)


def meetings() -> pd.DataFrame:
    """The meetings as they stand now (the `meetings` view), newest first: date, meeting, title, is_sample."""
    from healthtech import queries

    frame = queries.run("shared/meetings")
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def resolve(choice: str, meeting_rows: pd.DataFrame | None = None, today: dt.date | None = None) -> Basis | None:
    """The parsed choice as a moment; None for no comparison (`none`, or `last` with no meeting yet)."""
    if choice == NONE:
        return None
    rows = meetings() if meeting_rows is None else meeting_rows
    today = today or dt.datetime.now(TZ).date()
    if choice == LAST:
        past = rows[rows["date"] <= today]
        if past.empty:
            return None
        choice = past["date"].max().isoformat()
    match = _VERSION.match(choice)
    if match:
        version = next((v for v in store.history(match[1]) if v.version == int(match[2])), None)
        if version is None:
            return None
        moment = dt.datetime.fromisoformat(version.when)
        return Basis(choice, moment, "version", moment.astimezone(TZ).date(), dataset=match[1],
                     version=version.version)
    day = dt.date.fromisoformat(choice)
    same = rows[rows["date"] == day]
    if same.empty:
        return Basis(choice, end_of_day(day), "date", day)
    return Basis(choice, end_of_day(day), "meeting", day, meeting_is_sample=bool(same["is_sample"].all()))


# --- the data as it stood then --------------------------------------------------------------------------------

def version_at(dataset: str, moment: dt.datetime) -> store.Version | None:
    """The stored version being served at `moment` (None: the embedded files served)."""
    served = None
    for version in store.history(dataset):
        if dt.datetime.fromisoformat(version.when) <= moment:
            served = version
    return served if served is not None and served.file is not None else None


def files_at(moment: dt.datetime, exact: tuple[str, int] | None = None) -> dict[str, list[Path]]:
    """Each dataset's files as `db.dataset_files()` gave them at `moment`; `exact` (dataset, version): that
    dataset at that very version (the log's times are whole seconds, so two imports can share one)."""
    files = {}
    for ds in DATASETS:
        paths = ds.paths()
        version = version_at(ds.name, moment) if ds.uploadable else None
        if exact is not None and exact[0] == ds.name:
            version = next((v for v in store.history(ds.name) if v.version == exact[1] and v.file is not None), None)
        if version is not None and version.path is not None and version.path.is_file():
            paths = [p for p in paths if not is_sample_path(p)] + [version.path]
        files[ds.name] = paths
    return files


def basis_files(basis: Basis) -> dict[str, list[Path]]:
    """The files as they stood at the basis (a stored version: that version exactly)."""
    return files_at(basis.moment, (basis.dataset, basis.version) if basis.kind == "version" else None)


_lock = threading.Lock()
_connections: OrderedDict = OrderedDict()
_results: OrderedDict = OrderedDict()
KEEP_CONNECTIONS, KEEP_RESULTS = 3, 256


def _key(files: dict[str, list[Path]]) -> tuple:
    return tuple((name, tuple(str(p) for p in paths)) for name, paths in sorted(files.items()))


def connection_at(files: dict[str, list[Path]]):
    """A locked-down connection over an earlier version set (`db.connect`), shared per version set. Stored
    versions are immutable files, so the set's paths are its identity."""
    key = _key(files)
    with _lock:
        if key in _connections:
            _connections.move_to_end(key)
            return _connections[key]
    con = db.connect(files)
    with _lock:
        _connections[key] = con
        while len(_connections) > KEEP_CONNECTIONS:
            _connections.popitem(last=False)
    return con


def changed_datasets(basis: Basis) -> set[str]:
    """The datasets whose files differ between `basis` and now."""
    then, now = basis_files(basis), db.dataset_files()
    return {name for name in now if then.get(name) != now[name]}


def unknown_datasets(basis: Basis) -> set[str]:
    """Datasets that had no rows then (no file existed): their figures could not be known at that moment."""
    then, now = basis_files(basis), db.dataset_files()
    return {name for name in now if not then.get(name) and now[name]}


def _reads(name: str) -> set[str]:
    from healthtech import freshness, queries

    return freshness.datasets_read(queries.load(name).sql)


@dataclass(frozen=True)
class Then:
    """A query's earlier result: `frame` (None when it could not be known), and its state."""

    frame: pd.DataFrame | None
    state: str  # CHANGED (the data it reads changed; the frames may still be equal), UNCHANGED or UNKNOWN


def then(name: str, params: dict, basis: Basis | None, now: pd.DataFrame) -> Then | None:
    """The query `name` with `params` (the filter parameters its header declares are taken) as it would have
    returned at `basis`; `now` is its current result (returned as the earlier one when nothing it reads changed).
    None when there is no comparison."""
    if basis is None:
        return None
    from healthtech import queries

    reads = _reads(name)
    if reads & unknown_datasets(basis):
        return Then(None, UNKNOWN)
    if not reads & changed_datasets(basis):
        return Then(now, UNCHANGED)
    query = queries.load(name)
    declared = {k: params[k] for k in query.params}
    files = basis_files(basis)
    key = (query.sql, tuple(sorted(declared.items())), _key(files), db.data_version())
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return Then(_results[key].copy(), CHANGED)
    cursor = connection_at(files).cursor()
    try:
        frame = cursor.execute(query.sql, declared or None).df()
    finally:
        cursor.close()
    with _lock:
        _results[key] = frame
        while len(_results) > KEEP_RESULTS:
            _results.popitem(last=False)
    return Then(frame.copy(), CHANGED)


# --- deltas ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Delta:
    now: float | None
    then: float | None
    state: str

    @property
    def change(self) -> float | None:
        if self.state == UNKNOWN or self.now is None or self.then is None:
            return None
        return float(self.now) - float(self.then)

    @property
    def share(self) -> float | None:
        """The change as a share of the earlier value (None when that was 0 or missing)."""
        change = self.change
        return change / float(self.then) if change is not None and self.then else None

    @property
    def unchanged(self) -> bool:
        return self.state == UNCHANGED or self.change == 0


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def value_delta(now_value, earlier: Then | None, pick) -> Delta | None:
    """A single figure's delta: `pick(frame)` takes the figure from a query's result (the same way from both)."""
    if earlier is None:
        return None
    if earlier.state == UNKNOWN or earlier.frame is None:
        return Delta(_number(now_value), None, UNKNOWN)
    try:
        before = pick(earlier.frame)
    except (IndexError, KeyError):
        before = None
    return Delta(_number(now_value), _number(before), earlier.state)


def by_key(now: pd.DataFrame, earlier: Then | None, key, value: str) -> pd.DataFrame:
    """`now` with the earlier value (`<value>_then`) and the change (`<value>_change`) per key; a key that was not
    there then has no earlier value. Rows only in the earlier result are not added (the page shows today's rows)."""
    keys = [key] if isinstance(key, str) else list(key)
    out = now.copy()
    if earlier is None:
        return out
    if earlier.frame is None:
        out[f"{value}_then"] = pd.NA
        out[f"{value}_change"] = pd.NA
        return out
    before = earlier.frame[[*keys, value]].rename(columns={value: f"{value}_then"})
    before = before.drop_duplicates(subset=keys)
    out = out.merge(before, on=keys, how="left")
    out[f"{value}_change"] = out[value].astype("float64") - out[f"{value}_then"].astype("float64")
    return out


# --- corrections: the past changed by an upload after the moment ---------------------------------------------

DATE_COLUMNS = {"reach": "as_of", "companies": "joined_on", "activities": "date", "spending": "month",
                "meetings": "date"}


@dataclass(frozen=True)
class Correction:
    """Rows dated up to the moment that an upload after it added, changed or removed."""

    dataset: str
    added: int
    changed: int
    removed: int
    uploads: tuple[store.Version, ...]


def _frame_of(files: list[Path], dataset: str) -> pd.DataFrame:
    from healthtech import merge

    frames = []
    for path in files:
        raw = pd.read_parquet(path) if path.suffix == ".parquet" else \
            pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        frames.append(merge.canonical(raw, dataset))
    if not frames:
        return merge.canonical(pd.DataFrame(), dataset)
    # the facts file comes first and wins over an upload of the same key, as in the view (db.view_sql)
    return pd.concat(frames, ignore_index=True).drop_duplicates(subset=list(BY_NAME[dataset].key))


def corrections(basis: Basis | None) -> list[Correction]:
    """For each uploadable dataset with a date column: rows dated on or before the moment's day that differ
    between the data then and now (an upload after the meeting corrected the past), with the uploads that did it."""
    if basis is None:
        return []
    out = []
    then_files, now_files = basis_files(basis), db.dataset_files()
    for name, column in DATE_COLUMNS.items():
        if then_files[name] == now_files[name]:
            continue
        ds = BY_NAME[name]
        before, after = (_past(_frame_of(files, name), column, basis.day) for files in (then_files[name],
                                                                                        now_files[name]))
        values = [c for c in ds.column_names if c not in ds.key]
        joined = before.merge(after, on=list(ds.key), how="outer", suffixes=("_then", "_now"), indicator=True)
        added = int((joined["_merge"] == "right_only").sum())
        removed = int((joined["_merge"] == "left_only").sum())
        both = joined[joined["_merge"] == "both"]
        differs = pd.Series(False, index=both.index)
        for col in values:
            a, b = both[f"{col}_then"].astype(str), both[f"{col}_now"].astype(str)
            differs |= a != b
        changed = int(differs.sum())
        if added or removed or changed:
            uploads = tuple(v for v in store.history(name) if dt.datetime.fromisoformat(v.when) > basis.moment)
            out.append(Correction(name, added, changed, removed, uploads))
    return out


def _past(frame: pd.DataFrame, column: str, day: dt.date) -> pd.DataFrame:
    if frame.empty or column not in frame:
        return frame
    dates = pd.to_datetime(frame[column], errors="coerce").dt.date
    return frame[dates <= day].drop(columns=[c for c in ("data_origin",) if c in frame])
