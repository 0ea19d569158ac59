"""Local mode's owner: who may use a dashboard that runs without secrets (`make run` on the secretariat's laptop).

Nothing in a request decides it: not `Host`, not `X-Forwarded-For`, not the client's address, since a reverse
proxy can make every request look local. As Jupyter does, the server makes a random secret when it starts and
prints (and opens) `http://localhost:PORT/?local=SECRET`; whoever opens that address is the owner:

- the page's first run takes `?local=` from the URL, compares it with the secret, keeps the answer in the
  session state and removes the parameter from the address bar;
- the server's middleware (healthtech/guard.py) sets an HttpOnly, SameSite=Strict cookie holding a proof
  derived from the secret (`proof()`, never the secret itself) on the request for that address, so a reload or a
  new tab on the same computer stays the owner without the secret in the URL.

A session without either sees only how to get in. The secret lives in the server process
(`HEALTHTECH_LOCAL_SECRET`: set by whoever starts the server, e.g. the tests, or made at the first call and kept
in the process's environment) and dies with it: a restart makes a new one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets as _secrets

ENV = "HEALTHTECH_LOCAL_SECRET"
PARAM = "local"
COOKIE = "healthtech_owner"
SESSION_KEY = "_local_owner"
_MIN_LENGTH = 16


def secret() -> str:
    """This server's secret: `HEALTHTECH_LOCAL_SECRET` when it is long enough, else a new one for the process."""
    value = os.environ.get(ENV, "")
    if len(value) < _MIN_LENGTH:
        value = _secrets.token_urlsafe(24)
        os.environ[ENV] = value
    return value


def proof() -> str:
    """The cookie's value: derived from the secret, so the cookie does not carry the secret itself."""
    return hmac.new(secret().encode(), b"healthtech local owner", hashlib.sha256).hexdigest()


def _same(given, expected: str) -> bool:
    return isinstance(given, str) and 0 < len(given) <= 256 and hmac.compare_digest(given.encode(), expected.encode())


def is_secret(value) -> bool:
    return _same(value, secret())


def is_proof(value) -> bool:
    return _same(value, proof())


def url(port: int | str, host: str = "localhost") -> str:
    return f"http://{host}:{port}/?{PARAM}={secret()}"


def claim(session_state, query_params, cookies) -> bool:
    """Whether this browser session is the owner; takes `?local=` out of the address on the way.

    The first run with the right `?local=` marks the session as the owner (in `session_state`), and the parameter
    leaves the URL whether right or wrong; the owner cookie (set by healthtech/guard.py on that same request)
    makes a reload or a new tab the owner too."""
    given = query_params.get(PARAM)
    if given is not None:
        del query_params[PARAM]
        if is_secret(given):
            session_state[SESSION_KEY] = True
    if session_state.get(SESSION_KEY) is True:
        return True
    return is_proof((cookies or {}).get(COOKIE))
