"""Kilder / Sources: the source documents (readable, opened at a cited section), every dataset with its origin
and date, and the map data's credit."""

import streamlit as st

from healthtech import app, catalog, documents, filters, i18n, queries

ctx = app.page("sources")
app.heading(ctx, "sources.title", ctx.t("sources.intro"))

app.subheader(ctx.t("sources.documents.title"))
docs = queries.run("sources/documents")
docs["citation"] = docs[f"short_title_{ctx.lang}"]
docs["published"] = [documents.published(v, ctx.lang) for v in docs["published"]]
# A citation's link opens this page at ?doc=<id>&section=<key>: that document, that section expanded. The choice
# lives in `sources_doc` and is re-seeded into the widget every run, so a language switch redraws it.
ids = docs["id"].tolist()
url_doc = st.query_params.get("doc")
if url_doc != st.session_state.get("_sources_url_doc"):  # a link was opened
    st.session_state["sources_doc"] = url_doc if url_doc in ids else None
names = dict(zip(docs["id"], docs["citation"] + " – " + docs["title"], strict=True))
st.session_state["_w_doc"] = st.session_state.get("sources_doc")
st.selectbox(ctx.t("sources.document.show"), ids, key="_w_doc", format_func=names.get,
             placeholder=ctx.t("sources.document.choose"),
             on_change=lambda: st.session_state.update(sources_doc=st.session_state["_w_doc"]))
chosen = filters.choice(st.session_state.get("sources_doc"), ids)
if chosen != url_doc:  # chosen by hand: the URL follows, and the old section no longer applies
    st.query_params.pop("section", None)
    if chosen:
        st.query_params["doc"] = chosen
    else:
        st.query_params.pop("doc", None)
st.session_state["_sources_url_doc"] = st.query_params.get("doc")
if chosen:
    doc = docs.set_index("id").loc[chosen]
    st.markdown(f"**{documents.escape(doc['title'])}**")
    st.caption(" · ".join(documents.escape(v) for v in (
        i18n.label("kind", doc["kind"], ctx.lang), doc["publisher"], doc["published"],
        i18n.label("language", doc["language"], ctx.lang))))
    sections = documents.sections(doc["file"])
    cited = st.query_params.get("section")
    cited_section = next((s for s in sections if s.key == cited), None)
    if not sections:
        st.info(ctx.t("sources.document.missing"), icon=":material/info:")
    if cited_section is not None:
        st.caption(ctx.t("sources.document.cited", section=documents.escape(cited_section.title)))
    for section in sections:
        is_cited = section is cited_section
        title = section.title or ctx.t("sources.document.opening")
        with st.expander(documents.escape(title), expanded=is_cited,
                         icon=":material/format_quote:" if is_cited else None):
            if is_cited:
                st.subheader(documents.escape(title), anchor=f"section-{section.key}", divider="gray")
                app.scroll_to(f"section-{section.key}")
            st.markdown(section.body)

app.table(ctx, docs,
          columns=["citation", "title", "kind", "publisher", "published", "language", "file"], fold=False)

app.subheader(ctx.t("sources.datasets.title"))
app.table(ctx, catalog.dataset_overview(queries.run("sources/dataset_rows"), ctx.lang), "sources/dataset_rows",
          formats={"row_count": app.INT, "sample_rows": app.INT},
          columns=["name", "dataset", "origin", "files", "row_count", "sample_rows", "sources", "data_as_of"])

app.subheader(ctx.t("sources.geo.title"))
st.caption(ctx.t("sources.geo.credit"))
app.footer(ctx)
