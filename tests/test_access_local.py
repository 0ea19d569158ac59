"""Issue 14 (part A): local mode's per-start key, editor sessions tied to their credential (rotation, idle and
absolute timeouts), the sign-in rate limit across sessions, scrypt N = 2^17 with the upgrade of old hashes,
init-secrets' private atomic write, and widget values re-validated. Browser and websocket checks:
tests/browser/test_local_mode.py."""

from __future__ import annotations

import base64
import hashlib
import os
import stat

import pytest
from streamlit.testing.v1 import AppTest

from healthtech import __main__ as cli
from healthtech import access, guard, maps, owner, sessions, store
from healthtech import config as ht_config
from tests.page_runs import shown
from tests.test_access import _data_free, page

PASSWORD = "rigtig kode"  # noqa: S105 (a test secret)
KEYS = {"k1": bytes.fromhex("11" * 32)}


def _secrets_text(password_hash: str, keys=KEYS) -> str:
    lines = "".join(f'{k} = "{v.hex()}"\n' for k, v in keys.items())
    return (f'[healthtech]\neditor_password_hash = "{password_hash}"\ncurrent_key = "{next(iter(keys))}"\n'
            f"[healthtech.signing_keys]\n{lines}")


@pytest.fixture
def password_hash() -> str:
    return access.hash_password(PASSWORD)


@pytest.fixture
def secrets_file(tmp_path, monkeypatch, store_dir, password_hash):
    path = tmp_path / "secrets.toml"
    path.write_text(_secrets_text(password_hash))
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    return path


@pytest.fixture
def limiter(monkeypatch):
    """A fresh process-wide limiter for the test (3 failures per client, 6 overall) on a clock the test moves."""
    now = [1000.0]
    fresh = sessions.Limiter(per_client=3, overall=6, window_s=600, lockout_s=900, clock=lambda: now[0])
    fresh.now = now
    monkeypatch.setattr(sessions, "LIMITER", fresh)
    return fresh


def _sign_in(at: AppTest, password: str = PASSWORD, name: str = "Sekretariatet") -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    return at.button[0].click().run()


# --- local mode -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["pages/overview.py", "pages/data.py", "dashboard.py"])
def test_local_mode_without_the_key_shows_only_how_to_get_in(path):
    at = page(path)
    assert not at.exception and _data_free(at) and not at.get("file_uploader")
    assert "Åbn adressen med nøglen" in shown(at)
    assert not at.text_input  # no password form either: the key is the only way in
    assert not at.sidebar.get("segmented_control")  # no chrome, no filters


def test_local_mode_refuses_a_wrong_key_and_takes_it_out_of_the_address():
    at = page("pages/data.py", local="x" * 32)
    assert _data_free(at) and not at.get("file_uploader")
    assert "local" not in at.query_params


def test_the_key_makes_the_session_the_owner_and_leaves_the_address():
    at = page("pages/data.py", local=owner.secret())
    assert not at.exception and at.get("file_uploader")
    assert "Lokal tilstand" in shown(at)
    assert "local" not in at.query_params  # a copied address carries no key
    at.run()  # later runs: the session state remembers
    assert at.get("file_uploader")


def test_owner_claim_takes_the_parameter_or_the_cookie_and_never_the_secret_as_cookie():
    state, params = {}, {"local": owner.secret(), "lang": "en"}
    assert owner.claim(state, params, {}) and params == {"lang": "en"}
    assert owner.claim({}, {}, {owner.COOKIE: owner.proof()})  # a reload: the cookie set by guard.Guard
    assert not owner.claim({}, {}, {owner.COOKIE: owner.secret()})  # the cookie holds a proof, not the key
    assert not owner.claim({}, {"local": owner.proof()}, {})
    assert not owner.claim({}, {}, {owner.COOKIE: "nonsense"})
    assert owner.url(8501) == f"http://localhost:8501/?local={owner.secret()}"


def test_without_a_given_key_the_server_makes_a_long_random_one(monkeypatch):
    monkeypatch.delenv(owner.ENV)
    first = owner.secret()
    assert len(first) >= 32 and owner.secret() == first  # one per process start
    monkeypatch.setenv(owner.ENV, "short")
    assert owner.secret() != "short"  # too short to be a key


def test_access_no_longer_reads_request_headers():
    assert not hasattr(access, "is_local_request") and not hasattr(access, "PROXY_HEADERS")


# --- origins and hosts (the middleware in front of Streamlit) -----------------------------------------

def test_allowed_origins_are_whole_origins_with_their_port(monkeypatch):
    monkeypatch.setenv("HEALTHTECH_PUBLIC_URL", "https://Dashboard.example.dk/")
    allowed = guard.allowed_origins()
    port = guard._st_option("server.port")
    assert f"http://localhost:{port}" in allowed and "https://dashboard.example.dk" in allowed
    for foreign in (f"http://localhost:{port + 1}", f"https://localhost:{port}", "http://localhost",
                    "http://dashboard.example.dk", "https://dashboard.example.dk:8443", "null"):
        assert foreign not in allowed
    assert guard.origin_of("https://dashboard.example.dk:443/x?y") == "https://dashboard.example.dk"
    assert guard.origin_of("http://[::1]:8501") == "http://[::1]:8501"
    assert guard.origin_of("ftp://x") is None


def test_hosts_other_than_this_server_are_refused(monkeypatch):
    monkeypatch.setenv("HEALTHTECH_PUBLIC_URL", "https://dashboard.example.dk")
    for host in ("localhost:8501", "127.0.0.1:8501", "[::1]:8501", "dashboard.example.dk", "DASHBOARD.example.dk."):
        assert guard.host_allowed(host), host
    for host in ("evil.example", "dashboard.example.dk.evil.example", "", None, "user@localhost", "localhost/x"):
        assert not guard.host_allowed(host), host


# --- editor sessions ------------------------------------------------------------------------------------

def test_an_editor_session_holds_until_rotation_idle_or_age():
    secrets = access.Secrets(_old_hash("a"), KEYS, "k1")
    record = sessions.start("Sekretariatet", secrets, now=0)
    assert sessions.check(record, secrets, now=3600) is None and record["seen"] == 3600
    # the page's refresh check (every 30 s) is not use: it does not push the idle timeout back
    assert sessions.check(record, secrets, now=7200, touch=False) is None and record["seen"] == 3600
    assert sessions.check(dict(record), secrets, now=3600 + sessions.IDLE_S) == "idle"
    busy = sessions.start("x", secrets, now=0)
    for hour in range(1, 24):  # active every hour, still ends at 24 h
        assert sessions.check(busy, secrets, now=hour * 3600) is None
    assert sessions.check(busy, secrets, now=sessions.ABSOLUTE_S) == "expired"
    new_password = access.Secrets(_old_hash("b"), KEYS, "k1")
    new_key = access.Secrets(secrets.editor_password_hash, {"k2": bytes.fromhex("22" * 32)}, "k2")
    assert sessions.check(dict(record), new_password, now=3600) == "rotated"
    assert sessions.check(dict(record), new_key, now=3600) == "rotated"
    assert sessions.check(dict(record), None, now=3600) == "rotated"  # secrets gone
    assert sessions.check("Sekretariatet", secrets) == "rotated"  # a session from before this version


def test_a_password_change_signs_an_open_editor_session_out_on_its_next_run(secrets_file, limiter):
    at = _sign_in(page("pages/data.py"))
    assert at.get("file_uploader")
    secrets_file.write_text(_secrets_text(_old_hash("ny kode 2026")))
    at.run()
    assert not at.exception and not at.get("file_uploader") and _data_free(at)
    assert "Du er logget ud: adgangskoden eller nøglerne er skiftet" in shown(at)
    assert [t.label for t in at.text_input] == ["Navn (til loggen)", "Adgangskode"]


def test_an_idle_editor_session_ends(secrets_file, limiter):
    at = _sign_in(page("pages/data.py"))
    at.session_state["_editor"]["seen"] -= sessions.IDLE_S
    at.run()
    assert not at.get("file_uploader") and "8 timer uden aktivitet" in shown(at)


# --- sign-in rate limit ---------------------------------------------------------------------------------

def test_failures_are_counted_per_client_and_overall_across_sessions(limiter, store_dir):
    right = access.Secrets(_old_hash(PASSWORD))  # a fast hash: the limits are under test, not scrypt
    for _ in range(2):
        assert sessions.attempt("x", "wrong", "10.0.0.1", right, limiter)[0] == "wrong"
    assert sessions.attempt("x", "wrong", "10.0.0.1", right, limiter)[0] == "locked.client"
    assert sessions.attempt("x", PASSWORD, "10.0.0.1", right, limiter) == ("locked.client", None)  # right one too
    assert sessions.attempt("y", PASSWORD, "10.0.0.2", right, limiter)[0] == "ok"  # another client is not locked
    for client in ("10.0.0.3", "10.0.0.4", "10.0.0.5"):  # 6 failures in all: everyone is locked
        sessions.attempt("z", "wrong", client, right, limiter)
    assert sessions.attempt("y", PASSWORD, "10.0.0.2", right, limiter)[0] == "locked.everyone"
    assert sessions.lockout_minutes("10.0.0.9", limiter) == ("everyone", 15)
    limiter.now[0] += 901  # the lockout ends
    assert sessions.attempt("y", PASSWORD, "10.0.0.2", right, limiter)[0] == "ok"


def test_failed_sign_ins_are_logged_without_the_password(limiter, store_dir):
    right = access.Secrets(_old_hash(PASSWORD))
    for _ in range(3):
        sessions.attempt("Mallory", "hunter2-guess", "10.0.0.7", right, limiter)
    events = [r for r in store.records() if r["event"].startswith("sign_in")]
    assert [e["event"] for e in events] == ["sign_in_failed"] * 3 + ["sign_in_locked"]
    assert {e["client"] for e in events} == {"10.0.0.7"} and events[0]["name"] == "Mallory"
    assert "hunter2" not in (store.root() / store.AUDIT).read_text()
    sessions.attempt("Mallory", "again", "10.0.0.7", right, limiter)  # locked: not checked, not logged
    assert len([r for r in store.records() if r["event"].startswith("sign_in")]) == 4


@pytest.mark.slow
def test_the_editor_sees_the_lockout_on_the_sign_in_form(secrets_file, limiter):
    at = page("pages/data.py")
    for _ in range(3):
        at = _sign_in(at, password="forkert")  # noqa: S106 (a wrong password)
    assert "For mange forkerte adgangskoder herfra. Log ind er spærret i 15 min." in shown(at)
    at = _sign_in(at)  # the right password, during the lockout
    assert not at.get("file_uploader") and "spærret" in shown(at)
    other = page("pages/data.py")  # another browser session on the same client sees it before trying
    assert "spærret i 15 min." in shown(other)


def test_the_limiter_forgets_clients_beyond_its_bound():
    small = sessions.Limiter(per_client=100, overall=10**6, max_clients=50, clock=lambda: 0.0)
    for i in range(500):
        small.failed(f"c{i}")
    assert len(small._failures) <= 50


# --- scrypt ---------------------------------------------------------------------------------------------

def _old_hash(password: str) -> str:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_new_hashes_use_n_2_17_and_old_ones_still_verify(real_scrypt):
    password_hash = access.hash_password(PASSWORD)
    assert password_hash.startswith("scrypt$131072$8$1$")
    assert access.verify_password(PASSWORD, _old_hash(PASSWORD)) and access.hash_is_outdated(_old_hash(PASSWORD))
    assert not access.hash_is_outdated(password_hash)
    assert not access.verify_password(PASSWORD, _old_hash(PASSWORD).replace("$16384$", "$1073741824$"))  # no 1 TiB


def test_an_old_hash_is_upgraded_at_the_next_sign_in_and_the_session_holds(tmp_path, monkeypatch, limiter,
                                                                             real_scrypt):
    path = tmp_path / "secrets.toml"
    path.write_text("# kept\n" + _secrets_text(_old_hash(PASSWORD)))
    path.chmod(0o640)
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    outcome, record = sessions.attempt("S", PASSWORD, "c", access.load_secrets(), limiter)
    assert outcome == "ok"
    upgraded = access.load_secrets()
    assert upgraded.editor_password_hash.startswith("scrypt$131072$")
    assert access.verify_password(PASSWORD, upgraded.editor_password_hash)
    assert path.read_text().startswith("# kept\n") and upgraded.signing_keys == KEYS
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sessions.check(record, upgraded) is None  # tied to the new hash


def test_a_hash_from_the_environment_is_not_rewritten(tmp_path, monkeypatch, limiter):
    monkeypatch.setenv("HEALTHTECH_SECRETS", "")
    monkeypatch.setenv("HEALTHTECH_EDITOR_PASSWORD_HASH", _old_hash(PASSWORD))
    assert sessions.attempt("S", PASSWORD, "c", access.load_secrets(), limiter)[0] == "ok"
    assert not access.upgrade_password_hash(PASSWORD, access.load_secrets())


# --- init-secrets ---------------------------------------------------------------------------------------

def test_init_secrets_force_over_a_0644_file_ends_0600(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    path.write_text("old")
    path.chmod(0o644)
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(path))
    assert cli.main(["init-secrets", "--force"]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "(mode 600," in capsys.readouterr().out
    assert access.load_secrets().editor_password_hash.startswith(f"scrypt${access.SCRYPT['n']}$")
    assert [p.name for p in tmp_path.iterdir()] == ["secrets.toml"]  # no temp file left


def test_init_secrets_never_follows_a_symlink(tmp_path, monkeypatch, capsys):
    target = tmp_path / "elsewhere.txt"
    target.write_text("not yours")
    target.chmod(0o644)
    link = tmp_path / "secrets.toml"
    link.symlink_to(target)
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(link))
    assert cli.main(["init-secrets"]) == 1  # exists: refuses without --force
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(dangling))
    assert cli.main(["init-secrets"]) == 1  # a dangling link too
    assert not (tmp_path / "nowhere").exists()
    monkeypatch.setenv("HEALTHTECH_SECRETS", str(link))
    assert cli.main(["init-secrets", "--force"]) == 0
    assert target.read_text() == "not yours" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not link.is_symlink() and stat.S_IMODE(os.lstat(link).st_mode) == 0o600
    assert access.load_secrets().signing_keys


# --- widget values --------------------------------------------------------------------------------------

def test_a_map_layer_name_never_opens_another_file():
    for layer in ("../secrets", "../../etc/passwd", "regions/../../x", "regions.geojson"):
        with pytest.raises(ValueError):
            maps._geojson(layer)


def send_widget_value(at: AppTest, key: str, text: str) -> AppTest:
    """Rerun with `text` as the value of widget `key`, the way a client's websocket message carries it (the
    widget's string or string-array field), whether or not it is one of the widget's options."""
    states = at._tree.get_widget_states()
    widget_id = next(n.id for n in at._tree if getattr(n, "key", None) == key)
    state = next(w for w in states.widgets if w.id == widget_id)
    if state.WhichOneof("value") == "string_array_value":
        state.string_array_value.data[:] = [text]
    else:
        state.string_value = text
    return at._run(states)


@pytest.mark.parametrize(("key", "bad"), [
    ("region", "../../etc/passwd"), ("region", "9999"), ("municipality", "'; drop table x; --"),
    ("municipality", "101"), ("map_layer", "../secrets"), ("map_layer", "../../../etc/passwd"), ("lang", "xx"),
    ("lang", "{__class__}"), ("cluster", "<script>"), ("period", "y9"),
])
def test_an_invalid_widget_value_falls_back_to_the_default_and_the_session_keeps_working(key, bad):
    from tests.page_runs import as_owner

    at = as_owner(AppTest.from_file(str(ht_config.ROOT / "pages/companies.py"), default_timeout=60))
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    before = at.session_state[key]
    send_widget_value(at, f"_w_{key}", bad)
    assert not at.exception, [e.message for e in at.exception]
    default = {"map_layer": "regions", "lang": "da", "period": "all"}.get(key)
    # The default; a segmented control's own deserializer may already drop an unknown option (no change then).
    assert at.session_state[key] in (default, before) and at.session_state[key] != bad
    assert at.get("plotly_chart") and at.get("deck_gl_json_chart")
    at.run()  # and the next run too
    assert not at.exception and at.get("deck_gl_json_chart")


def test_invalid_canonical_state_is_reset_before_anything_reads_it():
    from tests.page_runs import as_owner

    at = as_owner(AppTest.from_file(str(ht_config.ROOT / "pages/companies.py"), default_timeout=60)).run()
    for key, bad in (("region", "../x"), ("lang", "xx"), ("municipality", -1), ("period", None),
                     ("map_layer", "../secrets")):
        at.session_state[key] = bad
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert (at.session_state["region"], at.session_state["lang"], at.session_state["municipality"],
            at.session_state["map_layer"]) == (None, "da", None, "regions")
    assert at.get("deck_gl_json_chart")
