"""Budget: the planned split between ministry, regional and private co-funding (real, from the seeds)."""

import streamlit as st

from healthtech import app, charts, formatting, queries

ctx = app.page("budget")
head = queries.run("overview/headline_figures").iloc[0]
period = formatting.date_range(head.period_start, head.period_end, ctx.lang)
app.heading(ctx, "budget.title", ctx.t("budget.intro", period=period))

total, eur = st.columns(2, border=True)
total.metric(ctx.t("budget.metric.total"), formatting.mio_dkk(head.budget_dkk, ctx.lang))
eur.metric(ctx.t("budget.metric.eur"), formatting.mio_eur(head.budget_eur, ctx.lang))

st.subheader(ctx.t("budget.split.title"))
split = queries.run("budget/split_by_funder")
app.chart(charts.funder_split(split, ctx.lang))
app.table(ctx, split, "budget_split",
          formats={"amount_dkk": app.MIO_DKK, "amount_eur": app.MIO_EUR, "share": app.SHARE},
          codes={"funder": "funder"})

st.subheader(ctx.t("budget.previous.title"))
previous = queries.run("budget/previous_period_cofunding")
previous_period = formatting.date_range(previous["period_start"].min(), previous["period_end"].max(), ctx.lang)
st.caption(ctx.t("budget.previous.note", period=previous_period))
app.chart(charts.previous_cofunding(previous, ctx.lang))
app.table(ctx, previous, "previous_cofunding",
          formats={"amount_dkk": app.DKK, "period_start": app.DATE, "period_end": app.DATE},
          codes={"funder": "funder", "organisation": "organisation"})
app.footer(ctx)
