"""CSRF protection of every form: a random token in a cookie, repeated in a hidden field.

A request from another site cannot read the cookie, so it cannot repeat it; the cookie is also
``SameSite=Lax``. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

COOKIE: Final = "sse_csrf"
FIELD: Final = "csrf"


def token(request: Request) -> str:
    """The request's CSRF token (a new one if the browser has none; see :func:`remember`)."""
    found = getattr(request.state, "csrf", None)
    if isinstance(found, str):
        return found
    cookie = request.cookies.get(COOKIE, "")
    value = cookie if 20 <= len(cookie) <= 100 else secrets.token_urlsafe(32)
    request.state.csrf = value
    return value


def remember(request: Request, response: Response) -> Response:
    """Set the token's cookie on a response that carries a form, when the browser lacks it."""
    value = token(request)
    if request.cookies.get(COOKIE) != value:
        response.set_cookie(
            COOKIE,
            value,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


def valid(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(COOKIE)
    if not cookie or not submitted:
        return False
    return hmac.compare_digest(cookie.encode(), submitted.encode())
