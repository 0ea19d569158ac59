"""Budget: the planned split between ministry, regional and private co-funding (real, from the seeds)."""

import streamlit as st

from healthtech import app, charts, compare, deltas, drill, formatting, queries

ctx = app.page("budget")
params = ctx.params()
head = queries.run("overview/headline_figures").iloc[0]
period = formatting.date_range(head.period_start, head.period_end, ctx.lang)
app.heading(ctx, "budget.title", ctx.t("budget.intro", period=period))

total, eur = st.columns(2, border=True)
total.metric(ctx.t("budget.metric.total"), formatting.mio_dkk(head.budget_dkk, ctx.lang))
eur.metric(ctx.t("budget.metric.eur"), formatting.mio_eur(head.budget_eur, ctx.lang))

app.subheader(ctx.t("budget.split.title"))
split = queries.run("budget/split_by_funder")
app.facts_caption(ctx, split["source"])
drill.chart(ctx, charts.funder_split(split, ctx.lang), "budget_split", "funder", split["funder"])
app.table(ctx, split,
          formats={"amount_dkk": app.MIO_DKK, "amount_eur": app.MIO_EUR, "share": app.SHARE})

app.subheader(ctx.t("budget.actual.title"))
cumulative = queries.run_filtered("budget/cumulative_actual_vs_plan", params)
shares = queries.run_filtered("budget/funder_share_actual", params)
if cumulative.empty:
    st.info(ctx.t("budget.actual.empty"), icon=":material/info:")
else:
    if cumulative["is_sample"].any():
        app.sample_banner(ctx)
    if ctx.filters.funder is not None:  # like with like: the funder's spending against its own part of the budget
        own = split.set_index("funder").loc[ctx.filters.funder]
        st.info(ctx.t("budget.actual.funder_note", funder=ctx.t(f"funder.{ctx.filters.funder}"),
                      amount=formatting.mio_dkk(own.amount_dkk, ctx.lang),
                      share=formatting.percent(own.share, ctx.lang)), icon=":material/filter_alt:")
    spent, planned, drifted = st.columns(3, border=True)
    so_far = queries.run_filtered("budget/spending_so_far", params)
    key, key_then = so_far.iloc[0], compare.then("budget/spending_so_far", params, ctx.basis, so_far)
    shares_then = compare.then("budget/funder_share_actual", params, ctx.basis, shares)
    against_plan = formatting.percent(key.against_plan, ctx.lang, 1)
    sample = bool(key.is_sample)
    if key_then is None:  # no comparison: spending against the plan so far
        spent.metric(ctx.t("budget.actual.spent"), formatting.mio_dkk(key.actual, ctx.lang),
                     delta=against_plan, delta_color="off")
        planned.metric(ctx.t("budget.actual.planned_so_far"), formatting.mio_dkk(key.planned, ctx.lang))
    else:  # spending against the comparison's moment; against the plan beside the plan
        deltas.metric(ctx, spent, ctx.t("budget.actual.spent"), formatting.mio_dkk(key.actual, ctx.lang),
                      compare.value_delta(key.actual, key_then, lambda f: f.iloc[0]["actual"]),
                      fmt=formatting.mio_dkk, sample=sample)
        planned.metric(ctx.t("budget.actual.planned_so_far"), formatting.mio_dkk(key.planned, ctx.lang),
                       delta=against_plan, delta_color="off")
    deltas.metric(ctx, drifted, ctx.t("budget.actual.drift_count"),
                  formatting.number(key.funders_drifted, ctx.lang),
                  compare.value_delta(key.funders_drifted, key_then, lambda f: f.iloc[0]["funders_drifted"]),
                  sample=sample)
    title = app.sample_title(ctx, "budget.actual.cumulative", cumulative["is_sample"].any())
    app.chart(charts.cumulative_vs_plan(cumulative, ctx.lang, title))
    app.table(ctx, cumulative, formats={
        "month": app.MONTH, "actual": app.DKK, "cumulative_actual": app.DKK, "cumulative_plan": app.DKK})

    app.subheader(ctx.t("budget.actual.funders.title"))
    for _, row in shares[shares["drifted"]].iterrows():
        st.warning(ctx.t("budget.actual.drift", funder=ctx.t(f"funder.{row.funder}"),
                         actual=formatting.percent(row.actual_share, ctx.lang, 1),
                         planned=formatting.percent(row.planned_share, ctx.lang),
                         points=formatting.number(row.drift_points, ctx.lang, 1)), icon=":material/warning:")
    drill.chart(ctx, charts.share_vs_plan([ctx.t(f"funder.{f}") for f in shares["funder"]], shares["actual_share"],
                                          shares["planned_share"], ctx.lang, shares["drifted"].tolist(),
                                          app.sample_title(ctx, "budget.actual.funders.title",
                                                           shares["is_sample"].any())),
                "budget_funder_shares", "funder", shares["funder"])
    shares["flag"] = [ctx.t("budget.actual.flag") if d else "" for d in shares["drifted"]]
    shares = shares.rename(columns={"planned_share": "planned_funder_share"})
    shares = deltas.change_column(ctx, shares, shares_then, "funder", "actual")
    app.table(ctx, shares, "budget/funder_share_actual",
              columns=["funder", "actual", *(["change_since"] if "change_since" in shares else []), "actual_share",
                       "planned_funder_share", "drift_points", "flag", "is_sample"],
              formats={"actual": app.DKK, "actual_share": app.SHARE_1, "planned_funder_share": app.SHARE,
                       "drift_points": app.POINTS})

    app.subheader(ctx.t("budget.actual.areas.title"))
    if ctx.filters.period != "all":  # the weighting is for the whole grant, as on the Activities page
        st.info(ctx.t("weighting.period_note"), icon=":material/info:")
    if ctx.filters.funder is not None:  # the weighting is for the whole budget, not per funder
        st.info(ctx.t("budget.actual.areas.all_funders"), icon=":material/filter_alt_off:")
    areas = queries.run_filtered("budget/area_actual_vs_plan", params)
    app.chart(charts.share_vs_plan([ctx.t(f"area.{a}") for a in areas["area"]], areas["actual_share"],
                                   areas["planned_share"], ctx.lang,
                                   title=app.sample_title(ctx, "budget.actual.areas.title", areas["is_sample"].any())))
    app.table(ctx, areas,
              formats={"actual": app.DKK, "actual_share": app.SHARE_1, "planned_share": app.SHARE,
                       "difference_points": app.POINTS})

app.subheader(ctx.t("budget.previous.title"))
previous = queries.run("budget/previous_period_cofunding")
previous_period = queries.run("budget/previous_period").iloc[0]
st.caption(ctx.t("budget.previous.note",
                 period=formatting.date_range(previous_period.period_start, previous_period.period_end, ctx.lang)))
app.facts_caption(ctx, previous["source"])
app.chart(charts.previous_cofunding(previous, ctx.lang))
app.table(ctx, previous,
          formats={"amount_dkk": app.DKK, "period_start": app.DATE, "period_end": app.DATE})
app.footer(ctx)
