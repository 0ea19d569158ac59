"""Overblik / Overview: the network's founding figures, each with its source."""

import streamlit as st

from healthtech import app, charts, deltas, formatting, pack_panel, queries

ctx = app.page("overview")
head = queries.run("overview/headline_figures").iloc[0]
period = formatting.date_range(head.period_start, head.period_end, ctx.lang)
app.heading(ctx, "overview.title", ctx.t("overview.intro", period=period), facts=True)
deltas.what_changed(ctx)  # since the meeting the sidebar compares with: the steering group's first question

key_figures, main_chart = app.main_chart_first_on_phone()  # on a phone the charts come first
budget, orgs, unis, reach = key_figures.columns(4, border=True)
budget.metric(ctx.t("metric.budget"), formatting.mio_dkk(head.budget_dkk, ctx.lang),
              help=formatting.mio_eur(head.budget_eur, ctx.lang))
orgs.metric(ctx.t("metric.organisations"), formatting.number(head.organisations, ctx.lang),
            help=ctx.t("metric.organisations.help"))
unis.metric(ctx.t("metric.universities"), formatting.number(head.universities, ctx.lang),
            help=ctx.t("metric.universities.help"))
reach.metric(ctx.t("metric.reach"), formatting.number(head.reach_2018, ctx.lang), help=ctx.t("metric.reach.help"))
with key_figures:
    app.source_caption(ctx, [head.sources])
    pack_panel.panel(ctx)

companies_col, reach_col = main_chart.columns([3, 2], gap="large")
with companies_col:
    app.subheader(ctx.t("overview.companies.title"))
    companies = queries.run("overview/companies_stated_by_organisation")
    app.chart(charts.companies_stated(companies, ctx.lang))
    network = queries.run("overview/network_figures").set_index("figure")

    def figure(name: str) -> str:
        return formatting.qualified(network.at[name, "value"], network.at[name, "qualifier"], ctx.lang)

    st.info(ctx.t("overview.companies.note", listed=figure("dedicated_companies_listed"),
                  worked_with=figure("companies_worked_with_2017"), sector=figure("healthtech_companies_denmark"),
                  share=formatting.percent(network.at["share_companies_1_10_employees", "value"], ctx.lang)),
            icon=":material/info:")
    app.table(ctx, companies,
              formats={"companies_stated": app.INT}, qualifiers={"companies_stated": "companies_qualifier"})
with reach_col:
    app.subheader(ctx.t("overview.reach.title"))
    reach_by_channel = queries.run("overview/reach_2018_by_channel")
    app.chart(charts.reach_by_channel(reach_by_channel, ctx.lang))
    app.table(ctx, reach_by_channel,
              formats={"count": app.INT, "organisations": app.INT})

app.subheader(ctx.t("overview.targets.title"))
app.table(ctx, queries.run("shared/effect_targets"),
          formats={"value": app.INT}, fold=False)
app.footer(ctx)
