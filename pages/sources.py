"""Kilder / Sources: every dataset, its files, real or sample, its source documents, rows, last change."""

import streamlit as st

from healthtech import app, catalog, filters, queries

ctx = app.page("sources")
app.heading(ctx, "sources.title", ctx.t("sources.intro"))

app.subheader(ctx.t("sources.datasets.title"))
app.table(ctx, catalog.dataset_overview(queries.run("sources/dataset_rows"), ctx.lang), "datasets",
          formats={"row_count": app.INT, "sample_rows": app.INT, "modified": app.TIMESTAMP},
          codes={"origin": "origin"},
          columns=["name", "dataset", "origin", "files", "row_count", "sample_rows", "sources", "modified"])

app.subheader(ctx.t("sources.documents.title"))
documents = queries.run("sources/documents")
app.table(ctx, documents, "documents", codes={"kind": "document", "language": "language"})
chosen = filters.choice(st.selectbox(ctx.t("sources.document.show"), documents["file"], index=None,
                                     format_func=dict(zip(documents["file"], documents["title"], strict=True)).get),
                        documents["file"].tolist())
if chosen:
    st.text(catalog.source_document(chosen))

app.subheader(ctx.t("sources.geo.title"))
st.caption(ctx.t("sources.geo.credit"))
app.footer(ctx)
