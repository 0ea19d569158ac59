"""The server: `streamlit run serve.py` runs dashboard.py behind healthtech/guard.py (exact websocket origins, host
check, security headers, no /_stcore/metrics, local mode's owner cookie) and prints local mode's address.

`streamlit run dashboard.py` still works, without these checks: for development only.
"""

import streamlit as st
from starlette.middleware import Middleware

from healthtech import guard

app = st.App("dashboard.py", middleware=[Middleware(guard.Guard)], lifespan=guard.lifespan)
