"""Entry point: `streamlit run dashboard.py`. Builds the navigation in the user's language and runs the page.

Each page starts with `app.page(...)`, which checks access and draws the shared chrome itself (see
healthtech/app.py): this file alone is not a gate. The Data page is in the navigation for editors only.
"""

import streamlit as st

from healthtech import app, i18n

lang = app.current_lang()
user = app.current_user()
# No page icons: Streamlit turns a page's icon into the favicon, fetched from Google for material icons.
PAGES = ["overview", "companies", "reach", "budget", "activities", "sources"]
if user is not None and user.can_edit:
    PAGES.append("data")
navigation = st.navigation(
    [st.Page(f"pages/{name}.py", title=i18n.t(f"nav.{name}", lang), url_path=name, default=(name == "overview"))
     for name in PAGES],
    position="sidebar" if user is not None else "hidden",
)
navigation.run()
