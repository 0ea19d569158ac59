"""Aktiviteter / Activities: planned weighting, deliverables and effect targets (real, from the seeds)."""

import streamlit as st

from healthtech import app, charts, formatting, queries

ctx = app.page("activities")
app.heading(ctx, "activities.title", ctx.t("activities.intro"))

st.subheader(ctx.t("activities.weighting.title"))
weighting = queries.run("activities/planned_weighting")
app.chart(charts.planned_weighting(weighting, ctx.lang))
app.table(ctx, weighting, "planned_weighting", formats={"planned_share": app.SHARE}, codes={"area": "area"})

st.subheader(ctx.t("activities.deliverables.title"))
deliverables = queries.run("activities/planned_deliverables")
deliverables["planned_range"] = [
    formatting.planned_range(low, high, ctx.t("range.at_least"), ctx.lang)
    for low, high in zip(deliverables["planned_min"], deliverables["planned_max"], strict=True)]
app.table(ctx, deliverables, "planned_deliverables", columns=["deliverable", "area", "planned_range", "source"],
          codes={"deliverable": "deliverable", "area": "area"})

st.subheader(ctx.t("activities.targets.title"))
app.table(ctx, queries.run("shared/effect_targets"), "effect_targets",
          formats={"value": app.INT}, codes={"target": "target", "unit": "unit"})
app.footer(ctx)
