"""Who may do what: roles, editor sign-in, signed read-only links, revocation.

Roles
- editor (secretariat): every page, the Data page (upload, roll back, make and revoke links).
- member (steering group, cluster directors): every dashboard page, filters, downloads.
- reviewer (ministry): the dashboard pages only; optionally pinned to one region, which the URL and the
  sidebar cannot widen.

Secrets come from `.streamlit/secrets.toml` (never committed; `python -m healthtech init-secrets` writes
one) or the environment (`HEALTHTECH_EDITOR_PASSWORD_HASH`, `HEALTHTECH_SIGNING_KEYS="k2:hex,k1:hex"`,
`HEALTHTECH_CURRENT_KEY`); `HEALTHTECH_SECRETS` names another file. With no secrets at all the app runs in
local mode: everything for whoever runs it, on localhost only.

A link token is `KEY_ID.PAYLOAD.SIGNATURE` (base64url): the payload is JSON with the token id, role, region
and expiry; the signature is HMAC-SHA256 with the key named by KEY_ID, so keys can be rotated: sign with
the new key, keep the old one until its links have expired. A link lasts 1 hour to 366 days (`parse_expiry`).
Revocations are kept in the store's audit log, each opening of a link in its openings log (token id and time).
A link's token leaves the address bar once a session has taken it (app.py), so a copied URL carries the view,
never the access.

With Streamlit's `[auth]` section in the secrets file, editors and members sign in with their organisation's
account instead of the editor password (healthtech/identity.py maps the identity to a role).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets as _secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from healthtech import config, identity, store

EDITOR, MEMBER, REVIEWER = "editor", "member", "reviewer"
LINK_ROLES = (REVIEWER, MEMBER)
LOCAL_ADDRESSES = ("localhost", "127.0.0.1", "::1")
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Secrets:
    editor_password_hash: str | None
    signing_keys: dict[str, bytes] = field(default_factory=dict)
    current_key: str | None = None
    sign_in: identity.SignIn | None = None  # organisation sign-in (OIDC), when the file has Streamlit's [auth]


@dataclass(frozen=True)
class User:
    role: str
    region: int | None = None
    token_id: str | None = None
    name: str | None = None
    local: bool = False
    signed_in: bool = False  # through the organisation's identity provider; `name` is then its identity

    @property
    def can_edit(self) -> bool:
        return self.role == EDITOR


class Refused(Exception):
    """A link that does not open the dashboard; `reason` is an i18n key suffix."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- secrets --------------------------------------------------------------------------------------------

class SecretsMissing(Exception):
    """`HEALTHTECH_SECRETS` names a file that is not there: refuse rather than fall back to local mode."""


def secrets_path() -> Path | None:
    """The secrets file: `HEALTHTECH_SECRETS`, or `.streamlit/secrets.toml`; None when set to "" (no file)."""
    value = os.environ.get("HEALTHTECH_SECRETS")
    if value is None:
        return config.ROOT / ".streamlit" / "secrets.toml"
    return Path(value) if value.strip() else None


def _keys(value) -> dict[str, bytes]:
    if isinstance(value, str):  # "k2:hex,k1:hex"
        value = dict(part.split(":", 1) for part in value.split(",") if ":" in part)
    return {str(k).strip(): bytes.fromhex(str(v).strip()) for k, v in (value or {}).items()}


def load_secrets() -> Secrets | None:
    """The secrets, or None for local mode. A secrets file that exists but cannot be read is an error."""
    whole: dict = {}
    path = secrets_path()
    if path is not None and path.is_file():
        whole = tomllib.loads(path.read_text(encoding="utf-8"))
    elif path is not None and os.environ.get("HEALTHTECH_SECRETS"):
        raise SecretsMissing(str(path))
    data, sign_in = whole.get("healthtech", {}), identity.from_secrets(whole)
    env = os.environ
    password_hash = env.get("HEALTHTECH_EDITOR_PASSWORD_HASH") or data.get("editor_password_hash")
    keys = _keys(env.get("HEALTHTECH_SIGNING_KEYS") or data.get("signing_keys"))
    current = env.get("HEALTHTECH_CURRENT_KEY") or data.get("current_key") or next(iter(keys), None)
    if not password_hash and not keys and sign_in is None:
        return None
    return Secrets(editor_password_hash=password_hash, signing_keys=keys, current_key=current, sign_in=sign_in)


def hash_password(password: str) -> str:
    salt = _secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    return "scrypt${n}${r}${p}${salt}${hash}".format(
        **SCRYPT, salt=base64.b64encode(salt).decode(), hash=base64.b64encode(digest).decode())


def verify_password(password: str, stored: str | None) -> bool:
    try:
        scheme, n, r, p, salt, expected = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


def new_secrets_toml(password: str, key_id: str = "k1") -> str:
    key = _secrets.token_hex(32)
    return (
        "# Danish Healthtech dashboard secrets: never commit this file (see docs/deploy.md).\n"
        "[healthtech]\n"
        f'editor_password_hash = "{hash_password(password)}"\n'
        f'current_key = "{key_id}"\n\n'
        "[healthtech.signing_keys]\n"
        f'{key_id} = "{key}"\n'
    )


# --- links ----------------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(secrets: Secrets, role: str, expires: dt.datetime, region: int | None = None,
               token_id: str | None = None) -> tuple[str, str]:
    """A signed link token and its id."""
    if role not in LINK_ROLES:
        raise ValueError(f"links are for {', '.join(LINK_ROLES)}, not {role}")
    if not secrets.current_key or secrets.current_key not in secrets.signing_keys:
        raise ValueError("no signing key: run `python -m healthtech init-secrets`")
    token_id = token_id or _secrets.token_hex(6)
    payload = {"t": token_id, "r": role, "g": region, "e": int(expires.timestamp())}
    body = f"{secrets.current_key}.{_b64(json.dumps(payload, separators=(',', ':')).encode())}"
    signature = hmac.new(secrets.signing_keys[secrets.current_key], body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(signature)}", token_id


def verify_token(secrets: Secrets, token: str, now: dt.datetime | None = None,
                 revoked: set[str] | None = None) -> User:
    """The user a link stands for; raises `Refused` when it is malformed, tampered, expired or revoked."""
    parts = (token or "").split(".")
    if len(parts) != 3 or len(token) > 1024:
        raise Refused("malformed")
    key_id, payload_b64, signature_b64 = parts
    key = secrets.signing_keys.get(key_id)
    if key is None:
        raise Refused("unknown_key")
    expected = hmac.new(key, f"{key_id}.{payload_b64}".encode(), hashlib.sha256).digest()
    try:
        signature = _unb64(signature_b64)
    except ValueError:
        raise Refused("tampered") from None
    if not hmac.compare_digest(expected, signature):
        raise Refused("tampered")
    try:
        payload = json.loads(_unb64(payload_b64))
        token_id, role, region, expires = payload["t"], payload["r"], payload["g"], int(payload["e"])
    except (ValueError, KeyError, TypeError):
        raise Refused("malformed") from None
    if role not in LINK_ROLES:
        raise Refused("malformed")
    now = now or dt.datetime.now(dt.UTC)
    if now.timestamp() >= expires:
        raise Refused("expired")
    if token_id in (revoked if revoked is not None else revoked_ids()):
        raise Refused("revoked")
    return User(role=role, region=int(region) if region is not None else None, token_id=token_id)


def revoked_ids() -> set[str]:
    return {r["token_id"] for r in store.records() if r.get("event") == "revoke"}


def issue_link(secrets: Secrets, role: str, expires: dt.datetime, region: int | None, who: str) -> tuple[str, str]:
    """Make a link token that expires at `expires` and record it (not the token itself) in the store."""
    token, token_id = make_token(secrets, role, expires, region)
    store.append_event({"event": "link", "token_id": token_id, "role": role, "region": region,
                        "expires": expires.astimezone(dt.UTC).isoformat(timespec="seconds"), "who": who})
    return token, token_id


def record_opening(user: User) -> None:
    """A link opened a session: kept in the store's openings log (token id and time; no address, no name). A busy
    store does not keep the link from opening."""
    if user.token_id:
        with contextlib.suppress(store.StoreError):
            store.append_opening(user.token_id)


def revoke(token_id: str, who: str) -> None:
    store.append_event({"event": "revoke", "token_id": token_id, "who": who})


def links() -> list[dict]:
    """Every link made, newest first, with whether it is revoked or expired, and how often and when it was
    opened (`opened`, `first_opened`, `last_opened`)."""
    revoked = revoked_ids()
    now = dt.datetime.now(dt.UTC)
    opened: dict[str, list[str]] = {}
    for r in store.openings():
        opened.setdefault(r.get("token_id"), []).append(r["when"])
    out = []
    for r in store.records():
        if r.get("event") == "link":
            expired = dt.datetime.fromisoformat(r["expires"]) <= now
            times = sorted(opened.get(r["token_id"], []))
            out.append({**r, "revoked": r["token_id"] in revoked, "expired": expired, "opened": len(times),
                        "first_opened": times[0] if times else None, "last_opened": times[-1] if times else None})
    return out[::-1]


LINK_UNITS = {"h": dt.timedelta(hours=1), "d": dt.timedelta(days=1), "w": dt.timedelta(weeks=1)}
LINK_SHORTEST, LINK_LONGEST = dt.timedelta(hours=1), dt.timedelta(days=366)
LOCAL_ZONE = ZoneInfo("Europe/Copenhagen")


def until_tomorrow(now: dt.datetime | None = None) -> dt.datetime:
    """For a meeting: the end of tomorrow in Danish time (midnight after it), whatever the hour today."""
    today = (now or dt.datetime.now(dt.UTC)).astimezone(LOCAL_ZONE).date()
    return dt.datetime.combine(today + dt.timedelta(days=2), dt.time(), tzinfo=LOCAL_ZONE).astimezone(dt.UTC)


def parse_expiry(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """When a link made now expires: '3h' (hours), '2d' or '14' (days), '2w' (weeks), or 'tomorrow' (the end of
    tomorrow, for a meeting). A link lasts 1 hour to 366 days."""
    now = now or dt.datetime.now(dt.UTC)
    text = (text or "").strip().lower()
    if text == "tomorrow":
        return until_tomorrow(now)
    unit = text[-1:] if text[-1:] in LINK_UNITS else "d"
    number = text[:-1] if text[-1:] in LINK_UNITS else text
    if not number.isdigit():
        raise ValueError("write a number and h, d or w (3h, 2d, 2w), or tomorrow")
    lasts = int(number) * LINK_UNITS[unit]
    if not LINK_SHORTEST <= lasts <= LINK_LONGEST:
        raise ValueError("a link lasts 1 hour to 366 days")
    return now + lasts


def is_local_address(address: str | None) -> bool:
    return (address or "") in LOCAL_ADDRESSES


PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


def is_local_request(headers: dict) -> bool:
    """A request from this computer's own browser: Host is localhost (or absent, as in tests), and no proxy
    headers — local mode behind a reverse proxy would open the editor's powers to whoever reaches the proxy."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    if any(h in lowered for h in PROXY_HEADERS):
        return False
    host = lowered.get("host")
    if not host:
        return True
    name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
    return name.strip("[]") in LOCAL_ADDRESSES
