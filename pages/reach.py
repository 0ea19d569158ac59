"""Rækkevidde / Reach: the application's 2018 table (real) and the growth since (sample snapshots)."""

import streamlit as st

from healthtech import app, charts, compare, deltas, drill, formatting, i18n, queries

ctx = app.page("reach")
params = ctx.params()
app.heading(ctx, "reach.title", ctx.t("reach.intro"))

app.subheader(ctx.t("reach.table.title"))
table = queries.run_filtered("reach/table_2018", params)
if table.empty:
    st.info(ctx.t("reach.empty"), icon=":material/info:")
else:
    app.facts_caption(ctx, table["source"])
    totals = queries.run_filtered("reach/channel_totals_2018", params)
    columns = st.columns(len(totals) + 1, border=True)
    columns[0].metric(ctx.t("reach.metric.total"), formatting.number(totals["all_channels"].iloc[0], ctx.lang))
    for column, channel, count in zip(columns[1:], totals["channel"], totals["count"], strict=True):
        column.metric(ctx.t(f"channel_short.{channel}"), formatting.number(count, ctx.lang),
                      help=ctx.t(f"channel.{channel}"))
    # A click on a channel's bar (any organisation's segment) narrows the page to that channel (drill.py).
    drill.chart(ctx, charts.reach_stacked(table, ctx.lang, ctx.t("reach.stacked.title")), "reach_stacked",
                "channel", list(dict.fromkeys(table["channel"])))
    heat = queries.run_filtered("reach/heat_table_2018", params)
    shown = [c for c in ("newsletter", "linkedin_group", "linkedin_page", "twitter") if heat[c].notna().any()]
    app.table(ctx, heat, "reach/heat_table_2018", columns=["organisation", *shown, "total"],
              formats={c: app.INT for c in (*shown, "total")}, heat=shown, totals_row=True)

history = queries.run_filtered("reach/history_before_grant", params)
history = history[~history["baseline"]].drop(columns="baseline")
if not history.empty:
    app.subheader(ctx.t("reach.pre_grant.title"))
    st.caption(ctx.t("reach.pre_grant.note"))
    app.table(ctx, history, formats={"as_of": app.DATE, "count": app.INT}, fold=False)

app.subheader(ctx.t("reach.growth.title"))
over_time = queries.run_filtered("reach/by_channel_over_time", params)
by_channel = queries.run_filtered("reach/growth_by_channel", params)
if by_channel.empty:
    st.info(ctx.t("reach.empty"), icon=":material/info:")
else:
    if by_channel["is_sample"].any():
        app.sample_banner(ctx)
    total = queries.run_filtered("reach/growth_total", params)
    grown, total_then = total.iloc[0], compare.then("reach/growth_total", params, ctx.basis, total)
    by_channel_then = compare.then("reach/growth_by_channel", params, ctx.basis, by_channel)
    now, change, newest_col = st.columns(3, border=True)
    growth = formatting.percent(grown.change_pct, ctx.lang, decimals=1)
    if total_then is None:  # no comparison: the latest count against 2018
        now.metric(ctx.t("reach.metric.latest"), formatting.number(grown.latest, ctx.lang), delta=growth)
        change.metric(ctx.t("reach.metric.change"), formatting.number(grown.change, ctx.lang))
    else:  # the latest count against the comparison's moment, the growth since 2018 beside it
        deltas.metric(ctx, now, ctx.t("reach.metric.latest"), formatting.number(grown.latest, ctx.lang),
                      compare.value_delta(grown.latest, total_then, lambda f: f.iloc[0]["latest"]),
                      sample=bool(grown.is_sample))
        change.metric(ctx.t("reach.metric.change"), formatting.number(grown.change, ctx.lang), delta=growth)
    newest_col.metric(ctx.t("reach.metric.newest"), formatting.date(grown.latest_as_of, ctx.lang))
    app.chart(charts.channel_lines(over_time, ctx.lang,
                                   app.sample_title(ctx, "reach.over_time.title", over_time["is_sample"].any())))
    app.table(ctx, over_time, formats={"as_of": app.SNAPSHOT, "count": app.INT})
    added = queries.run_filtered("reach/channels_added", params).iloc[0]["channels"]
    if len(added):
        st.caption(ctx.t("reach.new_channels", channels=", ".join(i18n.label("channel", c, ctx.lang) for c in added)))
    growth_formats = {"baseline": app.INT, "latest": app.INT, "latest_as_of": app.DATE, "change": app.INT,
                      "change_pct": app.SHARE_1}
    channel_col, organisation_col = st.columns(2, gap="large")
    with channel_col:
        app.table(ctx, deltas.change_column(ctx, by_channel, by_channel_then, "channel", "latest"),
                  "reach/growth_by_channel", formats=growth_formats, fold=False)
    with organisation_col:
        app.table(ctx, queries.run_filtered("reach/growth_by_organisation", params),
                  formats=growth_formats, fold=False)
app.footer(ctx)
