"""The Overview's meeting-pack panel: make the pack (with progress), then download the PDF and the workbook.

The pack itself (capture, figures, PDF, workbook) is `pack.py`, which has no Streamlit in it.
"""

from __future__ import annotations

import time

import streamlit as st

from healthtech import capture, db, export, formatting
from healthtech.pack import file_name, meeting_pack, workbook


def panel(ctx) -> None:
    """The Overview's meeting-pack box: make it (with progress), then download the PDF and the workbook."""
    if capture.active() is not None:
        return
    with st.container(border=True):
        st.markdown(f"**{ctx.t('pack.header')}**  \n{ctx.t('pack.intro')}")
        key = (ctx.lang, ctx.filters, ctx.basis, db.served_version())
        if st.button(ctx.t("pack.make"), icon=":material/picture_as_pdf:", key="make_pack"):
            with st.status(ctx.t("pack.progress.start"), expanded=True) as status:
                bar = st.progress(0.0)
                try:
                    document, made = meeting_pack(ctx.lang, ctx.filters,
                                                  lambda share, text: bar.progress(min(share, 1.0), text=text),
                                                  basis=ctx.basis)
                    try:
                        tables = workbook(made)
                    except Exception:  # the PDF is not lost for a table Excel cannot hold
                        tables = None
                    st.session_state["_pack"] = (key, document, tables)
                    bar.empty()
                    status.update(label=ctx.t("pack.progress.done", seconds=formatting.number(
                        time.monotonic() - made.started, ctx.lang, 1)), state="complete", expanded=False)
                except Exception as error:  # shown, never a traceback; the dashboard keeps serving
                    status.update(label=ctx.t("pack.failed", error=type(error).__name__), state="error")
        ready = st.session_state.get("_pack")
        if ready and ready[0] == key:
            pdf_col, xlsx_col = st.columns(2)
            pdf_col.download_button(ctx.t("pack.download.pdf"), ready[1], file_name=file_name(ctx.lang, "pdf"),
                                    mime="application/pdf", on_click="ignore", icon=":material/download:",
                                    key="download_pack_pdf")
            if ready[2] is not None:
                xlsx_col.download_button(ctx.t("pack.download.xlsx"), ready[2],
                                         file_name=file_name(ctx.lang, "xlsx"), mime=export.XLSX_MIME,
                                         on_click="ignore", icon=":material/download:", key="download_pack_xlsx")
