"""Who is asking: a signed session cookie (pages) or a bearer API token (the write API).

The cookie holds only the account name, signed with the server's secret (``SSE_ATLAS_SECRET``,
else one generated on first use and kept in the store); the account is read again on every
request, so a disabled account or a changed role takes effect at once.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Final

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from sse_atlas.store.curation_types import ApiToken, CurationStore, User
from sse_atlas.web.ratelimit import RateLimit

COOKIE: Final = "sse_session"
ENV_SECRET: Final = "SSE_ATLAS_SECRET"
SESSION_SECONDS: Final = 12 * 3600
# Per client address: login attempts, public suggestions.
LOGIN_LIMIT: Final = (10, 300.0)
SUGGEST_LIMIT: Final = (5, 3600.0)


@dataclass
class Guard:
    """The app's signing key and rate limits, made once per app."""

    store: CurationStore
    signer: URLSafeTimedSerializer
    login_limit: RateLimit
    suggest_limit: RateLimit

    @classmethod
    def create(cls, store: CurationStore) -> Guard:
        secret = os.environ.get(ENV_SECRET) or store.secret("session", secrets.token_hex(32))
        return cls(
            store=store,
            signer=URLSafeTimedSerializer(secret, salt="sse-atlas-session"),
            login_limit=RateLimit(*LOGIN_LIMIT),
            suggest_limit=RateLimit(*SUGGEST_LIMIT),
        )


def guard_of(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def current_user(request: Request) -> User | None:
    """The signed-in, enabled account of this browser, or None."""
    if hasattr(request.state, "user"):
        found: User | None = request.state.user
        return found
    user: User | None = None
    cookie = request.cookies.get(COOKIE)
    if cookie:
        guard = guard_of(request)
        try:
            name = guard.signer.loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:
            name = None
        if isinstance(name, str):
            found_user = guard.store.user(name)
            user = found_user if found_user and not found_user.disabled else None
    request.state.user = user
    return user


def sign_in(request: Request, response: Response, user: User) -> None:
    response.set_cookie(
        COOKIE,
        guard_of(request).signer.dumps(user.name),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def sign_out(response: Response) -> None:
    response.delete_cookie(COOKIE, httponly=True, samesite="lax")


def token_user(request: Request) -> tuple[User, ApiToken] | None:
    """The account and token of an ``Authorization: Bearer`` header, when both are live."""
    header = request.headers.get("authorization", "")
    kind, _, text = header.partition(" ")
    if kind.lower() != "bearer" or not text.strip():
        return None
    return guard_of(request).store.token_user(text.strip())
