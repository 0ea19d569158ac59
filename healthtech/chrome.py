"""Page chrome: the first call of every page (`page(name)`) and what it draws around the page's own blocks.

Streamlit can run `pages/<name>.py` directly (before any session has called `st.navigation`), so the page itself
leaves pages-directory mode, sets up the language, checks access (a refused or unknown user sees a message and
the organisation sign-in, or where no identity provider is set up the password form, and nothing else; a link's
token moves from the URL into the session; local mode: healthtech/owner.py; password sessions and the sign-in's
rate limit: healthtech/sessions.py), draws the sidebar (language, filters, user status, "Share this view"),
writes the URL, notes filters that do not apply to the page, and watches the data version. The language lives in
`st.session_state` and is written back to `st.query_params` on every run by `filters.py`, because a page switch
clears the query string. During a meeting-pack capture (`capture.py`) `page()` draws no chrome at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from healthtech import (
    access,
    capture,
    config,
    db,
    deltas,
    filters,
    geo,
    i18n,
    identity,
    owner,
    sessions,
    site,
    upload_gate,
)
from healthtech.blocks import plain
from healthtech.context import PageContext
from healthtech.tables import number_locale

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
# every table has our downloads instead, which neutralize formula-like text (export.py). Page links in the main area
# are citations (blocks.source_caption): caption-sized, underlined like links.
_CSS = """<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) { display: none !important; }
[data-testid="stMain"] [data-testid="stPageLink"] a { padding: 0 0.25rem; }
[data-testid="stMain"] [data-testid="stPageLink"] p { font-size: 0.875rem; text-decoration: underline; }
/* Accessibility (issue 17): captions at 5.9:1 on white (Streamlit draws them at 60 % opacity: 4.1:1); section
   headings are h2 (blocks.subheader) at the size Streamlit gives h3; a visible focus ring on every control. */
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #5c6670 !important; }
[data-testid="stMain"] h2 { font-size: 1.5rem; padding: 0.75rem 0 0.5rem 0; }
:focus-visible { outline: 2px solid #1f4e79 !important; outline-offset: 2px; }
/* A reviewer's pinned region is a disabled select: Streamlit fades its label and value below 4.5:1. */
[data-testid="stSidebar"] [data-testid="stSelectbox"]:has(input:disabled) * { opacity: 1 !important;
  color: #3d4550 !important; }
/* Nothing a reader needs is cut off: key figures' labels and deltas ("uændret siden 10. jun. 2021") wrap instead
   of ending in "…". */
div:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap; row-gap: 0.25rem; }
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * { word-break: normal !important;
  overflow-wrap: normal !important; }
[data-testid="stMetricLabel"] *, [data-testid="stMetricDeltaDescription"],
[data-testid="stMetricDeltaDescription"] * { white-space: normal !important;
  overflow: visible !important;
  text-overflow: clip !important; }
/* Phone: key figures two to a row (the first screen reaches the page's main chart), no plotly toolbar on a touch
   screen (it covers bars; pinch zooms the page). */
@media (max-width: 640px) {
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { flex-flow: row wrap !important; gap: 0.5rem; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.5rem) !important; min-width: calc(50% - 0.5rem) !important; }
  [data-testid="stMetricValue"] { font-size: 1.5rem; }
  [data-testid="stMain"] h1 { font-size: 1.75rem; padding-top: 0; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.5rem !important; }
}
@media (hover: none), (pointer: coarse) { .modebar-container { display: none !important; } }
/* Print (the browser's own, Ctrl+P): the page's content at full width, no sidebar or toolbars, a chart or a
   heading never split from what follows. Streamlit scrolls an inner box; in print it grows to its content. */
@page { size: A4 landscape; margin: 12mm; }  /* charts keep their screen width (plotly draws in pixels) */
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stSkipToContent"], .modebar-container,
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], [data-testid="stPopover"] {
    display: none !important; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] { height: auto !important; overflow: visible !important;
    position: static !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
  [data-testid="stElementContainer"]:has([data-testid="stDeckGlJsonChart"]), [data-testid="stMetric"],
  [data-testid="stDataFrame"] { break-inside: avoid; }
  h1, h2, h3, [data-testid="stElementContainer"]:has(h2) { break-after: avoid; }
}
</style>"""


# Static script, no data in it: every chart and the map becomes a figure named by its title (or the section heading
# above it) and described by the sentence under it (blocks.chart, blocks.map_chart), for a screen reader. Streamlit
# gives its elements no way to carry ARIA attributes, so they are set here, again whenever the page changes.
_FIGURES = """<script>
(() => {
  if (window.__healthtechFigures) { window.__healthtechFigures(); return; }
  const main = () => document.querySelector('[data-testid="stMain"]');
  const label = () => {
    const root = main(); if (!root) return;
    const heads = [...root.querySelectorAll('h1, h2')];
    root.querySelectorAll('[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]').forEach((chart, i) => {
      const title = chart.querySelector('.gtitle');
      const above = heads.filter(h => h.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      // plotly joins a title's lines with a zero-width space: read as a space, not as one word
      const name = ((title && title.textContent) || (above && above.textContent) || '').replace(/\\u200b/g, ' ')
        .replace(/\\s+/g, ' ').trim();
      if (chart.getAttribute('role') !== 'figure') chart.setAttribute('role', 'figure');
      if (name && chart.getAttribute('aria-label') !== name) chart.setAttribute('aria-label', name);
      const box = chart.closest('[data-testid="stElementContainer"]');
      const next = box && box.nextElementSibling;
      const words = next && next.querySelector('[data-testid="stCaptionContainer"]');
      if (words) {
        if (!words.id) words.id = 'figure-description-' + i;
        if (chart.getAttribute('aria-describedby') !== words.id) chart.setAttribute('aria-describedby', words.id);
      }
    });
  };
  let queued = false;
  window.__healthtechFigures = () => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; label(); }); }
  };
  new MutationObserver(window.__healthtechFigures).observe(document.body, {childList: true, subtree: true});
  window.__healthtechFigures();
})();
</script>"""


def current_user(touch: bool = True) -> access.User | None:
    """Who this session is, or None (no valid link, not signed in or signed out, or local mode without its key or
    off localhost). Draws nothing. `touch=False`: a check that does not count as the session being used."""
    try:
        return _resolve_user(touch)
    except access.Refused:
        return None


class NotListed(access.Refused):
    """Signed in with the organisation's account, but on no list of the secrets: no role."""

    def __init__(self, name: str):
        super().__init__("not_listed")
        self.name = name


def _take_link_token() -> None:
    """A link's `?token=` moves from the URL into the session: the address bar, and so any URL copied from it,
    then carries the view (page, language, filters) and not the access. `resume=1` marks the tab reopening its
    own link after a reload (`_tab_memory`), which is not a new opening."""
    if "token" in st.query_params:
        st.session_state["token"] = st.query_params.get("token") or None
        st.session_state["_token_counted"] = "resume" in st.query_params
        del st.query_params["token"]
    if "resume" in st.query_params:
        del st.query_params["resume"]


# The browser tab keeps an opened link's token in its sessionStorage (never in the URL, never in a cookie): a
# reload of that tab reopens the dashboard, while a copied URL, another tab, browser or person has nothing. The
# token is only ever written after its signature verified (base64url and dots), and is cleared when refused.
_TAB_KEY = "healthtech.link"
_TAB_REMEMBER = "<script>sessionStorage.setItem({key}, {token});</script>"
_TAB_FORGET = "<script>sessionStorage.removeItem({key});</script>"
_TAB_RESUME = """<script>
const token = sessionStorage.getItem({key});
if (token) {{
  const url = new URL(window.parent.location.href);
  url.searchParams.set("token", token);
  url.searchParams.set("resume", "1");
  window.parent.location.replace(url.toString());
}}
</script>"""


def _tab_memory(script: str, token: str | None = None) -> None:
    st.html(script.format(key=json.dumps(_TAB_KEY), token=json.dumps(token)), unsafe_allow_javascript=True,
            width=1)


def _resolve_user(touch: bool = True) -> access.User | None:
    _take_link_token()
    try:
        secrets = access.load_secrets()
    except access.SecretsMissing:
        raise access.Refused("secrets_missing") from None
    if secrets is None:
        # Local mode: the owner is whoever opened this start's `?local=` address (healthtech/owner.py); no
        # request header decides it.
        if not access.is_local_address(st.get_option("server.address")):
            raise access.Refused("local_mode_public")
        if not owner.claim(st.session_state, st.query_params, _cookies()):
            raise access.Refused("local_key_needed")
        return access.User(role=access.EDITOR, name="local", local=True)
    if secrets.sign_in is not None and (user := _signed_in_user(secrets.sign_in, touch)) is not None:
        return user
    token = st.session_state.get("token")
    if token:
        user = access.verify_token(secrets, token)
        if not st.session_state.get("_token_counted"):  # once per session: the link opened the dashboard
            st.session_state["_token_counted"] = True
            access.record_opening(user)
        return user
    record = st.session_state.get(sessions.KEY)
    if record and secrets.sign_in is None:  # the password is only the fallback
        # every run: credential unchanged, not idle, not too old (the data watch checks without counting as use)
        ended = sessions.check(record, secrets, touch=touch)
        if ended:
            st.session_state[sessions.KEY] = None
            st.session_state["_signed_out"] = ended
            return None
        return access.User(role=access.EDITOR, name=record["name"])
    return None


def _signed_in_user(sign_in: identity.SignIn, touch: bool = True) -> access.User | None:
    """The person signed in through the organisation's identity provider (st.user), with the role the secrets'
    lists give; None when nobody is signed in or the sign-in ended (idle or too old: sessions.check_signed_in; the
    wall then says why and offers sign-in again). Raises `NotListed` for a person on no list."""
    if not _streamlit_reads_auth():
        raise access.Refused("auth_not_loaded")
    claims = st.user.to_dict()
    if claims.get("is_logged_in") is not True:
        return None
    if (ended := sessions.check_signed_in(claims, touch=touch)) is not None:
        st.session_state["_signed_out"] = ended
        return None
    role = identity.role_for(claims, sign_in)
    if role is None:
        raise NotListed(identity.who(claims))
    return access.User(role=role, name=identity.who(claims), signed_in=True)


def _streamlit_reads_auth() -> bool:
    """Streamlit's st.login reads `[auth]` from its own secrets files, which need not be HEALTHTECH_SECRETS."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file Streamlit knows of
        return False


def _cookies() -> dict:
    try:
        return dict(st.context.cookies)
    except Exception:  # noqa: BLE001 (no request: AppTest, bare mode)
        return {}


def _client() -> str:
    """The rate limit's client: the connection's peer address (never a header); loopback for a proxy in front."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 (no request)
        address = None
    return address if isinstance(address, str) and address else "loopback"


def _gate(lang: str, editor_only: bool) -> access.User:
    """The access check: the user, or a message (and a sign-in form) and nothing else on the page."""
    try:
        user = _resolve_user()
    except NotListed as refused:
        upload_gate.mark(False)
        st.title(i18n.t("app.name", lang))
        st.error(i18n.t("access.not_listed", lang, name=plain(refused.name)), icon=":material/lock:")
        if st.button(i18n.t("access.sign_out", lang), icon=":material/logout:"):
            st.logout()
        st.stop()
    except access.Refused as refused:
        upload_gate.mark(False)
        st.title(i18n.t("app.name", lang))
        show = st.info if refused.reason == "local_key_needed" else st.error
        show(i18n.t(f"access.refused.{refused.reason}", lang), icon=":material/lock:")
        _tab_memory(_TAB_FORGET)
        st.stop()
    upload_gate.mark(user is not None and user.can_edit)  # only an editor's session may hold uploaded files
    if user is None:
        _tab_memory(_TAB_RESUME)
        st.title(i18n.t("app.name", lang))
        sign_in = access.load_secrets().sign_in  # present: _resolve_user got this far
        st.info(i18n.t("access.need_sign_in" if sign_in else "access.need_link", lang), icon=":material/lock:")
        if sign_in:
            if (ended := st.session_state.pop("_signed_out", None)) is not None:
                st.warning(i18n.t(f"access.ended.{ended}", lang), icon=":material/logout:")
            _sign_in_buttons(lang, sign_in)
        else:
            _sign_in_form(lang)
        st.stop()
    if user.token_id:
        _tab_memory(_TAB_REMEMBER, st.session_state["token"])
    if editor_only and not user.can_edit:
        st.error(i18n.t("access.editors_only", lang), icon=":material/lock:")
        st.stop()
    return user


def _sign_in_buttons(lang: str, sign_in: identity.SignIn) -> None:
    """Organisation sign-in: one button per identity provider in `[auth]` (Streamlit's st.login)."""
    for provider in sign_in.providers:
        label = (i18n.t("access.sign_in.org", lang) if provider is None
                 else i18n.t("access.sign_in.org_named", lang, provider=provider))
        if st.button(label, type="primary", icon=":material/login:", key=f"_sign_in_{provider or 'default'}"):
            st.login(provider) if provider else st.login()


def _sign_in_form(lang: str) -> None:
    """The password form. Failed attempts are counted across sessions (healthtech/sessions.py): past the limit
    the form says it is locked and for how long."""
    secrets = access.load_secrets()  # present: _resolve_user got this far
    client = _client()
    if (ended := st.session_state.pop("_signed_out", None)) is not None:
        st.warning(i18n.t(f"access.ended.{ended}", lang), icon=":material/logout:")
    with st.form("sign_in"):
        st.markdown(f"**{i18n.t('access.sign_in', lang)}**")
        name = st.text_input(i18n.t("access.name", lang), max_chars=60)
        password = st.text_input(i18n.t("access.password", lang), type="password", max_chars=200)
        if st.form_submit_button(i18n.t("access.sign_in.button", lang)) and secrets:
            outcome, record = sessions.attempt(name, password, client, secrets)
            if outcome == "ok":
                st.session_state[sessions.KEY] = record
                st.session_state["token"] = None
                st.rerun()
            if outcome == "wrong":
                time.sleep(1.0)  # slows down one session's guessing; the limiter slows all of them
                st.error(i18n.t("access.wrong_password", lang))
    if (locked := sessions.lockout_minutes(client)) is not None:
        st.error(i18n.t(f"access.locked.{locked[0]}", lang, minutes=locked[1]), icon=":material/timer:")


def _user_status(user: access.User, lang: str) -> None:
    side = st.sidebar
    if user.local:
        side.caption(i18n.t("access.local_mode", lang))
    elif user.signed_in:
        side.caption(i18n.t("access.signed_in" if user.can_edit else "access.signed_in.member", lang,
                            name=plain(user.name)))
        if side.button(i18n.t("access.sign_out", lang), icon=":material/logout:"):
            st.logout()
    elif user.can_edit:
        side.caption(i18n.t("access.signed_in", lang, name=plain(user.name)))
        if side.button(i18n.t("access.sign_out", lang)):
            st.session_state[sessions.KEY] = None
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
        ctx = PageContext(name=name, lang=cap.lang, filters=cap.filters, basis=cap.basis,
                          dimensions=entry.dimensions)
        cap.filter_note = _not_applicable_note(ctx, entry.dimensions)  # the pack shows it too (section and cover)
        return ctx
    _leave_pages_directory_mode()
    lang = current_lang()
    st.set_page_config(
        page_title=f"{i18n.t(f'nav.{name}', lang)} · Danish Healthtech",
        page_icon=str(ICON),  # a local file: a material icon here makes the browser fetch it from Google
        layout="wide",
    )
    user = _gate(lang, entry.editor_only)
    st.html(_CSS)
    st.html(_FIGURES, unsafe_allow_javascript=True, width=1)
    st.sidebar.markdown(f"**{i18n.t('app.name', lang)}**  \n{i18n.t('app.tagline', lang)}")
    filters.widget("lang", st.sidebar.segmented_control, i18n.t("lang.label", lang), list(i18n.LANGS),
                   format_func=LANG_NAMES.get, required=True)
    lang = st.session_state["lang"]
    number_locale(lang)
    chosen = filters.sidebar(lang, pinned_region=user.region)
    basis = deltas.sidebar(lang)
    _user_status(user, lang)
    filters.write_url()
    ctx = PageContext(name=name, lang=lang, filters=chosen, user=user, basis=basis, dimensions=entry.dimensions)
    _share_view(ctx)
    _not_applicable_note(ctx, entry.dimensions)
    _watch_data(db.served_version())
    return ctx


def public_url() -> str:
    """The dashboard's address, ending in "/": HEALTHTECH_PUBLIC_URL, or the one the browser used."""
    configured = os.environ.get("HEALTHTECH_PUBLIC_URL")
    if configured:
        return configured.rstrip("/") + "/"
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/"


def share_url(name: str) -> str:
    """This page's address with the view in it (language, filters, municipality) and never a link's token."""
    view = {p.key: st.query_params[p.key] for p in filters.PARAMS if p.key in st.query_params}
    path = "" if name == site.PAGES[0].name else name  # the first page is served at "/"
    return f"{public_url()}{path}{'?' + urlencode(view) if view else ''}"


def _share_view(ctx: PageContext) -> None:
    """Del denne visning / Share this view: the address to send a colleague; it shows the view, gives no access."""
    with st.sidebar.popover(ctx.t("share.button"), icon=":material/share:"):
        st.caption(ctx.t("share.explain"))
        st.code(share_url(ctx.name), language=None, wrap_lines=True)


@st.fragment(run_every=dt.timedelta(seconds=config.REFRESH_SECONDS))
def _watch_data(seen: str) -> None:
    """A viewer's page picks up a new data version by itself (a cheap fingerprint check, rerun on change), and a
    link revoked or expired meanwhile, a signed-in person taken off the lists, or a password session whose password
    or keys changed or that timed out, stops showing data without waiting for a click. (This check is not use: it
    does not keep a password session from its idle timeout.)"""
    if db.served_version() != seen or current_user(touch=False) is None:
        st.rerun(scope="app")


def _not_applicable_note(ctx: PageContext, dimensions: tuple[str, ...]) -> str | None:
    """"Filteret for periode gælder ikke …" / "Filtrene for region og klynge gælder ikke …", with the page's reason
    (`filters.not_applicable.<page>`). During a capture `st.info` records it, so the pack has it too."""
    ignored = [ctx.t(f"filters.{k}").lower() for k in ctx.filters.active() if k not in dimensions]
    if not ignored:
        return None
    names = ignored[0] if len(ignored) == 1 else f"{', '.join(ignored[:-1])} {ctx.t('filters.and')} {ignored[-1]}"
    key = "filters.not_applicable.one" if len(ignored) == 1 else "filters.not_applicable.many"
    text = ctx.t(key, names=names, reason=ctx.t(f"filters.not_applicable.{ctx.name}"))
    st.info(text, icon=":material/filter_alt_off:")
    return text


