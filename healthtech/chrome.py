"""Page chrome: the first call of every page (`page(name)`) and what it draws around the page's own blocks.

Streamlit can run `pages/<name>.py` directly (before any session has called `st.navigation`), so the page itself
leaves pages-directory mode, sets up the language, checks access (a refused or unknown user sees a message and,
where a password is set, the sign-in form, and nothing else), draws the sidebar (language, filters, user status),
writes the URL, notes filters that do not apply to the page, and watches the data version. The language lives in
`st.session_state` and is written back to `st.query_params` on every run by `filters.py`, because a page switch
clears the query string. During a meeting-pack capture (`capture.py`) `page()` draws no chrome at all.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from healthtech import access, capture, config, db, filters, geo, i18n, site, upload_gate
from healthtech.blocks import plain
from healthtech.context import PageContext

ICON = Path(__file__).parent / "assets" / "icon.png"
LANG_NAMES = {"da": "Dansk", "en": "English"}


def current_lang() -> str:
    """The session's language: from the URL on the first run, then from session state."""
    filters.init_state()
    return st.session_state["lang"]


def _leave_pages_directory_mode() -> None:
    """Until some session has run `st.navigation`, Streamlit serves `/<name>` by running `pages/<name>.py`
    directly with a navigation built from the file names. Switch it to `st.navigation` mode
    and rerun: the rerun goes through dashboard.py and opens the same URL with our navigation.

    Fragile: this writes a Streamlit internal (pinned 1.67.0); see docs/maintainers.md, "Fragile"."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# Static CSS, no data in it. Streamlit's own "Download as CSV" in a table's toolbar writes cells as they are;
# every table has our downloads instead, which neutralize formula-like text (export.py).
_CSS = """<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) { display: none !important; }
</style>"""


def current_user() -> access.User | None:
    """Who this session is, or None (no valid link, not signed in, or local mode off localhost). Draws nothing."""
    try:
        return _resolve_user()
    except access.Refused:
        return None


def _resolve_user() -> access.User | None:
    try:
        secrets = access.load_secrets()
    except access.SecretsMissing:
        raise access.Refused("secrets_missing") from None
    if secrets is None:
        if not access.is_local_address(st.get_option("server.address")) or not access.is_local_request(
                _headers()):
            raise access.Refused("local_mode_public")
        return access.User(role=access.EDITOR, name="local", local=True)
    token = st.session_state.get("token")
    if token:
        return access.verify_token(secrets, token)
    if st.session_state.get("_editor"):
        return access.User(role=access.EDITOR, name=st.session_state["_editor"])
    return None


def _headers() -> dict:
    try:
        return dict(st.context.headers)
    except Exception:  # no request (bare mode, tests): nothing to check
        return {}


def _gate(lang: str, editor_only: bool) -> access.User:
    """The access check: the user, or a message (and a sign-in form) and nothing else on the page."""
    try:
        user = _resolve_user()
    except access.Refused as refused:
        upload_gate.mark(False)
        st.title(i18n.t("app.name", lang))
        st.error(i18n.t(f"access.refused.{refused.reason}", lang), icon=":material/lock:")
        st.stop()
    upload_gate.mark(user is not None and user.can_edit)  # only an editor's session may hold uploaded files
    if user is None:
        st.title(i18n.t("app.name", lang))
        st.info(i18n.t("access.need_link", lang), icon=":material/lock:")
        _sign_in_form(lang)
        st.stop()
    if editor_only and not user.can_edit:
        st.error(i18n.t("access.editors_only", lang), icon=":material/lock:")
        st.stop()
    return user


def _sign_in_form(lang: str) -> None:
    secrets = access.load_secrets()  # present: _resolve_user got this far
    with st.form("sign_in"):
        st.markdown(f"**{i18n.t('access.sign_in', lang)}**")
        name = st.text_input(i18n.t("access.name", lang), max_chars=60)
        password = st.text_input(i18n.t("access.password", lang), type="password", max_chars=200)
        if st.form_submit_button(i18n.t("access.sign_in.button", lang)):
            if secrets and access.verify_password(password, secrets.editor_password_hash):
                st.session_state["_editor"] = name.strip() or access.EDITOR
                st.session_state["token"] = None
                st.rerun()
            time.sleep(1.0)  # slows down guessing
            st.error(i18n.t("access.wrong_password", lang))


def _user_status(user: access.User, lang: str) -> None:
    side = st.sidebar
    if user.local:
        side.caption(i18n.t("access.local_mode", lang))
    elif user.can_edit:
        side.caption(i18n.t("access.signed_in", lang, name=plain(user.name)))
        if side.button(i18n.t("access.sign_out", lang)):
            st.session_state["_editor"] = None
            st.rerun()
    else:
        region = geo.region_name(user.region, lang) if user.region is not None else None
        text = i18n.t(f"access.role.{user.role}", lang)
        side.caption(f"{text} · {i18n.t('access.pinned', lang, region=region)}" if region else text)


def page(name: str) -> PageContext:
    """Access check (issue 7), page config, language, filters, URL state. First line of every page.

    The page's registry entry (site.py) says which filters its data has (an active filter outside them gets a
    note saying it does not apply here, rather than being ignored silently) and whether it is for editors only."""
    entry = site.get(name)
    if (cap := capture.active()) is not None:  # off-screen run for the meeting pack: no chrome, no access check
        return PageContext(name=name, lang=cap.lang, filters=cap.filters)
    _leave_pages_directory_mode()
    lang = current_lang()
    st.set_page_config(
        page_title=f"{i18n.t(f'nav.{name}', lang)} · Danish Healthtech",
        page_icon=str(ICON),  # a local file: a material icon here makes the browser fetch it from Google
        layout="wide",
    )
    user = _gate(lang, entry.editor_only)
    st.html(_CSS)
    st.sidebar.markdown(f"**{i18n.t('app.name', lang)}**  \n{i18n.t('app.tagline', lang)}")
    filters.widget("lang", st.sidebar.segmented_control, i18n.t("lang.label", lang), list(i18n.LANGS),
                   format_func=LANG_NAMES.get, required=True)
    lang = st.session_state["lang"]
    chosen = filters.sidebar(lang, pinned_region=user.region)
    _user_status(user, lang)
    filters.write_url()
    ctx = PageContext(name=name, lang=lang, filters=chosen, user=user)
    _not_applicable_note(ctx, entry.dimensions)
    _watch_data(db.data_version())
    return ctx


@st.fragment(run_every=dt.timedelta(seconds=config.REFRESH_SECONDS))
def _watch_data(seen: str) -> None:
    """A viewer's page picks up a new data version by itself (a cheap fingerprint check, rerun on change), and a
    link revoked or expired meanwhile stops showing data without waiting for the viewer to click."""
    if db.data_version() != seen or (st.session_state.get("token") and current_user() is None):
        st.rerun(scope="app")


def _not_applicable_note(ctx: PageContext, dimensions: tuple[str, ...]) -> None:
    """"Filteret for periode gælder ikke …" / "Filtrene for region og klynge gælder ikke …", with the page's reason
    (`filters.not_applicable.<page>`)."""
    ignored = [ctx.t(f"filters.{k}").lower() for k in ctx.filters.active() if k not in dimensions]
    if ignored:
        names = ignored[0] if len(ignored) == 1 else f"{', '.join(ignored[:-1])} {ctx.t('filters.and')} {ignored[-1]}"
        key = "filters.not_applicable.one" if len(ignored) == 1 else "filters.not_applicable.many"
        reason = ctx.t(f"filters.not_applicable.{ctx.name}")
        st.info(ctx.t(key, names=names, reason=reason), icon=":material/filter_alt_off:")


