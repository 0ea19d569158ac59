"""The floor: the least a Streamlit page with a chart costs on this machine, in the same run as the dashboard.

One file, the dashboard's theme (it runs from the repository root, so `.streamlit/config.toml` applies), two pages
in `st.navigation` (so a page switch can be timed), each a title, one Plotly bar chart and one small table from a
constant frame: no DuckDB, no data files, no access check. `benchmarks/browser.py` and `benchmarks/run.py` time it
exactly as they time the dashboard; the dashboard's figures are reported also as ratios to these.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

FRAME = pd.DataFrame({"cluster": ["ISV", "WT", "MTI", "CHC", "MTIC", "LSI"], "companies": [118, 101, 79, 74, 59, 25]})


def _page(title: str) -> None:
    st.title(title)
    fig = go.Figure(go.Bar(y=FRAME["cluster"], x=FRAME["companies"], orientation="h", marker_color="#1f4e79",
                           text=FRAME["companies"], textposition="outside"))
    fig.update_layout(height=300, margin={"l": 8, "r": 8, "t": 16, "b": 8})
    st.plotly_chart(fig, config={"displaylogo": False})
    st.dataframe(FRAME, hide_index=True)


def first() -> None:
    _page("Floor")


def second() -> None:
    _page("Floor, page two")


st.set_page_config(page_title="Floor", layout="wide")
st.navigation([st.Page(first, title="Floor", url_path="floor", default=True),
               st.Page(second, title="Floor two", url_path="floor_two")]).run()
