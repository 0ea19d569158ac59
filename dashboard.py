"""Entry point: `streamlit run dashboard.py`. Builds the navigation in the user's language and runs the page.

The pages and their order come from the registry (healthtech/site.py). Each page starts with `app.page(...)`,
which checks access and draws the shared chrome itself (healthtech/chrome.py): this file alone is not a gate.
Editor-only pages (the Data page) are in the navigation for editors only.
"""

import streamlit as st

from healthtech import app, i18n, site

lang = app.current_lang()
user = app.current_user()
# No page icons: Streamlit turns a page's icon into the favicon, fetched from Google for material icons.
pages = site.navigation(can_edit=user is not None and user.can_edit)
navigation = st.navigation(
    [st.Page(p.path, title=i18n.t(f"nav.{p.name}", lang), url_path=p.name, default=(p is site.PAGES[0]))
     for p in pages],
    position="sidebar" if user is not None else "hidden",
)
navigation.run()
