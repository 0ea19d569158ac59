"""Links people can forward and organisation sign-in (issue 14): link lifetimes in hours, days or weeks and "until
tomorrow"; the openings log; the token leaving the address bar; the role a signed-in identity gets (AppTest with a
seeded `st.user`); the Data page's link form and access log."""

from __future__ import annotations

import datetime as dt
import functools
import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from healthtech import __main__ as cli
from healthtech import access, identity, sessions, store
from healthtech import config as ht_config
from tests.page_runs import shown

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
KEYS = {"k1": bytes.fromhex("11" * 32)}
SECRETS = access.Secrets(editor_password_hash=None, signing_keys=KEYS, current_key="k1")


# --- lifetimes ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lasts"), [
    ("3h", dt.timedelta(hours=3)), ("1h", dt.timedelta(hours=1)), ("2d", dt.timedelta(days=2)),
    ("14", dt.timedelta(days=14)), ("2w", dt.timedelta(weeks=2)), (" 36H ", dt.timedelta(hours=36)),
    ("366d", dt.timedelta(days=366)),
])
def test_a_link_lasts_hours_days_or_weeks(text, lasts):
    assert access.parse_expiry(text, now=NOW) == NOW + lasts


@pytest.mark.parametrize("text", ["0h", "367d", "53w", "3m", "h", "", "-2d", "1.5d", "tomorrow!"])
def test_a_lifetime_outside_one_hour_to_366_days_or_unreadable_is_refused(text):
    with pytest.raises(ValueError):
        access.parse_expiry(text, now=NOW)


@pytest.mark.parametrize(("now", "expires"), [
    (dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC), dt.datetime(2026, 12, 2, 23, 0, tzinfo=dt.UTC)),
    # 23:30 UTC on 1 Dec is already 2 Dec in Copenhagen: "tomorrow" is then 3 Dec.
    (dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC), dt.datetime(2026, 12, 3, 23, 0, tzinfo=dt.UTC)),
    # Summer time: midnight in Copenhagen is 22:00 UTC.
    (dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC), dt.datetime(2026, 6, 11, 22, 0, tzinfo=dt.UTC)),
])
def test_a_meeting_link_lasts_until_the_end_of_tomorrow_in_danish_time(now, expires):
    assert access.parse_expiry("tomorrow", now=now) == expires == access.until_tomorrow(now)


def test_a_three_hour_link_opens_before_and_is_refused_after_its_expiry():
    expires = access.parse_expiry("3h", now=NOW)
    token, _ = access.make_token(SECRETS, access.MEMBER, expires)
    assert access.verify_token(SECRETS, token, now=NOW + dt.timedelta(hours=2, minutes=59), revoked=set())
    with pytest.raises(access.Refused, match="expired"):
        access.verify_token(SECRETS, token, now=NOW + dt.timedelta(hours=3), revoked=set())


def test_share_link_on_the_command_line_takes_hours_and_tomorrow(tmp_path, monkeypatch, capsys, store_dir):
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(tmp_path / "secrets.toml"))
    cli.main(["init-secrets"])
    capsys.readouterr()
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)  # the store keeps whole seconds
    assert cli.main(["share-link", "--role", "member", "--expires", "3h"]) == 0
    assert "expires" in capsys.readouterr().err
    assert cli.main(["share-link", "--role", "reviewer", "--expires", "tomorrow"]) == 0
    made = {link["role"]: dt.datetime.fromisoformat(link["expires"]) for link in access.links()}
    assert dt.timedelta(hours=3) <= made["member"] - before <= dt.timedelta(hours=3, minutes=1)
    assert made["reviewer"] in {access.until_tomorrow(before), access.until_tomorrow()}  # unless midnight passed
    assert cli.main(["share-link", "--expires", "400d"]) == 1
    assert "1 hour to 366 days" in capsys.readouterr().err


# --- the openings log -----------------------------------------------------------------------------------

def test_openings_are_counted_per_link_with_time_only(store_dir):
    expires = NOW + dt.timedelta(days=400)
    _, first = access.issue_link(SECRETS, access.REVIEWER, expires, None, who="test")
    _, second = access.issue_link(SECRETS, access.MEMBER, expires, None, who="test")
    for _ in range(3):
        access.record_opening(access.User(role=access.REVIEWER, token_id=first))
    counts = {link["token_id"]: (link["opened"], bool(link["last_opened"])) for link in access.links()}
    assert counts == {first: (3, True), second: (0, False)}
    lines = (store_dir / store.OPENINGS).read_text().splitlines()
    assert [sorted(json.loads(line)) for line in lines] == [["token_id", "when"]] * 3  # no IP, no name


def test_a_torn_last_opening_line_is_ignored_and_repaired(store_dir):
    store.append_opening("a")
    with (store_dir / store.OPENINGS).open("ab") as f:
        f.write(b'{"token_id": "b", "wh')  # a writer killed mid-line
    assert [r["token_id"] for r in store.openings()] == ["a"]
    store.append_opening("c")
    assert [r["token_id"] for r in store.openings()] == ["a", "c"]


# --- organisation sign-in: roles ------------------------------------------------------------------------

RULES = identity.SignIn(editors=("anna@healthtech.dk",), members=("@regionh.dk", "bo@rm.dk"), role_claim="roles")


@pytest.mark.parametrize(("claims", "role"), [
    ({"email": "anna@healthtech.dk"}, "editor"),
    ({"email": "Anna@HealthTech.dk", "email_verified": True}, "editor"),
    ({"email": "kim@regionh.dk"}, "member"),
    ({"email": "bo@rm.dk"}, "member"),
    ({"email": "eve@healthtech.dk"}, None),  # editors are listed one by one
    ({"email": "eve@evilregionh.dk"}, None),  # a domain matches whole, not as a suffix
    ({"email": "eve@sub.regionh.dk"}, None),
    ({"email": "anna@healthtech.dk@evil.dk"}, None),
    ({"email": "anna@healthtech.dk", "email_verified": False}, None),  # an unverified address counts for nothing
    ({"sub": "x", "roles": ["member"]}, "member"),
    ({"sub": "x", "roles": "editor"}, "editor"),
    ({"email": "kim@regionh.dk", "roles": ["editor"]}, "editor"),
    ({"sub": "x", "roles": ["admin"]}, None),
    ({}, None),
])
def test_the_role_comes_from_the_lists_or_the_claim(claims, role):
    assert identity.role_for(claims, RULES) == role


def test_the_sign_in_set_up_is_read_from_the_secrets_file():
    whole = {"auth": {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s",
                      "microsoft": {"client_id": "a", "client_secret": "b", "server_metadata_url": "u"}},
             "healthtech": {"sign_in": {"editors": ["A@x.dk"], "members": "@y.dk, c@z.dk", "role_claim": "roles"}}}
    sign_in = identity.from_secrets(whole)
    assert sign_in == identity.SignIn(editors=("a@x.dk",), members=("@y.dk", "c@z.dk"), role_claim="roles",
                                      providers=("microsoft",))
    assert identity.from_secrets({"healthtech": {}}) is None
    assert identity.from_secrets({"auth": {"client_id": "a", "server_metadata_url": "u"}}).providers == (None,)


# --- pages (AppTest) ------------------------------------------------------------------------------------

@functools.cache
def _editor_hash() -> str:
    """One scrypt hash (0.4 s) for every test of the module: the password is the same in each."""
    return access.hash_password("rigtig kode")


@pytest.fixture
def oidc_secrets(tmp_path, monkeypatch, store_dir):
    """A secrets file with an identity provider ([auth]), role lists, a signing key, and an editor password that
    must not be offered (the provider replaces it)."""
    path = tmp_path / "secrets.toml"
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "test-cookie-secret"\n'
        'client_id = "dashboard"\nclient_secret = "x"\n'
        'server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"\n'
        "[healthtech]\n"
        f'editor_password_hash = "{_editor_hash()}"\ncurrent_key = "k1"\n'
        "[healthtech.signing_keys]\n"
        f'k1 = "{KEYS["k1"].hex()}"\n'
        "[healthtech.sign_in]\n"
        'editors = ["anna@healthtech.dk"]\nmembers = ["@regionh.dk"]\n')
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    from streamlit import config as st_config
    from streamlit.runtime.secrets import secrets_singleton

    previous = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(path)])
    secrets_singleton._reset()
    yield path
    st_config.set_option("secrets.files", previous)
    secrets_singleton._reset()


def _page(path: str, user: dict | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(ht_config.ROOT / path), default_timeout=60)
    if user is not None:
        at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _signed_in(email: str, sub: str, issued_ago_s: float = 60.0) -> dict:
    """st.user as Streamlit's cookie holds it after an OIDC sign-in: the ID token's claims (with `iat`)."""
    return {"is_logged_in": True, "email": email, "sub": sub, "iss": "https://idp.test",
            "iat": int(time.time() - issued_ago_s)}


def _data_free(at: AppTest) -> bool:
    return not at.get("plotly_chart") and not at.dataframe and not at.metric


def test_with_an_identity_provider_the_wall_offers_organisation_sign_in_and_no_password(oidc_secrets):
    at = _page("pages/overview.py", user={"is_logged_in": False})
    assert not at.exception and _data_free(at)
    assert "Log ind med din organisations konto" in shown(at)
    assert [b.label for b in at.button] == ["Log ind med organisationskonto"]
    assert not at.text_input  # no password form beside the provider


def test_with_an_identity_provider_a_password_session_counts_for_nothing(oidc_secrets):
    at = AppTest.from_file(str(ht_config.ROOT / "pages/data.py"), default_timeout=60)
    at.user = {"is_logged_in": False}
    at.session_state["_editor"] = "Sekretariatet"  # as the password form would have set it
    at.run()
    assert not at.exception and not at.get("file_uploader") and _data_free(at)
    assert "Log ind med din organisations konto" in shown(at)


def test_a_signed_in_editor_reaches_the_data_page_and_is_named_by_identity(oidc_secrets):
    at = _page("pages/data.py", user=_signed_in("anna@healthtech.dk", "1"))
    assert not at.exception
    assert at.get("file_uploader")
    assert "Logget ind som anna@healthtech.dk (redaktør)" in shown(at)
    assert not [t for t in at.text_input if t.label == "Navn (til loggen)"]  # no typed name


def test_the_data_page_makes_a_meeting_link_until_tomorrow_and_lists_its_openings(oidc_secrets):
    at = _page("pages/data.py", user=_signed_in("anna@healthtech.dk", "1"))
    lasts = next(s for s in at.selectbox if s.label == "Gyldigt")
    assert lasts.value == "2w" and lasts.options[0] == "Til et møde: til i morgen"
    lasts.select("tomorrow")
    next(b for b in at.button if b.label == "Lav link").click().run()
    assert not at.exception
    (link,) = access.links()
    assert dt.datetime.fromisoformat(link["expires"]) in {access.until_tomorrow(), access.until_tomorrow(
        dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))}
    assert (link["who"], link["opened"]) == ("anna@healthtech.dk", 0)
    assert "Linket vises kun denne ene gang" in shown(at)
    assert any(c.value.startswith("http://localhost:8501/?token=") for c in at.code)
    access.record_opening(access.User(role=access.MEMBER, token_id=link["token_id"]))
    at.run()
    table = next(t.value for t in at.dataframe if "Åbnet (gange)" in t.value.columns)
    assert table[["Id", "Åbnet (gange)"]].values.tolist() == [[link["token_id"], 1]]
    assert table["Senest åbnet"].iloc[0].startswith(dt.datetime.now(access.LOCAL_ZONE).strftime("%-d. "))


def test_a_signed_in_member_sees_the_dashboard_but_not_the_data_page(oidc_secrets):
    at = _page("pages/reach.py", user=_signed_in("kim@regionh.dk", "2"))
    assert not at.exception and at.get("plotly_chart")
    assert "Logget ind som kim@regionh.dk (styregruppe/klynge)" in shown(at)
    at = _page("pages/data.py", user=_signed_in("kim@regionh.dk", "2"))
    assert "Denne side er kun for sekretariatet." in shown(at) and not at.get("file_uploader")


def test_a_signed_in_person_on_no_list_is_refused_and_offered_sign_out(oidc_secrets):
    at = _page("pages/overview.py", user=_signed_in("eve@example.com", "3"))
    assert not at.exception and _data_free(at)
    assert "Du er logget ind som eve@example.com, men den konto har ikke adgang" in shown(at)
    assert [b.label for b in at.button] == ["Log ud"]


def test_an_auth_section_streamlit_does_not_read_refuses_with_the_fix(tmp_path, monkeypatch):
    path = tmp_path / "elsewhere.toml"
    path.write_text('[auth]\nclient_id = "a"\nserver_metadata_url = "u"\n')
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    at = _page("pages/overview.py")
    assert not at.exception and _data_free(at)
    assert "STREAMLIT_SECRETS_FILES" in shown(at)


# --- the token leaves the address bar -------------------------------------------------------------------

@pytest.fixture
def link_secrets(tmp_path, monkeypatch, store_dir):
    path = tmp_path / "secrets.toml"
    path.write_text(f'[healthtech]\ncurrent_key = "k1"\n[healthtech.signing_keys]\nk1 = "{KEYS["k1"].hex()}"\n')
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    return path


def test_an_opened_link_leaves_the_address_bar_keeps_the_view_and_is_counted_once(link_secrets):
    token, token_id = access.issue_link(SECRETS, access.MEMBER, dt.datetime.now(dt.UTC) + dt.timedelta(hours=3),
                                        None, who="test")
    at = _page("pages/reach.py", token=token, lang="en", region="1084")
    assert not at.exception and at.get("plotly_chart")
    assert "token" not in at.query_params
    assert (at.query_params["lang"], at.query_params["region"]) == ("en", "1084")
    shared = [c.value for c in at.code]  # "Share this view" in the sidebar
    assert shared == ["http://localhost:8501/reach?lang=en&region=1084"]
    at.run()  # a rerun (a click) is the same session: still in, not counted again
    assert at.get("plotly_chart") and "token" not in at.query_params
    assert [link["opened"] for link in access.links()] == [1]
    assert token_id in {r["token_id"] for r in store.openings()}


def test_a_tab_reopening_its_own_link_after_a_reload_is_not_a_new_opening(link_secrets):
    token, _ = access.issue_link(SECRETS, access.REVIEWER, dt.datetime.now(dt.UTC) + dt.timedelta(hours=3), None,
                                 who="test")
    at = _page("pages/reach.py", token=token, resume="1")
    assert not at.exception and at.get("plotly_chart")
    assert "token" not in at.query_params and "resume" not in at.query_params
    assert [link["opened"] for link in access.links()] == [0]
    remember = [h.proto.body for h in at.get("html") if "sessionStorage.setItem" in h.proto.body]
    assert remember and json.dumps(token) in remember[0]  # the tab keeps the verified token


def test_a_refused_link_is_not_counted_as_an_opening(link_secrets):
    token, _ = access.issue_link(SECRETS, access.MEMBER, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1),
                                 None, who="test")
    at = _page("pages/reach.py", token=token)
    assert "Linket er udløbet" in shown(at)
    assert [link["opened"] for link in access.links()] == [0]
    assert any("sessionStorage.removeItem" in h.proto.body for h in at.get("html"))  # the tab forgets it


# --- organisation sign-ins end like password sessions: 8 hours idle, 24 hours after the provider issued them ----

def test_an_organisation_sign_in_ends_24_hours_after_it_was_issued_or_without_an_issue_time():
    claims = {"sub": "9", "iss": "https://idp.test", "iat": 1_000_000}
    assert sessions.check_signed_in(claims, now=1_000_000 + sessions.ABSOLUTE_S - 1) is None
    assert sessions.check_signed_in(claims, now=1_000_000 + sessions.ABSOLUTE_S) == "expired"
    assert sessions.check_signed_in({**claims, "auth_time": 1_000_000 - 3600},
                                    now=1_000_000 + sessions.ABSOLUTE_S - 1) == "expired"  # auth_time counts
    assert sessions.check_signed_in({"sub": "9"}, now=1_000_000) == "expired"  # OIDC requires iat


def test_an_organisation_sign_in_ends_after_8_hours_without_a_run_and_a_new_sign_in_starts_afresh():
    issued = time.time()
    claims = {"sub": "10", "iss": "https://idp.test", "iat": issued}
    assert sessions.check_signed_in(claims, now=issued + 3600) is None  # used an hour in
    assert sessions.check_signed_in(claims, now=issued + 3600 + sessions.IDLE_S - 1, touch=False) is None
    assert sessions.check_signed_in(claims, now=issued + 3600 + sessions.IDLE_S) == "idle"
    assert sessions.check_signed_in(claims, now=issued + 3600 + sessions.IDLE_S + 1) == "idle"  # stays ended
    again = {**claims, "iat": issued + 3600 + sessions.IDLE_S + 5}
    assert sessions.check_signed_in(again, now=issued + 3600 + sessions.IDLE_S + 10) is None


def test_an_expired_organisation_sign_in_sees_the_wall_with_why_and_sign_in_again(oidc_secrets):
    at = _page("pages/reach.py", user=_signed_in("kim@regionh.dk", "2", issued_ago_s=sessions.ABSOLUTE_S + 60))
    assert not at.exception and _data_free(at)
    assert "Du er logget ud: et login gælder højst 24 timer. Log ind igen." in shown(at)
    assert [b.label for b in at.button] == ["Log ind med organisationskonto"]
