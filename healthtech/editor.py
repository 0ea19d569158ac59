"""The Data page's sections (editors only): upload → report → preview of changes → confirm; history with
rollback; share links with their revoke list. The page file calls these in order."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

import pandas as pd
import streamlit as st

from healthtech import (
    access,
    app,
    datasets,
    export,
    filters,
    formatting,
    geo,
    i18n,
    ingest,
    merge,
    queries,
    sandbox,
    store,
)
from healthtech.chrome import public_url


def _flash(message: str) -> None:
    st.session_state["_data_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("_data_flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def choose_dataset(ctx: app.PageContext) -> str:
    """The dataset to upload to, by its label only (the command line's code, `--as reach`, would be English on a
    Danish page). The choice is kept in `data_dataset` and re-seeded into the widget every run, so a language
    switch redraws the chosen option in the new language (a keyed selectbox alone keeps its old text)."""
    st.session_state.setdefault("data_dataset", datasets.UPLOADABLE[0])
    filters.widget("data_dataset", st.selectbox, ctx.t("data.dataset"), datasets.UPLOADABLE,
                   placeholder=ctx.t("choose"), format_func=lambda name: datasets.get(name).label(ctx.lang))
    return st.session_state["data_dataset"]


_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
</style>"""  # static, no data


def upload(ctx: app.PageContext, dataset: str) -> None:
    st.header(ctx.t("data.upload.header"))
    ds = datasets.get(dataset)
    # Each column by the header in the reader's language first, the other one in parentheses (both are read).
    st.caption(ctx.t("data.columns", columns=", ".join(
        (f"{c.aliases[0]} ({c.name})" if ctx.lang == "da" else f"{c.name} ({c.aliases[0]})") if c.aliases
        else c.name for c in ds.columns)))
    current_data(ctx, dataset)
    counter = st.session_state.setdefault("_upload_n", 0)
    # Streamlit writes the uploader's size limit in English ("50MB per file"): hidden, our label says it instead.
    st.html(_UPLOADER_CSS)
    file = st.file_uploader(ctx.t("data.file", mb=st.get_option("server.maxUploadSize")),
                            type=["csv", "xlsx", "txt", "tsv"], key=f"_upload_{counter}")
    if file is None:
        return
    data = file.getvalue()
    shown_name = app.plain(file.name)
    with st.status(ctx.t("data.reading", file=shown_name), expanded=False) as status:
        result = _read(data, file.name, dataset)
        if result.ok:
            conventions = ", ".join(ctx.t(f"data.convention.{k}.{v}") if f"data.convention.{k}.{v}" in i18n.TEXTS
                                    else str(v) for k, v in result.conventions.items() if k != "format")
            status.update(label=ctx.t("data.read_done", file=shown_name, rows=formatting.number(
                len(result.frame), ctx.lang), conventions=conventions), state="complete")
        else:
            status.update(label=ctx.t("data.read_failed", file=shown_name, count=len(result.problems)),
                          state="error")
    _report(ctx, result)
    if not result.ok:
        return
    mode = st.radio(ctx.t("data.mode"), merge.MODES, key="_data_mode", format_func=lambda m: ctx.t(f"data.mode.{m}"))
    st.caption(ctx.t("data.mode.rule", dataset=ds.label(ctx.lang), columns=" × ".join(ds.key)))
    head = store.head(dataset)
    planned = _plan(data, dataset, result, mode, head)
    _preview(ctx, dataset, planned)
    removed = len(planned.removed)
    confirmed = True
    if removed:
        st.warning(ctx.t("data.replace.warning", removed=formatting.number(removed, ctx.lang)),
                   icon=":material/warning:")
        confirmed = st.checkbox(ctx.t("data.replace.confirm", removed=formatting.number(removed, ctx.lang)),
                                key=f"_replace_ok_{counter}")
    if st.button(ctx.t("data.confirm"), type="primary", icon=":material/save:", disabled=not confirmed):
        try:
            version, done = store.import_file(dataset, result.frame, mode=mode, original=data,
                                              original_name=file.name, who=ctx.user.name or ctx.user.role,
                                              head_seen=head)
        except store.StoreError:
            st.error(ctx.t("data.stale", version=store.head(dataset)), icon=":material/error:")
            return
        st.session_state["_upload_n"] = counter + 1
        _flash(ctx.t("data.saved", dataset=ds.label(ctx.lang), version=version.version,
                     rows=formatting.number(version.rows, ctx.lang), counts=counts_text(done.counts(), ctx.lang)))
        st.rerun()


def counts_text(counts: dict[str, int], lang: str) -> str:
    """"tilføjet 15, opdateret 0, beholdt 30, fjernet 0" (the CLI prints the same)."""
    return i18n.t("data.counts", lang, **{k: formatting.number(n, lang) for k, n in counts.items()})


def current_data(ctx: app.PageContext, dataset: str) -> None:
    """The data an upload would replace, as a Danish spreadsheet: edit it and upload it again."""
    def frame() -> pd.DataFrame:
        return export.dataset_frame(queries.run(f"data/{dataset}_rows"), dataset, ctx.lang)

    csv_col, xlsx_col = st.columns(2, width=640)
    csv_col.download_button(ctx.t("data.current.csv"), lambda: export.csv_bytes(frame(), "da"),
                            file_name=f"{dataset}.csv", mime="text/csv", on_click="ignore",
                            icon=":material/download:", key="current_csv")
    xlsx_col.download_button(ctx.t("data.current.xlsx"), lambda: export.xlsx_bytes([export.Sheet(dataset, frame())]),
                             file_name=f"{dataset}.xlsx", mime=export.XLSX_MIME, on_click="ignore",
                             icon=":material/download:", key="current_xlsx")


def _read(data: bytes, name: str, dataset: str) -> ingest.Result:
    """Read an upload once, in a child process with limits (healthtech/sandbox.py): the confirm click and other
    reruns reuse the result (keyed on the bytes' hash)."""
    key = (hashlib.sha256(data).hexdigest(), name, dataset)
    cached = st.session_state.get("_upload_read")
    if cached and cached[0] == key:
        return cached[1]
    result = sandbox.read_bytes(data, name, dataset)
    st.session_state["_upload_read"] = (key, result)
    return result


def _plan(data: bytes, dataset: str, result: ingest.Result, mode: str, head: int) -> merge.Plan:
    """The preview's plan, made once per file, mode and store head (ticking the confirmation reruns the page)."""
    key = (hashlib.sha256(data).hexdigest(), dataset, mode, head)
    cached = st.session_state.get("_upload_plan")
    if cached and cached[0] == key:
        return cached[1]
    planned = merge.plan(dataset, store.current_frame(dataset), result.frame, mode)
    st.session_state["_upload_plan"] = (key, planned)
    return planned


def _report(ctx: app.PageContext, result: ingest.Result) -> None:
    report = result.report(ctx.lang)
    report["kind"] = report["kind"].map(lambda kind: ctx.t(f"data.report.{kind}"))
    report = report.rename(columns={c: ctx.t(f"data.report.col.{c}") for c in report.columns})
    if result.problems:
        st.error(ctx.t("data.problems"), icon=":material/error:")
    elif result.notices:
        st.markdown(f"**{ctx.t('data.notices')}**")
    if not report.empty:
        st.dataframe(report, hide_index=True, key="_report")
        st.download_button(ctx.t("data.report.download"), export.csv_bytes(report, "da"),
                           file_name=f"validation_{result.dataset}.csv", mime="text/csv", on_click="ignore",
                           icon=":material/download:")


PREVIEW_ROWS = 50


def _preview(ctx: app.PageContext, dataset: str, planned: merge.Plan) -> None:
    st.markdown(f"**{ctx.t('data.changes')}**")
    counts = planned.counts()
    st.markdown(counts_text(counts, ctx.lang))
    for column, (kind, n) in zip(st.columns(4), counts.items(), strict=True):
        column.metric(ctx.t(f"data.change.{kind}"), formatting.number(n, ctx.lang))
    rows = planned.changes(limit=PREVIEW_ROWS)
    if rows.empty:
        st.caption(ctx.t("data.changes.none"))
        return
    st.caption(ctx.t("data.changes.rows", limit=PREVIEW_ROWS))
    shown = preview_frame(rows, dataset, ctx.lang)
    shown.insert(0, ctx.t("data.change.col.change"), rows[merge.CHANGE].map(lambda k: ctx.t(f"data.change.{k}")))
    shown[ctx.t("data.change.col.before")] = rows["before"].fillna("")
    st.dataframe(shown, hide_index=True, key="_preview")


_PREVIEW_FORMATS = {"month": formatting.month, "amount_dkk": formatting.dkk}


def preview_frame(frame: pd.DataFrame, dataset: str, lang: str) -> pd.DataFrame:
    """The rows an upload would store, as the reader reads them: headers in their language, labels for codes,
    region and municipality names, dates and numbers in their format (text, so Streamlit does not reformat)."""
    ds = datasets.get(dataset)
    out = pd.DataFrame(index=frame.index)
    for col in ds.columns:
        if col.name not in frame:
            continue
        namespaces = [n for n in ingest.LABEL_NAMESPACES.get(col.name, ()) if n != "organisation"]
        if col.name == "region_code":
            show = functools.partial(geo.region_name, lang=lang)
        elif col.name == "municipality_code":
            show = geo.municipality_name
        elif col.values and namespaces:
            show = functools.partial(i18n.label, namespaces[0], lang=lang)
        elif col.name in _PREVIEW_FORMATS:
            show = functools.partial(_PREVIEW_FORMATS[col.name], lang=lang)
        elif col.type == "DATE":
            show = functools.partial(formatting.date, lang=lang)
        elif col.type.startswith(("BIGINT", "INTEGER", "DECIMAL", "DOUBLE")):
            show = functools.partial(formatting.number, lang=lang)
        else:
            show = str
        header = i18n.t(f"col.{col.name}", lang) if f"col.{col.name}" in i18n.TEXTS else col.name
        out[header] = ["–" if formatting.missing(v) else show(v) for v in frame[col.name]]
    return out


def history(ctx: app.PageContext, dataset: str) -> None:
    st.header(ctx.t("data.history.header"))
    versions = store.history(dataset)
    if not versions:
        st.caption(ctx.t("data.history.empty"))
        return
    current = versions[-1].version
    rows = [{
        ctx.t("data.history.version"): v.version,
        ctx.t("data.history.event"): _event(ctx, v),
        ctx.t("data.history.when"): formatting.timestamp(dt.datetime.fromisoformat(v.when).astimezone(), ctx.lang),
        ctx.t("data.history.who"): v.who,
        ctx.t("data.history.rows"): formatting.number(v.rows, ctx.lang),
        ctx.t("data.history.file"): v.original_name or "–",
        ctx.t("data.history.sha256"): (v.sha256 or "–")[:12],
        ctx.t("data.history.current"): "✓" if v.version == current else "",
    } for v in reversed(versions)]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="_history")
    choices = [0] + [v.version for v in versions if v.event == "import"]
    with st.form("rollback"):
        target = st.selectbox(ctx.t("data.rollback.to"), choices, index=None, placeholder=ctx.t("choose"),
                              format_func=lambda n: ctx.t("data.rollback.embedded") if n == 0 else str(n))
        target = filters.choice(target, choices)
        if st.form_submit_button(ctx.t("data.rollback.button"), icon=":material/undo:") and target is not None:
            try:
                version = store.rollback(dataset, target, who=ctx.user.name or ctx.user.role)
            except store.StoreError as error:
                st.error(str(error), icon=":material/error:")
                return
            _flash(ctx.t("data.rolled_back", dataset=datasets.get(dataset).label(ctx.lang),
                         version=version.version, to=target))
            st.rerun()


def _event(ctx: app.PageContext, version: store.Version) -> str:
    if version.event == "rollback":
        return ctx.t("data.event.rollback", version=version.rolled_back_to)
    text = ctx.t(f"data.event.import.{version.mode}") if version.mode else ctx.t("data.event.import")
    return f"{text} ({counts_text(version.counts, ctx.lang)})" if version.counts else text


# The link form's choices (access.parse_expiry's notation); "tomorrow" is the meeting link.
LINK_DURATIONS = ("tomorrow", "3h", "1d", "1w", "2w", "30d", "90d")


def _when(iso: str | None, lang: str) -> str:
    """A stored UTC time as the reader's local date and time."""
    return formatting.timestamp(dt.datetime.fromisoformat(iso).astimezone(access.LOCAL_ZONE).replace(tzinfo=None),
                                lang) if iso else "–"


def share_links(ctx: app.PageContext) -> None:
    st.header(ctx.t("data.links.header"))
    secrets = access.load_secrets()
    if secrets is None or not secrets.signing_keys:
        st.info(ctx.t("data.links.local"), icon=":material/info:")
        return
    with st.form("make_link"):
        role = st.radio(ctx.t("data.links.role"), access.LINK_ROLES, horizontal=True,
                        format_func=lambda r: ctx.t(f"role.{r}"))
        role = filters.choice(role, access.LINK_ROLES, access.REVIEWER)
        region = st.selectbox(ctx.t("data.links.region"), [None, *geo.region_codes()], placeholder=ctx.t("choose"),
                              format_func=lambda c: ctx.t("filters.all_regions") if c is None
                              else geo.region_name(c, ctx.lang))
        region = filters.choice(region, geo.region_codes())
        lasts = st.selectbox(ctx.t("data.links.lasts"), LINK_DURATIONS, index=LINK_DURATIONS.index("2w"),
                             format_func=lambda d: ctx.t(f"data.links.lasts.{d}"), placeholder=ctx.t("choose"))
        if st.form_submit_button(ctx.t("data.links.make"), icon=":material/link:"):
            expires = access.parse_expiry(lasts if lasts in LINK_DURATIONS else "2w")
            token, token_id = access.issue_link(secrets, role, expires, region, ctx.user.name or ctx.user.role)
            st.success(ctx.t("data.links.made", token_id=token_id, expires=_when(expires.isoformat(), ctx.lang)))
            st.code(f"{public_url()}?token={token}", language=None)
    _link_list(ctx)


def _link_list(ctx: app.PageContext) -> None:
    made = access.links()
    if not made:
        st.caption(ctx.t("data.links.none"))
        return
    status = {True: "revoked"}

    def state(link: dict) -> str:
        return status.get(link["revoked"]) or ("expired" if link["expired"] else "active")

    rows = [{
        ctx.t("data.links.id"): link["token_id"],
        ctx.t("data.links.role"): ctx.t(f"role.{link['role']}"),
        ctx.t("data.links.region"): geo.region_name(link["region"], ctx.lang) if link["region"] else "–",
        ctx.t("data.links.expires"): _when(link["expires"], ctx.lang),
        ctx.t("data.links.made_by"): link.get("who", "–"),
        ctx.t("data.links.status"): ctx.t(f"data.links.status.{state(link)}"),
        ctx.t("data.links.opened"): link["opened"],
        ctx.t("data.links.last_opened"): _when(link["last_opened"], ctx.lang),
    } for link in made]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="_links")
    st.caption(ctx.t("data.links.opened.explain"))
    active = [link["token_id"] for link in made if state(link) == "active"]
    with st.form("revoke"):
        chosen = filters.choice(st.selectbox(ctx.t("data.links.id"), active, index=None,
                                             placeholder=ctx.t("choose")), active)
        if st.form_submit_button(ctx.t("data.links.revoke"), icon=":material/block:") and chosen:
            access.revoke(chosen, ctx.user.name or ctx.user.role)
            _flash(ctx.t("data.links.revoked", token_id=chosen))
            st.rerun()
