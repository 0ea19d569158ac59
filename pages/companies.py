"""Virksomheder / Companies: where the network's companies are, by region, municipality and cluster."""

import streamlit as st

from healthtech import app, charts, formatting, geo, maps, queries

ctx = app.page("companies")
params = ctx.filters.params()
app.heading(ctx, "companies.title", ctx.t("companies.intro"))
app.sample_banner(ctx)

# Real is real: unfiltered, the company list's count and paying members equal the application's figures, so those
# are shown from data/facts with their source; narrowed, every figure is the sample's, and the facts are context.
head = queries.run_filtered("companies/headline", params).iloc[0]
stated = queries.run("overview/network_figures").set_index("figure")
dedicated, members = (stated.loc[f] for f in ("dedicated_companies_listed", "paying_members_wt_lsi"))
narrowed = any(v is not None for v in (ctx.filters.region, ctx.filters.cluster, ctx.filters.municipality))
total, paying, small, places = st.columns(4, border=True)
if narrowed:
    total.metric(ctx.t("companies.metric.companies"), formatting.number(head.companies, ctx.lang))
    paying.metric(ctx.t("companies.metric.paying"), formatting.number(head.paying, ctx.lang))
else:
    total.metric(ctx.t("companies.metric.dedicated"), formatting.number(dedicated.value, ctx.lang))
    paying.metric(ctx.t("companies.metric.paying_stated"), formatting.number(members.value, ctx.lang))
small.metric(ctx.t("companies.metric.small"),
             formatting.percent(head.small / head.companies if head.companies else None, ctx.lang))
places.metric(ctx.t("companies.metric.municipalities"), formatting.number(head.municipalities, ctx.lang))
app.caption(ctx.t("companies.kpi.sample", companies=formatting.number(dedicated.value, ctx.lang),
                   paying=formatting.number(members.value, ctx.lang)) if narrowed else ctx.t("companies.kpi.mixed"))
app.facts_caption(ctx, [dedicated.source, members.source])  # the application's figures named just above

map_col, side_col = st.columns([3, 2], gap="large")
with map_col:
    app.subheader(ctx.t("companies.map.title"))
    layer = app.map_layer_choice(ctx)
    if layer == "regions":
        counts = queries.run_filtered("companies/by_region", params).rename(columns={"region_code": "code"})
        selected = ctx.filters.region
    else:
        counts = queries.run_filtered("companies/by_municipality", params).rename(columns={"kommune_code": "code"})
        selected = ctx.filters.municipality
    deck = maps.choropleth(layer, counts, ctx.lang, ctx.t("unit.companies"), ctx.filters.region, selected)
    app.map_chart(deck)
    app.chart(charts.legend_strip(maps.legend(maps.classify(counts["companies"]), ctx.lang),
                                  app.sample_title(ctx, "companies.map.legend", True)))
    st.caption(ctx.t("sources.geo.credit"))
with side_col:
    app.subheader(ctx.t("companies.by_cluster.title"))
    by_cluster = queries.run_filtered("companies/by_cluster", params)
    app.chart(charts.counts_bar(by_cluster["cluster"], by_cluster["companies"], ctx.lang,
                                app.sample_title(ctx, "companies.by_cluster.title", by_cluster["is_sample"].any())))
    app.table(ctx, by_cluster, formats={"companies": app.INT})
    app.subheader(ctx.t("companies.by_region.title"))
    by_region = queries.run_filtered("companies/by_region", params)
    app.chart(charts.counts_bar([geo.region_name(c, ctx.lang) for c in by_region["region_code"]],
                                by_region["companies"], ctx.lang,
                                app.sample_title(ctx, "companies.by_region.title", by_region["is_sample"].any())))
    app.table(ctx, by_region, formats={"companies": app.INT})

size_col, membership_col, joined_col = st.columns(3, gap="large")
with size_col:
    app.subheader(ctx.t("companies.size.title"))
    sizes = queries.run_filtered("companies/by_size_band", params)
    app.chart(charts.counts_bar(sizes["size_band"], sizes["companies"], ctx.lang,
                                app.sample_title(ctx, "companies.size.axis", sizes["is_sample"].any())))
    app.table(ctx, sizes, formats={"companies": app.INT, "share": app.SHARE})
with membership_col:
    app.subheader(ctx.t("companies.membership.title"))
    kinds = queries.run_filtered("companies/by_membership", params)
    title = app.sample_title(ctx, "companies.membership.title", kinds["is_sample"].any())
    app.chart(charts.counts_bar([ctx.t(f"membership.{m}") for m in kinds["membership"]], kinds["companies"],
                                ctx.lang, title))
    app.table(ctx, kinds, formats={"companies": app.INT})
with joined_col:
    app.subheader(ctx.t("companies.joined.title"))
    joined = queries.run_filtered("companies/joined_by_year", params)
    app.chart(charts.joined_over_time(joined, ctx.lang,
                                      app.sample_title(ctx, "companies.joined.title", joined["is_sample"].any())))
    app.table(ctx, joined, formats={"joined": app.INT, "cumulative": app.INT})

app.subheader(ctx.t("companies.list.title"))
listing = queries.run_filtered("companies/company_list", params)
st.caption(ctx.t("companies.list.caption", n=formatting.number(head.companies, ctx.lang)))
if head.companies > len(listing):  # the query returns the first 1,000 by name
    st.caption(ctx.t("companies.list.capped", shown=formatting.number(len(listing), ctx.lang)))
app.table(ctx, listing,
          formats={"employees": app.INT, "joined_on": app.DATE}, fold=False)
app.footer(ctx)
