"""Aktiviteter / Activities: planned weighting, deliverables and effect targets (real, from the seeds)."""

import streamlit as st

from healthtech import app, charts, formatting, queries

ctx = app.page("activities")
params = ctx.filters.params()
app.heading(ctx, "activities.title", ctx.t("activities.intro"))

app.subheader(ctx.t("activities.weighting.title"))
weighting = queries.run("activities/planned_weighting")
app.facts_caption(ctx, weighting["source"])
app.chart(charts.planned_weighting(weighting, ctx.lang))
app.table(ctx, weighting, "planned_weighting", formats={"planned_share": app.SHARE}, codes={"area": "area"})

app.subheader(ctx.t("activities.realised.title"))
realised = queries.run_filtered("activities/weighting_realised", params)
if realised["is_sample"].any():
    app.sample_banner(ctx)
if ctx.filters.region is not None or ctx.filters.cluster is not None:
    st.caption(ctx.t("activities.realised.spend_note"))
app.chart(charts.weighting_compare(realised, ctx.lang,
                                   app.sample_title(ctx, "activities.realised.title", realised["is_sample"].any())))
app.table(ctx, realised, "weighting_realised", codes={"area": "area"},
          formats={"planned_share": app.SHARE, "spend_share": app.SHARE_1, "activity_share": app.SHARE_1,
                   "activities": app.INT})

app.subheader(ctx.t("activities.deliverables.title"))
deliverables = queries.run_filtered("activities/deliverables_progress", params)
deliverables["planned_range"] = [
    formatting.planned_range(low, high, ctx.t("range.at_least"), ctx.lang)
    for low, high in zip(deliverables["planned_min"], deliverables["planned_max"], strict=True)]
app.chart(charts.deliverables_progress(
    deliverables, ctx.lang, app.sample_title(ctx, "activities.deliverables.progress", deliverables["is_sample"].any())))
app.table(ctx, deliverables, "deliverables_progress",
          columns=["deliverable", "area", "planned_range", "delivered", "status", "source", "is_sample"],
          formats={"delivered": app.INT}, codes={"deliverable": "deliverable", "area": "area", "status": "status"})

app.subheader(ctx.t("activities.targets.title"))
targets = queries.run_filtered("activities/effect_targets_progress", params)
app.chart(charts.targets_progress(targets, ctx.lang,
                                  app.sample_title(ctx, "activities.targets.progress", targets["is_sample"].any())))
app.table(ctx, targets, "effect_targets_progress",
          columns=["target", "value", "unit", "reached", "progress", "rule", "source", "is_sample"],
          formats={"value": app.INT, "reached": app.INT, "progress": app.SHARE},
          codes={"target": "target", "unit": "unit", "rule": "rule"})
app.footer(ctx)
