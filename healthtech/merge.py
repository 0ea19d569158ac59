"""How an uploaded file combines with the rows already there: the plan of one import, before it is stored.

Two modes:
- `MERGE` (every uploadable dataset's rule in the registry, `Dataset.merge == MERGE_BY_KEY`): a row whose key
  is new is added, a row whose key exists replaces that row, a row the file does not mention is kept. Two
  monthly reach exports in a row keep both months and everything before them.
- `REPLACE` (the editor's explicit choice, never a default): the file becomes the whole dataset; the rows it
  does not mention are removed, and the plan lists them so the Data page and the CLI can show them and ask
  a second time.

A plan's `frame` is the full new version (a merged version is a whole file, so a rollback is still a pointer
to one file, byte for byte). Stored versions carry a `data_origin` column per row: rows carried over from the
embedded sample stay `sample` (labelled as sample on every page), rows from an upload are `upload`.

Pure pandas: no DuckDB, no Streamlit; `store.import_file` calls `plan` under the store's lock.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from healthtech import datasets

MERGE, REPLACE = "merge", "replace"
MODES = (MERGE, REPLACE)
ORIGIN = "data_origin"  # per row in a stored version: "sample" (carried over from data/sample/) or "upload"
CHANGE = "change"  # the preview's column: added, updated, kept, removed
COUNTS = ("added", "updated", "kept", "removed")


@dataclass(frozen=True)
class Plan:
    """What an import would do: the new version and the rows in each kind of change."""

    dataset: str
    mode: str
    frame: pd.DataFrame  # the full new version: canonical columns + data_origin, sorted by key
    added: pd.DataFrame
    updated: pd.DataFrame  # the new rows, with `before`: the old values of what changed ("count: 1700")
    kept: pd.DataFrame  # unchanged by this file: not in it (merge) or in it with the same values
    removed: pd.DataFrame  # replace only: rows the file does not mention

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in COUNTS}

    def changes(self, limit: int | None = None) -> pd.DataFrame:
        """Added, updated and removed rows in one table with a `change` column (kept rows are only counted)."""
        parts = []
        for kind in ("added", "updated", "removed"):
            part = getattr(self, kind)
            part = part.head(limit) if limit else part
            parts.append(part.assign(**{CHANGE: kind}))
        columns = [CHANGE, *datasets.get(self.dataset).column_names, "before"]
        out = pd.concat(parts, ignore_index=True) if any(len(p) for p in parts) else pd.DataFrame(columns=columns)
        return out.reindex(columns=columns)


def canonical(frame: pd.DataFrame, dataset: str, origin: str | None = None) -> pd.DataFrame:
    """The dataset's columns in the types the reader gives (dates as `datetime.date`, whole numbers as Int64),
    whatever read the rows (a stored Parquet file, the sample CSV, an upload); plus `data_origin`."""
    ds = datasets.get(dataset)
    n = len(frame)
    out = {}
    for col in ds.columns:
        values = frame[col.name].reset_index(drop=True) if col.name in frame else pd.Series([None] * n, dtype=object)
        if col.type == "DATE":
            parsed = pd.to_datetime(values, errors="raise")
            values = pd.Series([None if pd.isna(v) else v.date() for v in parsed], dtype=object)
        elif col.type in ("INTEGER", "BIGINT"):
            values = pd.to_numeric(values).astype("Int64")
        elif col.type.startswith(("DOUBLE", "DECIMAL")):
            values = pd.to_numeric(values).astype("float64")
        else:
            values = values.astype(object).where(values.notna(), None)
        out[col.name] = values
    if origin is not None:
        out[ORIGIN] = pd.Series([origin] * n, dtype=object)
    elif ORIGIN in frame:
        out[ORIGIN] = frame[ORIGIN].reset_index(drop=True).fillna("upload").astype(object)
    else:
        out[ORIGIN] = pd.Series(["upload"] * n, dtype=object)
    return pd.DataFrame(out, index=range(n))


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as text in one canonical form, so a date read by DuckDB equals the same date read from a file."""
    out = pd.DataFrame(index=frame.index)
    for c in frame.columns:
        values = frame[c]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_integer_dtype(values):
            values = values.astype("Int64")
        elif pd.api.types.is_numeric_dtype(values):
            values = values.astype("Float64").round(2)
        out[c] = values.map(lambda v: "" if pd.isna(v) else str(v))
    return out


def plan(dataset: str, current: pd.DataFrame, new: pd.DataFrame, mode: str = MERGE) -> Plan:
    """Combine `new` (a file's rows) with `current` (the rows there now) by the dataset's key."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    ds = datasets.get(dataset)
    key = list(ds.key)
    others = [c for c in ds.column_names if c not in key]
    old = canonical(current, dataset)
    fresh = canonical(new, dataset, origin="upload")
    old_text, new_text = comparable(old[list(ds.column_names)]), comparable(fresh[list(ds.column_names)])
    old_keys = list(zip(*(old_text[k] for k in key), strict=True))
    new_keys = list(zip(*(new_text[k] for k in key), strict=True))
    position = {k: i for i, k in enumerate(old_keys)}
    in_new = set(new_keys)

    added, updated, unchanged, before = [], [], [], []
    for j, k in enumerate(new_keys):
        i = position.get(k)
        if i is None:
            added.append(j)
            continue
        differs = []
        for c in others:
            if c == "source" and new_text.at[j, c] == "":
                continue  # a file without sources does not change a row's source
            if old_text.at[i, c] != new_text.at[j, c]:
                differs.append(f"{c}: {old_text.at[i, c] or '–'}")
        (updated if differs else unchanged).append(j)
        if differs:
            before.append("; ".join(differs))
    not_in_file = [i for i, k in enumerate(old_keys) if k not in in_new]

    if mode == MERGE:
        frame = pd.concat([old.iloc[not_in_file], fresh], ignore_index=True)
        kept = pd.concat([old.iloc[not_in_file], fresh.iloc[unchanged]], ignore_index=True)
        removed = old.iloc[[]]
    else:
        frame = fresh
        kept = fresh.iloc[unchanged]
        removed = old.iloc[not_in_file]
    frame = frame.sort_values(key, kind="stable", ignore_index=True) if len(frame) else frame
    return Plan(
        dataset=dataset, mode=mode, frame=frame.reset_index(drop=True),
        added=fresh.iloc[added].reset_index(drop=True),
        updated=fresh.iloc[updated].reset_index(drop=True).assign(before=before),
        kept=kept.reset_index(drop=True), removed=removed.reset_index(drop=True),
    )
