"""Who may do what: signed links (valid, tampered, expired, revoked, wrong key, region-widening), the editor
password, local mode, and what each role sees of the pages (AppTest)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import stat
from unittest import mock

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from healthtech import __main__ as cli
from healthtech import access
from healthtech import config as ht_config
from tests.page_runs import QUICK_SCRYPT, shown

KEYS = {"k1": bytes.fromhex("11" * 32), "k2": bytes.fromhex("22" * 32)}
with mock.patch.object(access, "SCRYPT", QUICK_SCRYPT):  # as every hash of the fast suite (tests/page_runs.py)
    SECRETS = access.Secrets(editor_password_hash=access.hash_password("rigtig kode"), signing_keys=KEYS,
                             current_key="k2")
LATER = dt.datetime.now(dt.UTC) + dt.timedelta(days=14)


def token(role=access.REVIEWER, region=None, expires=LATER, secrets=SECRETS) -> str:
    return access.make_token(secrets, role, expires, region, token_id="t-1")[0]  # noqa: S106 (a token id, not a password)


def _parts(tok: str) -> tuple[str, dict, str]:
    kid, payload, sig = tok.split(".")
    return kid, json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))), sig


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_valid_link_gives_its_role_and_region():
    user = access.verify_token(SECRETS, token(region=1081), revoked=set())
    assert (user.role, user.region, user.token_id, user.can_edit) == ("reviewer", 1081, "t-1", False)
    assert access.verify_token(SECRETS, token(role="member"), revoked=set()).role == "member"


@pytest.mark.parametrize("change", ["region", "role", "expiry", "signature"])
def test_a_tampered_link_is_refused(change):
    kid, payload_b64, sig = token(region=1081).split(".")
    _, payload, _ = _parts(token(region=1081))
    if change == "region":
        payload_b64 = _b64({**payload, "g": None})  # widen to every region
    elif change == "role":
        payload_b64 = _b64({**payload, "r": "member"})
    elif change == "expiry":
        payload_b64 = _b64({**payload, "e": payload["e"] + 365 * 86400})
    else:
        sig = ("B" if sig[0] == "A" else "A") + sig[1:]
    with pytest.raises(access.Refused) as refused:
        access.verify_token(SECRETS, f"{kid}.{payload_b64}.{sig}", revoked=set())
    assert refused.value.reason == "tampered"


def test_an_expired_link_is_refused():
    tok = token(expires=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    with pytest.raises(access.Refused, match="expired"):
        access.verify_token(SECRETS, tok, revoked=set())


def test_a_revoked_link_is_refused():
    with pytest.raises(access.Refused, match="revoked"):
        access.verify_token(SECRETS, token(), revoked={"t-1"})


def test_a_link_signed_with_another_secret_under_a_known_key_id_is_refused():
    forged = access.Secrets(None, {"k2": bytes.fromhex("33" * 32)}, "k2")
    with pytest.raises(access.Refused, match="tampered"):
        access.verify_token(SECRETS, token(secrets=forged), revoked=set())


def test_key_rotation_keeps_old_links_until_their_key_is_dropped():
    old = token(secrets=access.Secrets(None, KEYS, "k1"))
    assert access.verify_token(SECRETS, old, revoked=set()).role == "reviewer"  # k2 signs now, k1 still known
    without_k1 = access.Secrets(None, {"k2": KEYS["k2"]}, "k2")
    with pytest.raises(access.Refused, match="unknown_key"):
        access.verify_token(without_k1, old, revoked=set())


@pytest.mark.parametrize("bad", ["", "abc", "k2.x.y", "k2..", "k9.a.b", "k2.a.b.c", "x" * 5000,
                                 "k2.!!!.###"])
def test_malformed_links_are_refused_without_a_traceback(bad):
    with pytest.raises(access.Refused):
        access.verify_token(SECRETS, bad, revoked=set())


def test_no_link_can_carry_the_editor_role():
    with pytest.raises(ValueError):
        access.make_token(SECRETS, access.EDITOR, LATER)
    _, payload, _ = _parts(token())
    payload["r"] = "editor"
    body = f"k2.{_b64(payload)}"
    sig = base64.urlsafe_b64encode(hmac.new(KEYS["k2"], body.encode(), hashlib.sha256).digest()).rstrip(b"=")
    with pytest.raises(access.Refused, match="malformed"):
        access.verify_token(SECRETS, f"{body}.{sig.decode()}", revoked=set())


def test_the_editor_password_is_checked_against_its_scrypt_hash():
    stored = SECRETS.editor_password_hash
    assert stored.startswith("scrypt$1024$8$1$") and "rigtig" not in stored  # 2^17 outside tests: test_access_local
    assert access.verify_password("rigtig kode", stored)
    assert not access.verify_password("forkert kode", stored)
    assert not access.verify_password("rigtig kode", "plain-text")
    assert not access.verify_password("rigtig kode", None)


def test_init_secrets_writes_a_private_file_whose_password_and_key_work(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    assert cli.main(["init-secrets"]) == 0
    password = capsys.readouterr().out.split("shown this once): ")[1].strip()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    secrets = access.load_secrets()
    assert access.verify_password(password, secrets.editor_password_hash)
    assert access.verify_token(secrets, access.make_token(secrets, "reviewer", LATER)[0], revoked=set())
    assert cli.main(["init-secrets"]) == 1  # never overwrites without --force


def test_share_link_and_revoke_on_the_command_line(tmp_path, monkeypatch, capsys, store_dir):
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(tmp_path / "secrets.toml"))
    cli.main(["init-secrets"])
    capsys.readouterr()
    assert cli.main(["share-link", "--role", "reviewer", "--region", "1082", "--expires", "2w"]) == 0
    link = capsys.readouterr().out.strip()
    tok = link.split("?token=")[1]
    user = access.verify_token(access.load_secrets(), tok)
    assert (user.role, user.region) == ("reviewer", 1082)
    assert cli.main(["revoke", user.token_id]) == 0
    with pytest.raises(access.Refused, match="revoked"):
        access.verify_token(access.load_secrets(), tok)
    assert cli.main(["revoke", "no-such-id"]) == 1
    assert [(link["token_id"], link["revoked"]) for link in access.links()] == [(user.token_id, True)]


# --- pages ----------------------------------------------------------------------------------------------

@pytest.fixture
def secrets_file(tmp_path, monkeypatch, store_dir):
    path = tmp_path / "secrets.toml"
    path.write_text(
        "[healthtech]\n"
        f'editor_password_hash = "{SECRETS.editor_password_hash}"\n'
        'current_key = "k2"\n[healthtech.signing_keys]\n'
        f'k1 = "{KEYS["k1"].hex()}"\nk2 = "{KEYS["k2"].hex()}"\n')
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    return path


def page(path: str, **query) -> AppTest:
    at = AppTest.from_file(str(ht_config.ROOT / path), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _data_free(at: AppTest) -> bool:
    return not at.get("plotly_chart") and not at.dataframe and not at.metric and not at.get("deck_gl_json_chart")


@pytest.mark.parametrize("path", ["pages/overview.py", "pages/companies.py", "pages/data.py"])
def test_without_a_link_a_page_shows_the_sign_in_form_and_no_data(secrets_file, path):
    at = page(path)
    assert not at.exception
    assert _data_free(at)
    assert "Dashboardet åbnes via dit personlige link" in shown(at)
    assert [t.label for t in at.text_input] == ["Navn (til loggen)", "Adgangskode"]
    assert not at.get("file_uploader")


@pytest.mark.parametrize("reason, make", [
    ("Linket er udløbet", lambda: token(expires=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))),
    ("Linket er ændret", lambda: token()[:-3] + "abc"),
    ("Linket er ufuldstændigt", lambda: "nonsense"),
])
def test_a_refused_link_says_why_and_shows_no_data(secrets_file, reason, make):
    at = page("pages/budget.py", token=make())
    assert not at.exception and _data_free(at)
    assert reason in shown(at)
    assert not at.text_input  # no sign-in form under a refused link


def test_a_revoked_link_stops_working_on_the_next_run(secrets_file):
    tok = token(region=1083)
    at = page("pages/reach.py", token=tok)
    assert at.get("plotly_chart")
    access.revoke("t-1", who="test")
    at.run()
    assert _data_free(at) and "Linket er trukket tilbage" in shown(at)


def test_a_reviewer_pinned_to_a_region_cannot_widen_it_through_the_url_or_the_sidebar(secrets_file):
    at = page("pages/companies.py", token=token(region=1081), region="1084")
    assert not at.exception
    assert at.session_state["region"] == 1081
    region_box = at.selectbox(key="_w_region")
    assert region_box.disabled and region_box.value == 1081
    assert at.query_params["region"] == "1081"
    assert "Skrivebeskyttet visning · kun Region Nordjylland" in shown(at)
    # Even a forced widget change is undone on the next run.
    at.session_state["region"] = None
    at.run()
    assert at.session_state["region"] == 1081


def test_a_reviewer_gets_no_data_page_and_no_uploader(secrets_file):
    at = page("pages/data.py", token=token())
    assert not at.exception
    assert "Denne side er kun for sekretariatet." in shown(at)
    assert not at.get("file_uploader") and _data_free(at)


def test_the_editor_signs_in_with_the_password_and_reaches_the_data_page(secrets_file):
    at = page("pages/data.py")
    at.text_input[0].input("Sekretariatet")
    at.text_input[1].input("forkert")
    at.button[0].click().run()
    assert "Forkert adgangskode." in shown(at) and not at.get("file_uploader")
    at.text_input[1].input("rigtig kode")
    at.button[0].click().run()
    assert not at.exception
    assert at.get("file_uploader")
    assert "Logget ind som Sekretariatet (redaktør)" in shown(at)


def test_local_mode_serves_everything_to_the_owner_and_says_so():
    at = page("pages/data.py", local=os.environ["HEALTHTECH_LOCAL_SECRET"])
    assert not at.exception and at.get("file_uploader")
    assert "Lokal tilstand" in shown(at)


def test_local_mode_refuses_to_serve_when_bound_beyond_localhost():
    previous = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")  # noqa: S104 (the case under test)
    try:
        at = page("pages/overview.py", local=os.environ["HEALTHTECH_LOCAL_SECRET"])
    finally:
        st_config.set_option("server.address", previous)
    assert not at.exception and _data_free(at)
    assert "må derfor kun lytte på localhost" in shown(at)


def test_a_configured_but_missing_secrets_file_refuses_instead_of_opening_local_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(tmp_path / "typo.toml"))
    at = page("pages/data.py")
    assert not at.exception and _data_free(at) and not at.get("file_uploader")
    assert "hemmelighedsfil, der ikke findes" in shown(at)
