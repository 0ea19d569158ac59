"""The server's own checks, in front of Streamlit (ASGI middleware for `st.App`, see serve.py).

- **Origins exactly.** Streamlit 1.67 accepts a websocket whose `Origin` has the same *host name* as localhost,
  the machine's own addresses or `server.corsAllowedOrigins`, whatever the port and scheme
  (`streamlit/web/server/server_util.py: is_url_from_allowed_origins`, which compares `get_hostname()` only, and
  always allows "localhost", "0.0.0.0" and "127.0.0.1"), so any other program's page on
  `http://localhost:<any port>` could open a session. No option turns that off, so the websocket handshake is
  checked here first: a browser's `Origin` must be one of `allowed_origins()` exactly (scheme, host and port),
  or the handshake gets 403. A client without `Origin` is not a browser and carries no one's cookies; it is let
  through to the pages' own access check like any anonymous visitor.
- **Hosts.** `Host` must name this server (`allowed_hosts()`), against DNS rebinding; not a proof of locality
  (a proxy may rewrite it), only a filter.
- **Security headers** on every HTTP response: no framing (`frame-ancestors 'none'`, `X-Frame-Options: DENY`),
  `nosniff`, no referrer (a link's token must not leak to other sites). The proxy should set them too
  (docs/deploy.md).
- **`/_stcore/metrics` is not served** (404): it would tell anyone how many sessions are open.
- **Local mode's owner cookie** (healthtech/owner.py): a request for `/?local=<the secret>` when no secrets are
  set up gets an HttpOnly, SameSite=Strict cookie with the secret's proof.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
import urllib.request
import webbrowser
from urllib.parse import parse_qs, urlsplit

from healthtech import access, owner

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
DEFAULT_PORTS = {"http": 80, "https": 443}
SECURITY_HEADERS = (
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


def _st_option(name: str, default=None):
    try:
        from streamlit import config as st_config
        return st_config.get_option(name)
    except Exception:  # noqa: BLE001 (no Streamlit config: the defaults)
        return default


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` as a browser writes it in `Origin` (lower case, default port left out)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[parts.scheme] else "")


def allowed_origins() -> set[str]:
    """This server on loopback (http, `server.port`), `HEALTHTECH_PUBLIC_URL`, and `server.corsAllowedOrigins`,
    each compared whole."""
    port = _st_option("server.port", 8501)
    out = {origin_of(f"http://{'[::1]' if h == '::1' else h}:{port}") for h in LOCAL_HOSTS}
    public = os.environ.get("HEALTHTECH_PUBLIC_URL")
    extra = [public] if public else []
    extra += [o for o in (_st_option("server.corsAllowedOrigins", []) or []) if o.strip() != "*"]
    out |= {origin_of(o) for o in extra}
    return out - {None}


def allowed_hosts() -> set[str] | None:
    """Host names this server answers to (None: any, when `server.allowedHosts` says `*`)."""
    configured = [h.strip().lower() for h in (_st_option("server.allowedHosts", []) or [])]
    if "*" in configured:
        return None
    public = urlsplit(os.environ.get("HEALTHTECH_PUBLIC_URL", "")).hostname
    return {*LOCAL_HOSTS, *configured, *([public.lower()] if public else [])}


def host_allowed(host: str | None) -> bool:
    allowed = allowed_hosts()
    if allowed is None:
        return True
    if not host:
        return False
    try:
        parts = urlsplit(f"//{host}")
        _ = parts.port  # a port that is not a number is refused
    except ValueError:
        return False
    if parts.username is not None or parts.path or parts.query or parts.fragment or not parts.hostname:
        return False
    return parts.hostname.lower().rstrip(".") in allowed


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _local_mode() -> bool:
    try:
        return access.load_secrets() is None
    except access.SecretsMissing:
        return False


class Guard:
    """ASGI middleware: exact origins for websockets, host check, security headers, no metrics, owner cookie."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        path = scope.get("path", "")
        if scope["type"] == "websocket":
            origin = headers.get("origin")
            if not host_allowed(headers.get("host")) or (origin is not None and origin not in allowed_origins()):
                await send({"type": "websocket.close", "code": 1008})
                return None
            return await self.app(scope, receive, send)
        if not host_allowed(headers.get("host")):
            return await _plain(send, 400, b"Host not allowed")
        if path.rstrip("/").endswith("/_stcore/metrics"):
            return await _plain(send, 404, b"Not found")
        cookie = self._owner_cookie(scope)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if cookie:
                    extra.append((b"set-cookie", cookie))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _owner_cookie(scope) -> bytes | None:
        if scope.get("method") != "GET":
            return None
        values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(owner.PARAM)
        if not values or not owner.is_secret(values[0]) or not _local_mode():
            return None
        return f"{owner.COOKIE}={owner.proof()}; Path=/; HttpOnly; SameSite=Strict".encode()


async def _plain(send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain"), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


@contextlib.asynccontextmanager
async def lifespan(_app):
    """At server start: warm the connection and the default views' cache in the background (`warm.py`), print
    the address to open (in local mode with this start's key) and, when `HEALTHTECH_OPEN_BROWSER=1` (`make run`),
    open it once the server answers."""
    from healthtech import warm

    warm.start()
    port = _st_option("server.port", 8501)
    if _local_mode():
        url = owner.url(port)
        print(f"\n  Danish Healthtech, local mode. Open this address (it is the key; it changes at every start):\n"
              f"  {url}\n", flush=True)
    else:
        url = os.environ.get("HEALTHTECH_PUBLIC_URL") or f"http://localhost:{port}/"
        print(f"\n  Danish Healthtech on {url} (secrets set up: a link or the editor sign-in)\n", flush=True)
    if os.environ.get("HEALTHTECH_OPEN_BROWSER") == "1" and _has_desktop():
        threading.Thread(target=_open_when_up, args=(port, url), daemon=True).start()
    await asyncio.sleep(0)
    yield None


def _has_desktop() -> bool:
    """A graphical browser to open: on a headless machine `webbrowser` would start a text browser (lynx, w3m) in
    the server's terminal instead."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_when_up(port, url: str, tries: int = 60) -> None:
    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1):  # noqa: S310
                break
        except OSError:
            threading.Event().wait(0.5)
    with contextlib.suppress(webbrowser.Error):
        webbrowser.open(url)
