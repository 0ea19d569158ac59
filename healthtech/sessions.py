"""Editor sessions tied to their credential, organisation sign-ins' time limits, and the password sign-in's
rate limit (issue 14).

An editor session is a record in the Streamlit session state, made at sign-in: the name typed, the fingerprint
of the credentials it was made under (`access.credential_fingerprint`: the password hash and the signing keys),
when it signed in and when it was last seen. `check()` runs on every run of every page: a session whose
credentials changed (a new password or a rotated key signs every editor out), that was idle for `IDLE` or is
older than `ABSOLUTE` ends there, and the page shows why.

An organisation sign-in (OIDC through `st.login`) lives in Streamlit's own cookie for 30 days; the same limits hold
for it: `check_signed_in()` ends it `IDLE` after the last run anyone made with it (the server remembers when each
sign-in was last used, keyed by issuer, subject and issue time; a restarted server counts from its own start) and
`ABSOLUTE` after the provider issued it (the ID token's `auth_time`, else `iat`; a sign-in without either, which
OIDC does not allow, is refused as expired). Signing in again gives a new issue time.

Failed sign-ins are counted for the whole server process, not per browser session: per client (the TCP peer;
behind a reverse proxy every request comes from the proxy, which then is one client) and overall. Past either
limit the password form refuses every attempt, the right password too, until the lockout ends, and says for how
long. Each failure is written to the store's audit log (event `sign_in_failed`: client, the name typed, never
the password), as is the start of a lockout (`sign_in_locked`). Attempts during a lockout are refused without
checking the password and without a log line, so a flood can neither cost scrypt work nor fill the log.
"""

from __future__ import annotations

import collections
import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass, field

from healthtech import access, store

IDLE_S = 8 * 3600
ABSOLUTE_S = 24 * 3600
KEY = "_editor"  # the session-state key of the editor record

log = logging.getLogger("healthtech.security")


# --- editor sessions ------------------------------------------------------------------------------------

def start(name: str, secrets: access.Secrets, now: float | None = None) -> dict:
    now = time.time() if now is None else now
    return {"name": name, "credential": access.credential_fingerprint(secrets), "signed_in": now, "seen": now}


def check(record, secrets: access.Secrets | None, now: float | None = None, touch: bool = True) -> str | None:
    """None while the session holds (and, with `touch`, marks it seen: a run the editor caused); else why it
    ended: `rotated`, `idle` or `expired`."""
    now = time.time() if now is None else now
    if not isinstance(record, dict) or not {"name", "credential", "signed_in", "seen"} <= record.keys():
        return "rotated"  # not a record this version made (an older session, or anything else)
    if secrets is None or record["credential"] != access.credential_fingerprint(secrets):
        return "rotated"
    if now - record["signed_in"] >= ABSOLUTE_S:
        return "expired"
    if now - record["seen"] >= IDLE_S:
        return "idle"
    if touch:
        record["seen"] = now
    return None


# --- organisation sign-ins ---------------------------------------------------------------------------

_PROCESS_START = time.time()
_SEEN_MAX = 10_000
_signed_in_seen: dict[str, float] = {}  # sign-in fingerprint -> last run with it
_seen_lock = threading.Lock()


def _issued(claims) -> float | None:
    for claim in ("auth_time", "iat"):
        value = claims.get(claim)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def check_signed_in(claims, now: float | None = None, touch: bool = True) -> str | None:
    """None while an organisation sign-in holds (and, with `touch`, marks it used); else `idle` or `expired`."""
    now = time.time() if now is None else now
    issued = _issued(claims)
    if issued is None or now - issued >= ABSOLUTE_S:
        return "expired"
    key = hashlib.sha256(json.dumps([claims.get("iss"), claims.get("sub"), issued]).encode()).hexdigest()
    with _seen_lock:
        seen = _signed_in_seen.get(key, max(issued, _PROCESS_START))
        if now - seen >= IDLE_S:
            _signed_in_seen.pop(key, None)
            return "idle"
        if touch:
            if len(_signed_in_seen) >= _SEEN_MAX and key not in _signed_in_seen:
                stale = [k for k, t in _signed_in_seen.items() if now - t >= IDLE_S]
                for old in stale or [next(iter(_signed_in_seen))]:
                    del _signed_in_seen[old]
            _signed_in_seen[key] = now
    return None


# --- rate limit -----------------------------------------------------------------------------------------

@dataclass
class Limiter:
    """Failed sign-ins in a sliding window, per client and overall; past a limit, a lockout of `lockout_s`."""

    per_client: int = 5
    overall: int = 20
    window_s: float = 15 * 60
    lockout_s: float = 15 * 60
    max_clients: int = 10_000
    clock: object = time.monotonic
    _failures: dict = field(default_factory=dict)  # client -> deque of times
    _all: collections.deque = field(default_factory=collections.deque)
    _locked: dict = field(default_factory=dict)  # client (or None for everyone) -> until
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def locked(self, client: str) -> tuple[str, float] | None:
        """None when `client` may try now; else the lockout's scope (`everyone` or `client`) and its seconds left."""
        now = self.clock()
        with self._lock:
            for scope, key in (("everyone", None), ("client", client)):
                left = self._locked.get(key, 0.0) - now
                if left > 0:
                    return scope, left
        return None

    def failed(self, client: str) -> str | None:
        """Count a failure; returns `client` or `everyone` when this failure started a lockout."""
        now = self.clock()
        with self._lock:
            if len(self._failures) >= self.max_clients and client not in self._failures:
                self._forget_old(now)
            mine = self._failures.setdefault(client, collections.deque())
            for times in (mine, self._all):
                times.append(now)
                while times and times[0] <= now - self.window_s:
                    times.popleft()
            if len(self._all) >= self.overall:
                self._locked[None] = now + self.lockout_s
                self._all.clear()
                return "everyone"
            if len(mine) >= self.per_client:
                self._locked[client] = now + self.lockout_s
                mine.clear()
                return "client"
        return None

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _forget_old(self, now: float) -> None:
        for key in [k for k, times in self._failures.items() if not times or times[-1] <= now - self.window_s]:
            del self._failures[key]
        for key in [k for k, until in self._locked.items() if until <= now]:
            del self._locked[key]
        while len(self._failures) >= self.max_clients:  # still full: the oldest go
            del self._failures[next(iter(self._failures))]


LIMITER = Limiter()
_VERIFYING = threading.BoundedSemaphore(2)


def record_failure(client: str, name: str, limiter: Limiter | None = None) -> None:
    """A wrong password: counted, logged (never the password), and a lockout started when a limit is reached."""
    limiter = limiter or LIMITER
    lockout = limiter.failed(client)
    name = (name or "").strip()[:60]
    log.warning("failed editor sign-in from %s (name %r)", client, name)
    _audit({"event": "sign_in_failed", "client": client, "name": name})
    if lockout:
        log.warning("editor sign-in locked for %s after repeated failures (%s)", lockout, client)
        _audit({"event": "sign_in_locked", "client": client, "scope": lockout,
                "minutes": round(limiter.lockout_s / 60)})


def _audit(record: dict) -> None:
    """A line in the store's audit log; a store that cannot be written (or is busy) costs the line, not the page
    (stderr has it either way)."""
    try:
        store.append_event(record)
    except (OSError, store.StoreError) as error:
        log.error("could not write %s to the audit log: %s", record["event"], error)


def attempt(name: str, password: str, client: str, secrets: access.Secrets,
            limiter: Limiter | None = None) -> tuple[str, dict | None]:
    """One press of "Sign in": (`ok`, the editor record) or (`wrong` | `locked.client` | `locked.everyone`, None).
    During a lockout the password is not even checked. A right password under an outdated hash upgrades the hash
    in the secrets file (access.upgrade_password_hash); the record is then tied to the new credential."""
    limiter = limiter or LIMITER
    if (locked := limiter.locked(client)) is not None:
        return f"locked.{locked[0]}", None
    with _VERIFYING:  # at most two scrypt checks (128 MiB each) at a time, however many sessions try at once
        right = access.verify_password(password, secrets.editor_password_hash)
    if not right:
        record_failure(client, name, limiter)
        locked = limiter.locked(client)
        return (f"locked.{locked[0]}" if locked else "wrong"), None
    limiter.succeeded(client)
    if access.upgrade_password_hash(password, secrets):
        log.info("editor password hash upgraded to scrypt N=%d", access.SCRYPT["n"])
        secrets = access.load_secrets() or secrets
    return "ok", start((name or "").strip()[:60] or access.EDITOR, secrets)


def lockout_minutes(client: str, limiter: Limiter | None = None) -> tuple[str, int] | None:
    """The lockout an editor sees on the sign-in form: its scope and whole minutes left."""
    locked = (limiter or LIMITER).locked(client)
    return (locked[0], max(1, round(locked[1] / 60))) if locked else None
