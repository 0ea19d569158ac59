"""Organisation sign-in: who a person signed in through the identity provider is, and which role that gives.

The sign-in itself is Streamlit's (`st.login` / `st.user` / `st.logout`, OIDC through Authlib); it is on when the
secrets file has Streamlit's `[auth]` section (client id and secret, `server_metadata_url`, `redirect_uri`,
`cookie_secret`; or one sub-section per provider, `[auth.microsoft]`). Who gets which role is ours:

    [healthtech.sign_in]
    editors = ["anna@healthtech.dk"]        # e-mail addresses, or "@healthtech.dk" for everyone at a domain
    members = ["@regionh.dk", "bo@rm.dk"]
    role_claim = "roles"                    # optional: a claim whose values name the role ("editor", "member")

A signed-in person on neither list (and without the claim) has no role and is refused. An e-mail address counts
only when the provider does not say it is unverified (`email_verified = false`). This module draws nothing and
does not import Streamlit: app.py asks `st.user` and passes its claims here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

EDITOR, MEMBER = "editor", "member"
ROLES = (EDITOR, MEMBER)  # highest first: someone on both lists is an editor
PROVIDER_KEYS = ("client_id", "server_metadata_url")


@dataclass(frozen=True)
class SignIn:
    editors: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    role_claim: str | None = None
    providers: tuple[str | None, ...] = (None,)  # None: `[auth]` itself is the provider (`st.login()`)

    def listed(self, role: str) -> tuple[str, ...]:
        return self.editors if role == EDITOR else self.members


def _entries(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    return tuple(str(v).strip().lower() for v in (value or ()) if str(v).strip())


def from_secrets(data: Mapping) -> SignIn | None:
    """The sign-in set-up from the whole secrets file (`[auth]` and `[healthtech.sign_in]`), or None without
    `[auth]` (then the editor password is the way in)."""
    auth = data.get("auth")
    if not isinstance(auth, Mapping):
        return None
    named = tuple(name for name, section in auth.items()
                  if isinstance(section, Mapping) and any(k in section for k in PROVIDER_KEYS))
    providers = ((None,) if any(k in auth for k in PROVIDER_KEYS) else ()) + named
    rules = data.get("healthtech", {}).get("sign_in", {})
    return SignIn(editors=_entries(rules.get("editors")), members=_entries(rules.get("members")),
                  role_claim=str(rules["role_claim"]) if rules.get("role_claim") else None,
                  providers=providers or (None,))


def email(claims: Mapping) -> str | None:
    """The verified e-mail address of the signed-in person, lower-cased, or None."""
    address = claims.get("email")
    if not isinstance(address, str) or address.count("@") != 1 or claims.get("email_verified") is False:
        return None
    return address.strip().lower()


def who(claims: Mapping) -> str:
    """The identity written in the audit log: the e-mail address, else the provider's subject id."""
    address = claims.get("email")
    return address.strip() if isinstance(address, str) and address.strip() else f"sub:{claims.get('sub', '?')}"


def _on_list(address: str | None, entries: tuple[str, ...]) -> bool:
    if not address:
        return False
    domain = address[address.index("@"):]
    return any(entry == address or (entry.startswith("@") and entry == domain) for entry in entries)


def _claimed(claims: Mapping, claim: str | None) -> set[str]:
    if not claim:
        return set()
    value = claims.get(claim)
    values = [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    return {str(v).strip().lower() for v in values}


def role_for(claims: Mapping, rules: SignIn) -> str | None:
    """The role a signed-in person has: editor before member; None when neither list nor the claim names them."""
    address, claimed = email(claims), _claimed(claims, rules.role_claim)
    for role in ROLES:
        if role in claimed or _on_list(address, rules.listed(role)):
            return role
    return None
