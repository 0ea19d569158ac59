"""Virksomheder / Companies: where the network's companies are, by region, municipality and cluster."""

import streamlit as st

from healthtech import app, charts, compare, deltas, drill, formatting, geo, maps, queries

ctx = app.page("companies")
params = ctx.params()
app.heading(ctx, "companies.title", ctx.t("companies.intro"))
app.sample_banner(ctx)

# Real is real: unfiltered, the company list's count and paying members equal the application's figures, so those
# are shown from data/facts with their source; narrowed, every figure is the sample's, and the facts are context.
headline = queries.run_filtered("companies/headline", params)
head, head_then = headline.iloc[0], compare.then("companies/headline", params, ctx.basis, headline)
stated = queries.run("overview/network_figures").set_index("figure")
dedicated, members = (stated.loc[f] for f in ("dedicated_companies_listed", "paying_members_wt_lsi"))
narrowed = any(v is not None for v in (ctx.filters.region, ctx.filters.cluster, ctx.filters.municipality))
key_figures, main_chart = app.main_chart_first_on_phone()  # on a phone the map comes first
total, paying, small, places = key_figures.columns(4, border=True)


def change(column: str):
    """The change of a headline figure since the comparison's moment (sample, like the figure)."""
    return compare.value_delta(head[column], head_then, lambda f: f.iloc[0][column])


if narrowed:
    deltas.metric(ctx, total, ctx.t("companies.metric.companies"), formatting.number(head.companies, ctx.lang),
                  change("companies"), sample=True)
    deltas.metric(ctx, paying, ctx.t("companies.metric.paying"), formatting.number(head.paying, ctx.lang),
                  change("paying"), sample=True)
else:  # the application's figures: a document does not change after a meeting
    stated_then = compare.Then(stated, compare.UNCHANGED) if ctx.basis is not None else None
    deltas.metric(ctx, total, ctx.t("companies.metric.dedicated"), formatting.number(dedicated.value, ctx.lang),
                  compare.value_delta(dedicated.value, stated_then, lambda f: dedicated.value))
    deltas.metric(ctx, paying, ctx.t("companies.metric.paying_stated"), formatting.number(members.value, ctx.lang),
                  compare.value_delta(members.value, stated_then, lambda f: members.value))
deltas.metric(ctx, small, ctx.t("companies.metric.small"), formatting.percent(head.share_small, ctx.lang),
              change("share_small"),
              fmt=lambda v, lang: formatting.number(v * 100, lang, decimals=1) + " pp", sample=True, judge=False)
deltas.metric(ctx, places, ctx.t("companies.metric.municipalities"), formatting.number(head.municipalities, ctx.lang),
              change("municipalities"), sample=True)
with key_figures:
    app.caption(ctx.t("companies.kpi.sample", companies=formatting.number(dedicated.value, ctx.lang),
                       paying=formatting.number(members.value, ctx.lang)) if narrowed else ctx.t("companies.kpi.mixed"))
    app.facts_caption(ctx, [dedicated.source, members.source])  # the application's figures named just above

map_col, side_col = main_chart.columns([3, 2], gap="large")
with map_col:
    app.subheader(ctx.t("companies.map.title"))
    layer = app.map_layer_choice(ctx)
    if layer == "regions":
        counts = queries.run_filtered("companies/by_region", params).rename(columns={"region_code": "code"})
        selected = ctx.filters.region
    else:
        counts = queries.run_filtered("companies/by_municipality", params).rename(columns={"kommune_code": "code"})
        selected = ctx.filters.municipality
    deck = maps.choropleth(layer, counts, ctx.lang, ctx.t("unit.companies"), ctx.filters.region, selected,
                           phone=app.on_phone())
    app.map_chart(deck)
    if layer == "regions":  # the map is hover-only: its regions to click (docs/maintainers.md, "Maps")
        drill.region_list(ctx, counts, ctx.t("unit.companies"))
    app.chart(charts.legend_strip(maps.legend(maps.classify(counts["companies"]), ctx.lang),
                                  app.sample_title(ctx, "companies.map.legend", True)))
    st.caption(ctx.t("sources.geo.credit"))
with side_col:
    app.subheader(ctx.t("companies.by_cluster.title"))
    by_cluster = queries.run_filtered("companies/by_cluster", params)
    by_cluster_then = compare.then("companies/by_cluster", params, ctx.basis, by_cluster)
    cluster_bars = charts.counts_bar(by_cluster["cluster"], by_cluster["companies"], ctx.lang,
                                     app.sample_title(ctx, "companies.by_cluster.title", by_cluster["is_sample"].any()))
    drill.chart(ctx, deltas.ghost(cluster_bars, ctx, by_cluster["cluster"], by_cluster, by_cluster_then, "cluster",
                                  "companies"), "companies_by_cluster", "cluster", by_cluster["cluster"])
    app.table(ctx, deltas.change_column(ctx, by_cluster, by_cluster_then, "cluster", "companies"),
              "companies/by_cluster", formats={"companies": app.INT})
    app.subheader(ctx.t("companies.by_region.title"))
    by_region = queries.run_filtered("companies/by_region", params)
    by_region_then = compare.then("companies/by_region", params, ctx.basis, by_region)
    region_names = [geo.region_name(c, ctx.lang) for c in by_region["region_code"]]
    region_bars = charts.counts_bar(region_names, by_region["companies"], ctx.lang,
                                    app.sample_title(ctx, "companies.by_region.title", by_region["is_sample"].any()))
    region_bars = deltas.ghost(region_bars, ctx, region_names, by_region, by_region_then, "region_code", "companies")
    drill.chart(ctx, region_bars, "companies_by_region", "region", by_region["region_code"])
    app.table(ctx, deltas.change_column(ctx, by_region, by_region_then, "region_code", "companies"),
              "companies/by_region", formats={"companies": app.INT})

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
