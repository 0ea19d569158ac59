"""Aktiviteter / Activities: planned weighting, deliverables and effect targets (real, from the seeds).

The plan and the targets are for the whole network and 2019-2020 together; a view narrowed by region, cluster or
grant year shows its figures as a contribution to them, never judged against them (healthtech/framing.py)."""

import streamlit as st

from healthtech import app, charts, compare, deltas, drill, formatting, framing, queries

ctx = app.page("activities")
params = ctx.params()
where = framing.scope(ctx.filters, ctx.lang)
app.heading(ctx, "activities.title", ctx.t("activities.intro"))

app.subheader(ctx.t("activities.weighting.title"))
weighting = queries.run("activities/planned_weighting")
app.facts_caption(ctx, weighting["source"])
app.chart(charts.planned_weighting(weighting, ctx.lang))
app.table(ctx, weighting, formats={"planned_share": app.SHARE})

# Like with like: the weights are shares of effort and budget, so they are set against the share of SPENDING
# (the Budget page's query); the number of activities per area is shown on its own, not against the weights.
app.subheader(ctx.t("activities.realised.title"))
realised = queries.run_filtered("budget/area_actual_vs_plan", params)
if realised["is_sample"].any():
    app.sample_banner(ctx)
if ctx.filters.region is not None or ctx.filters.cluster is not None:
    st.info(ctx.t("activities.realised.spend_note"), icon=":material/filter_alt_off:")
if ctx.filters.period != "all":
    st.info(ctx.t("weighting.period_note"), icon=":material/info:")
drill.chart(ctx, charts.share_vs_plan([ctx.t(f"area.{a}") for a in realised["area"]], realised["actual_share"],
                                      realised["planned_share"], ctx.lang,
                                      title=app.sample_title(ctx, "activities.realised.chart",
                                                             realised["is_sample"].any())),
            "activities_realised", "area", realised["area"])
app.table(ctx, realised,
          formats={"actual": app.DKK, "actual_share": app.SHARE_1, "planned_share": app.SHARE,
                   "difference_points": app.POINTS})

app.subheader(ctx.t("activities.held.title"))
held = queries.run_filtered("activities/held_by_area", params)
app.caption(ctx.t("activities.held.note"))
held_then = compare.then("activities/held_by_area", params, ctx.basis, held)
area_names = [ctx.t(f"area.{a}") for a in held["area"]]
drill.chart(ctx, deltas.ghost(charts.counts_bar(area_names, held["activities"], ctx.lang,
                                               app.sample_title(ctx, "activities.held.title",
                                                                held["is_sample"].any())),
                             ctx, area_names, held, held_then, "area", "activities"),
            "activities_held", "area", held["area"])
app.table(ctx, deltas.change_column(ctx, held, held_then, "area", "activities"), "activities/held_by_area",
          formats={"activities": app.INT, "activity_share": app.SHARE_1})

app.subheader(ctx.t("activities.deliverables.title"))
if not where.whole:  # once, for the deliverables and the targets below
    st.info(framing.note(where, ctx.lang), icon=":material/flag:")
deliverables = queries.run_filtered("activities/deliverables_progress", params)
deliverables["planned_range"] = [
    formatting.planned_range(low, high, ctx.t("range.at_least"), ctx.lang)
    for low, high in zip(deliverables["planned_min"], deliverables["planned_max"], strict=True)]
labels = [ctx.t(f"deliverable.{d}") for d in deliverables["deliverable"]]
if where.whole:
    app.chart(charts.deliverables_progress(
        deliverables, ctx.lang,
        app.sample_title(ctx, "activities.deliverables.progress", deliverables["is_sample"].any())))
    app.table(ctx, deliverables,
              columns=["deliverable", "area", "planned_range", "delivered", "status", "source", "is_sample"],
              formats={"delivered": app.INT})
else:  # the region's / the year's figures, next to the network's plan for both years, never judged against it
    app.chart(charts.counts_bar(labels, deliverables["delivered"], ctx.lang,
                                app.sample_title(ctx, "activities.deliverables.contribution",
                                                 deliverables["is_sample"].any(), scope=where.name(ctx.lang)),
                                texts=[framing.short(formatting.number(n, ctx.lang), plan, ctx.lang) for n, plan
                                       in zip(deliverables["delivered"], deliverables["planned_range"], strict=True)]))
    delivered = framing.header(ctx.t("col.delivered"), where, ctx.lang)
    app.table(ctx, deliverables.rename(columns={"planned_range": "network_plan", "delivered": delivered}),
              columns=["deliverable", delivered, "network_plan", "area", "source", "is_sample"],
              formats={delivered: app.INT})

app.subheader(ctx.t("activities.targets.title"))
if ctx.filters.area is not None:  # each target counts its own kinds of activity: an area does not divide them
    st.info(ctx.t("activities.targets.area_note", area=ctx.t(f"area.{ctx.filters.area}")),
            icon=":material/filter_alt_off:")
targets = queries.run_filtered("activities/effect_targets_progress", params)
if where.whole:
    app.chart(charts.targets_progress(targets, ctx.lang,
                                      app.sample_title(ctx, "activities.targets.progress", targets["is_sample"].any())))
    app.table(ctx, targets,
              columns=["target", "value", "unit", "reached", "progress", "rule", "source", "is_sample"],
              formats={"value": app.INT, "reached": app.INT, "progress": app.SHARE})
else:  # "Region Nordjylland: 24 af netværkets 500 virksomhedspersoner" – a contribution, no % of a national target
    known = targets[targets["reached"].notna()]  # targets the data cannot count yet have no figure
    names = [ctx.t(f"target_short.{t}") for t in known["target"]]
    pairs = [(formatting.number(r, ctx.lang), formatting.number(v, ctx.lang))
             for r, v in zip(known["reached"], known["value"], strict=True)]
    app.chart(charts.counts_bar(names, known["reached"], ctx.lang,
                                app.sample_title(ctx, "activities.targets.contribution", known["is_sample"].any(),
                                                 scope=where.name(ctx.lang)),
                                texts=[framing.short(r, v, ctx.lang) for r, v in pairs]))
    app.caption(framing.contributions(
        where, [(r, v, name.lower()) for (r, v), name in zip(pairs, names, strict=True)], ctx.lang))
    reached = framing.header(ctx.t("col.reached"), where, ctx.lang)
    app.table(ctx, targets.rename(columns={"value": "network_target", "reached": reached}),
              columns=["target", reached, "network_target", "unit", "rule", "source", "is_sample"],
              formats={"network_target": app.INT, reached: app.INT})
app.footer(ctx)
