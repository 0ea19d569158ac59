"""Issue 14 (part A) against a real server (serve.py) in Chromium and over raw websockets: local mode decides
nothing from headers (a Host-rewriting reverse proxy started here on loopback, as nginx without
`proxy_set_header Host $host` is), the printed `?local=` address makes the owner and leaves the address bar, a
websocket from another origin is refused, security headers and no /_stcore/metrics, and a password rotation
signs an open editor session out by itself."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import urllib.error
import urllib.request

import pytest
import websockets
from playwright.sync_api import expect
from websockets.sync.client import connect

from healthtech import access, owner
from tests.browser.conftest import ARTIFACTS, DESKTOP, log_path, running_dashboard
from tests.browser.test_upload_and_links import PASSWORD, nav_labels, sign_in
from tests.browser.test_walk import WAIT, settle

pytestmark = pytest.mark.browser

# The session's `server` (tests/browser/conftest.py) is in local mode already (tests/conftest.py sets
# HEALTHTECH_SECRETS= for the run), so the tests that only visit it or knock on it (the proxy, the printed address,
# handshakes, headers, websocket sessions of their own) share it; the password rotation needs a server of its own.
KEY_NEEDED = "Åbn adressen med nøglen"


class HostRewritingProxy:
    """A reverse proxy on 127.0.0.1 that forwards to the dashboard with `Host: localhost:<port>` and no
    X-Forwarded-For, so every request looks local to whoever trusts headers. `origin=True` rewrites `Origin`
    the same way (a proxy that hides the browser's origin too). One request per connection (`Connection:
    close`), so each request's head is rewritten; websocket upgrades are piped through after theirs."""

    def __init__(self, upstream_port: int, origin: bool = False):
        self.upstream = upstream_port
        self.origin = origin
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.heads: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        with contextlib.suppress(OSError):
            while True:
                client, _ = self.server.accept()
                threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _rewrite(self, head: bytes) -> bytes:
        lines = head.split(b"\r\n")
        out = [lines[0]]
        upgrade = any(line.lower().startswith(b"upgrade:") for line in lines)
        for line in lines[1:]:
            name = line.split(b":", 1)[0].strip().lower()
            if name == b"host":
                line = b"Host: localhost:%d" % self.upstream
            elif name == b"origin" and self.origin:
                line = b"Origin: http://localhost:%d" % self.upstream
            elif name == b"connection" and not upgrade:
                line = b"Connection: close"
            out.append(line)
        self.heads.append(b"\r\n".join(out))
        return b"\r\n".join(out)

    def _serve(self, client: socket.socket):
        with client, socket.create_connection(("localhost", self.upstream)) as upstream:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = client.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, rest = data.split(b"\r\n\r\n", 1)
            upstream.sendall(self._rewrite(head) + b"\r\n\r\n" + rest)
            back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
            back.start()
            _pipe(client, upstream)
            back.join(timeout=30)

    def close(self):
        self.server.close()


def _pipe(src: socket.socket, dst: socket.socket):
    with contextlib.suppress(OSError):
        while chunk := src.recv(65536):
            dst.sendall(chunk)
    with contextlib.suppress(OSError):
        dst.shutdown(socket.SHUT_WR)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _nothing_shown(page) -> None:
    """No figures, no uploader, no Data page in the navigation."""
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('input[type="file"]').count() == 0
    assert "Data" not in nav_labels(page)
    assert "28,0" not in page.locator("body").inner_text()


@pytest.mark.parametrize("origin", [False, True], ids=["host-rewritten", "host-and-origin-rewritten"])
def test_through_a_host_rewriting_proxy_local_mode_shows_no_data_and_no_data_page(server, browser, origin):
    url = server
    proxy = HostRewritingProxy(_port(url), origin=origin)
    try:
        context = browser.plain.new_context(viewport=DESKTOP)
        page = context.new_page()
        for path in ("/", "/data", "/companies?region=1081"):
            page.goto(proxy.url + path)
            if origin:  # the websocket gets through: the app runs and asks for the key, and only that
                expect(page.get_by_text(KEY_NEEDED)).to_be_visible(timeout=WAIT)
                settle(page)
            else:  # the browser's own Origin (127.0.0.1:<proxy port>) is not this server's: no session
                page.wait_for_timeout(4000)
                assert page.get_by_text(KEY_NEEDED).count() == 0
            _nothing_shown(page)
        page.screenshot(path=ARTIFACTS / f"local_mode_proxy_{int(origin)}.png")
        assert any(b"Host: localhost:" in h for h in proxy.heads)
        assert not any(b"x-forwarded-for" in h.lower() for h in proxy.heads)
        context.close()
    finally:
        proxy.close()


def test_the_printed_address_makes_the_owner_and_the_key_leaves_the_address_bar(server, browser):
    url = server
    log = log_path("server").read_text()
    assert f"{url}/?local={owner.secret()}" in log  # what `make run` shows
    visitor = browser.plain.new_context(viewport=DESKTOP)
    page = visitor.new_page()
    page.goto(f"{url}/data")
    expect(page.get_by_text(KEY_NEEDED)).to_be_visible(timeout=WAIT)
    _nothing_shown(page)
    page.goto(f"{url}/?local=wrong-key-wrong-key-wrong-key")
    expect(page.get_by_text(KEY_NEEDED)).to_be_visible(timeout=WAIT)
    assert "local=" not in page.url
    visitor.close()

    mine = browser.plain.new_context(viewport=DESKTOP)
    page = mine.new_page()
    page.goto(f"{url}/?local={owner.secret()}&lang=en")
    expect(page.get_by_text("Local mode: no secrets are set up")).to_be_visible(timeout=WAIT)
    settle(page)
    assert "local=" not in page.url and "lang=en" in page.url  # copying the address copies no key
    assert "Data" in nav_labels(page)
    page.reload()  # a new session: the HttpOnly cookie set with the key keeps the owner in
    expect(page.get_by_text("Local mode: no secrets are set up")).to_be_visible(timeout=WAIT)
    cookie = next(c for c in mine.cookies() if c["name"] == owner.COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and owner.secret() not in cookie["value"]
    second = mine.new_page()
    second.goto(f"{url}/data")
    expect(second.get_by_role("heading", name=re.compile("^Data"))).to_be_visible(timeout=WAIT)
    expect(second.locator('input[type="file"]')).to_be_attached(timeout=WAIT)
    mine.close()


def _handshake(url: str, origin: str | None, host: str | None = None) -> int:
    """The HTTP status of a websocket handshake to /_stcore/stream (101 = accepted). The sync client: the
    session's Playwright already runs an event loop in this thread."""
    target = f"ws://{host}" if host else url.replace("http://", "ws://")  # `host`: sent as Host, to this server
    try:
        with connect(target + "/_stcore/stream", origin=origin, subprotocols=["streamlit"], open_timeout=20,
                     sock=socket.create_connection(("localhost", _port(url)))):
            return 101
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


def test_a_websocket_from_another_origin_is_refused(server):
    url = server
    port = _port(url)
    status = {o: _handshake(url, o) for o in (
        f"http://localhost:{port}", f"http://127.0.0.1:{port}", None,
        f"http://localhost:{port + 1}", f"http://127.0.0.1:{port + 1}", f"https://localhost:{port}",
        "http://localhost", "http://evil.example", "null")}
    assert status == {
        f"http://localhost:{port}": 101, f"http://127.0.0.1:{port}": 101, None: 101,  # no Origin: no browser
        f"http://localhost:{port + 1}": 403, f"http://127.0.0.1:{port + 1}": 403,
        f"https://localhost:{port}": 403, "http://localhost": 403, "http://evil.example": 403, "null": 403}
    # DNS rebinding: a foreign name in Host is refused even with a matching Origin.
    assert _handshake(url, f"http://evil.example:{port}", host=f"evil.example:{port}") == 403


def test_security_headers_and_no_metrics(server):
    url = server
    with urllib.request.urlopen(f"{url}/") as response:  # noqa: S310 (our loopback server)
        headers = response.headers
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{url}/_stcore/metrics")  # noqa: S310
    assert missing.value.code == 404
    with urllib.request.urlopen(f"{url}/_stcore/health") as response:  # noqa: S310
        assert response.read() == b"ok"


def test_after_a_password_rotation_an_open_editor_session_loses_the_data_page(browser, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(access.new_secrets_toml(PASSWORD))
    env = {"HEALTHTECH_SECRETS": str(secrets), "STORE_DIR": str(tmp_path / "store"),
           "HEALTHTECH_REFRESH_SECONDS": "2"}
    with running_dashboard("rotation", env=env) as url:
        context = browser.plain.new_context(viewport=DESKTOP)
        page = context.new_page()
        sign_in(page, f"{url}/overview")
        assert "Data" in nav_labels(page)
        page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
        expect(page.locator('input[type="file"]')).to_be_attached(timeout=WAIT)
        access.write_private(secrets, access.new_secrets_toml("en helt ny kode 2026"))  # rotate
        # No click: the page's own refresh check (every 2 s here) runs the credential check.
        expect(page.get_by_text("Du er logget ud: adgangskoden eller nøglerne er skiftet")).to_be_visible(
            timeout=WAIT)
        settle(page)
        assert page.locator('input[type="file"]').count() == 0 and "Data" not in nav_labels(page)
        assert os.path.exists(secrets)
        page.screenshot(path=ARTIFACTS / "rotation_signed_out.png")
        context.close()


class Session:
    """A Streamlit session over a raw websocket, as a client that is not our frontend: it sends a rerun with any
    widget values it likes (BackMsg protobufs) and reads the ForwardMsgs of the run."""

    def __init__(self, url: str):
        self._connection = connect(url.replace("http://", "ws://") + "/_stcore/stream", origin=url,
                                   subprotocols=["streamlit"], open_timeout=20)
        self.ws = self._connection.__enter__()

    def run(self, query: str, page: str, widgets=()) -> list:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        msg.rerun_script.widget_states.widgets.extend(widgets)
        self.ws.send(msg.SerializeToString())
        out = []
        while True:  # until the run ends (not a rerun it asked for, not a fragment's run)
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=120))
            out.append(forward)
            if forward.WhichOneof("type") == "script_finished" and forward.script_finished in (
                    forward.FINISHED_SUCCESSFULLY, forward.FINISHED_WITH_COMPILE_ERROR):
                return out

    def close(self):
        self._connection.__exit__(None, None, None)


def _elements(messages) -> list:
    return [m.delta.new_element for m in messages if m.WhichOneof("type") == "delta"
            and m.delta.WhichOneof("type") == "new_element"]


def _widget(messages, key: str):
    """(kind, proto) of the widget with `key` drawn in these messages."""
    for element in _elements(messages):
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if f"-{key}" in getattr(proto, "id", ""):
            return kind, proto
    raise AssertionError(f"no widget {key}")


def _option_texts(proto) -> list[str]:
    return [o.content if hasattr(o, "content") else o for o in proto.options]


@pytest.mark.parametrize(("key", "bad"), [
    ("_w_map_layer", "../../../../etc/passwd"), ("_w_map_layer", "../secrets"), ("_w_region", "../x"),
    ("_w_region", "9999"), ("_w_municipality", "Roskilde'); --"), ("_w_lang", "xx"), ("_w_cluster", "<img src=x>"),
])
def test_invalid_widget_values_over_the_websocket_leave_the_session_working_with_defaults(server, key, bad):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    session = Session(server)  # a new session of its own per value
    try:
        first = session.run(f"local={owner.secret()}", "companies")
        kinds = {e.WhichOneof("type") for e in _elements(first)}
        assert "deck_gl_json_chart" in kinds and "exception" not in kinds
        kind, proto = _widget(first, key)
        state = WidgetState(id=proto.id)
        if kind == "button_group":  # segmented control: a list of option strings
            state.string_array_value.data[:] = [bad]
        else:  # selectbox: the option's text
            state.string_value = bad
        for run in range(2):  # the run with the bad value, and the next one
            messages = session.run("", "companies", [state] if run == 0 else [])
            kinds = {e.WhichOneof("type") for e in _elements(messages)}
            assert "exception" not in kinds, [e.exception.message for e in _elements(messages)
                                              if e.WhichOneof("type") == "exception"]
            assert messages[-1].script_finished == messages[-1].FINISHED_SUCCESSFULLY
            assert "Åbn adressen med nøglen" not in str(messages)  # still the owner, still the page
            kind, proto = _widget(messages, key)
            # The widget is drawn again with a valid option (set from the re-validated state), not the text sent.
            shown = list(proto.raw_values) if kind == "button_group" else [proto.raw_value]
            assert shown and bad not in shown and all(v in _option_texts(proto) for v in shown)
    finally:
        session.close()
