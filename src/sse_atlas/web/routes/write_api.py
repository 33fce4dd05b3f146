"""The write API under ``/api/v1``: change records, revert, suggest and moderate.

Authenticated by ``Authorization: Bearer <token>`` (``sse-atlas tokens create``): ``401`` without
a live token, ``403`` when the token's scope or its account's role does not allow the action,
``404`` for an unknown record, ``409`` on a stale ``If-Match`` version, ``422`` on bad values,
``428`` when a change comes without ``If-Match``. Bodies are read and checked here, so that any
body, however malformed, gets a 4xx answer.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sse_atlas.curation import may
from sse_atlas.model.codec import to_value
from sse_atlas.store import StoreError
from sse_atlas.store.curation_types import (
    ApiToken,
    Change,
    ConflictError,
    FieldChange,
    NotFoundError,
    SuggestionStatus,
    User,
)
from sse_atlas.web import auth
from sse_atlas.web.render import json_response
from sse_atlas.web.routes.common import live_site
from sse_atlas.web.routes.curation import find_record

# Every answer of the write API that is not a success, documented once for all its routes
# ({"error": {"status", "message"}}, as everywhere in the API).
ERROR_ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {"description": "no account or token, or a wrong one"},
    403: {"description": "the account's role or the token's scope does not allow it"},
    404: {"description": "no such record, change or suggestion"},
    409: {"description": "the record changed since the version given (If-Match)"},
    412: {"description": "If-Match names no version of the record"},
    422: {"description": "a value that does not fit the field (unknown country, bad URL…)"},
    428: {"description": "If-Match is required"},
    429: {"description": "too many requests from this address: try later"},
}
router = APIRouter(prefix="/api/v1", tags=["curation"], responses=ERROR_ANSWERS)
Handler = Callable[..., Awaitable[Response]]
MAX_BODY: Final = 256 * 1024
MAX_DEPTH: Final = 16

_REASON = {"type": "string", "maxLength": 500, "description": "why (required)"}


def _json_body(properties: dict[str, object], required: list[str]) -> dict[str, object]:
    """An OpenAPI ``requestBody``: the routes read their bodies themselves (see module doc)."""
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


PATCH_BODY: Final = {
    "requestBody": _json_body(
        {
            "reason": _REASON,
            "fields": {
                "type": "object",
                "description": "field path (title, place.city, links…) → new value",
            },
        },
        ["reason", "fields"],
    ),
    "parameters": [
        {
            "name": "If-Match",
            "in": "header",
            "required": True,
            "description": 'the ETag of the version you changed ("3")',
            "schema": {"type": "string"},
        }
    ],
}
REASON_BODY: Final = {"requestBody": _json_body({"reason": _REASON}, ["reason"])}
SUGGEST_BODY: Final = {
    "requestBody": _json_body(
        {
            "record": {"type": "string", "example": "gsef2018-fr/4.2.1"},
            "field": {"type": "string", "example": "title"},
            "value": {},
            "message": {"type": "string", "maxLength": 2000},
            "name": {"type": "string", "maxLength": 64},
        },
        ["record", "field", "value", "message"],
    )
}


@dataclass(frozen=True)
class RecordHistory:
    id: str
    version: int
    changes: list[Change]


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(item, level + 1) for item in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(item, level + 1) for item in value), default=level + 1)
    return level


async def read_json(request: Request) -> dict[str, Any]:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"the body is larger than {MAX_BODY // 1024} KiB")
    try:
        found = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise HTTPException(400, f"the body is not JSON: {error}") from error
    if _depth(found) > MAX_DEPTH:
        raise HTTPException(422, f"the body nests deeper than {MAX_DEPTH} levels")
    if not isinstance(found, dict):
        raise HTTPException(422, "the body must be a JSON object")
    return found


def _text(body: dict[str, Any], key: str, required: bool = True) -> str | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise HTTPException(422, f"{key!r} must be a string")
    return value


def authorise(request: Request, action: str) -> User:
    found = auth.token_user(request)
    if found is None:
        raise HTTPException(401, "a live API token is needed: Authorization: Bearer <token>")
    user, token = found
    if not may(user, action, token):
        raise HTTPException(403, _refusal(user, action, token))
    return user


def _refusal(user: User, action: str, token: ApiToken) -> str:
    if token.scope.value != "write":
        return f"token {token.id} has the {token.scope.value} scope; {action} needs write"
    return f"account {user.name} ({user.role.value}) may not {action}"


def _reader(request: Request) -> User:
    """Any live token (read scope is enough), for the moderation queue."""
    found = auth.token_user(request)
    if found is None:
        raise HTTPException(401, "a live API token is needed: Authorization: Bearer <token>")
    if not may(found[0], "moderate"):
        raise HTTPException(403, f"account {found[0].name} may not read the moderation queue")
    return found[0]


def _etag(version: int) -> str:
    return f'"{version}"'


def _history(request: Request, record_id: str, status: int = 200) -> Response:
    store = live_site(request).kb.repository.curation
    version = store.version(record_id)
    response = json_response(RecordHistory(record_id, version, store.changes(record_id)), status)
    response.headers["ETag"] = _etag(version)
    return response


def _record_id(request: Request, kind: str, key: str) -> str:
    """The id of the record (or entity) a URL names; 404 when there is none."""
    return find_record(request, kind, key).id


def _store_errors(error: StoreError) -> HTTPException:
    if isinstance(error, NotFoundError):
        return HTTPException(404, str(error))
    if isinstance(error, ConflictError):
        return HTTPException(409, str(error))
    return HTTPException(422, str(error))


async def _patch(request: Request, kind: str, key: str) -> Response:
    user = authorise(request, "edit")
    record_id = _record_id(request, kind, key)
    match = request.headers.get("if-match")
    if match is None:
        raise HTTPException(428, 'send If-Match with the ETag of the version you changed ("3")')
    try:
        expected = int(match.strip().removeprefix("W/").strip('"'))
    except ValueError:
        raise HTTPException(412, f"If-Match {match!r} is not a version of this record") from None
    body = await read_json(request)
    fields = body.get("fields")
    if not isinstance(fields, dict):
        raise HTTPException(422, "'fields' must be an object: field path → new value")
    reason = _text(body, "reason") or ""
    try:
        live_site(request).kb.curation.change(
            record_id,
            [FieldChange(str(path), value) for path, value in fields.items()],
            author=user.name,
            reason=reason,
            expected_version=expected,
        )
    except StoreError as error:
        raise _store_errors(error) from error
    live_site(request).refresh()
    return _history(request, record_id)


def _add_routes(kind: str, label: str, path: str, history: Handler, patch: Handler) -> None:
    router.add_api_route(
        f"/{kind}/{path}/history",
        history,
        methods=["GET"],
        response_model=RecordHistory,
        summary=f"{label}'s change log and version (ETag)",
        name=f"{kind}_history",
    )
    router.add_api_route(
        f"/{kind}/{path}",
        patch,
        methods=["PATCH"],
        response_model=RecordHistory,
        summary=f"Change fields of {label.lower()} (editor, write scope)",
        openapi_extra=PATCH_BODY,
        name=f"patch_{kind}",
    )


def _record_routes(kind: str, label: str) -> None:
    """History and PATCH of initiatives or workshops (``/{catalogue}/{code}``)."""

    async def history(request: Request, catalogue: str, code: str) -> Response:
        return _history(request, _record_id(request, kind, f"{catalogue}/{code}"))

    async def patch(request: Request, catalogue: str, code: str) -> Response:
        return await _patch(request, kind, f"{catalogue}/{code}")

    _add_routes(kind, label, "{catalogue}/{code}", history, patch)


def _entity_routes(kind: str, label: str) -> None:
    """History and PATCH of organisations or people (``/{slug}``)."""

    async def history(request: Request, slug: str) -> Response:
        return _history(request, _record_id(request, kind, slug))

    async def patch(request: Request, slug: str) -> Response:
        return await _patch(request, kind, slug)

    _add_routes(kind, label, "{slug}", history, patch)


_record_routes("initiatives", "An initiative")
_record_routes("workshops", "A workshop")
_entity_routes("organisations", "An organisation")
_entity_routes("people", "A person")


@router.post(
    "/changes/{seq}/revert",
    response_model=Change,
    summary="Revert a change (editor, write scope); the revert is a change too",
    openapi_extra=REASON_BODY,
)
async def revert(request: Request, seq: int) -> Response:
    user = authorise(request, "revert")
    reason = _text(await read_json(request), "reason") or ""
    try:
        made = live_site(request).kb.repository.curation.revert(
            seq, author=user.name, reason=reason
        )
    except StoreError as error:
        raise _store_errors(error) from error
    live_site(request).refresh()
    return json_response(made)


@router.post(
    "/suggestions",
    summary="Suggest a correction (anyone; rate-limited per address)",
    status_code=201,
    openapi_extra=SUGGEST_BODY,
)
async def suggest(request: Request) -> Response:
    guard = auth.guard_of(request)
    if not guard.suggest_limit.hit(auth.client_address(request)):
        raise HTTPException(429, "too many suggestions from this address: try later")
    body = await read_json(request)
    record, field = _text(body, "record") or "", _text(body, "field") or ""
    message, name = _text(body, "message") or "", _text(body, "name", required=False)
    if "value" not in body:
        raise HTTPException(422, "'value' is required")
    try:
        made = live_site(request).kb.curation.suggest(record, field, body["value"], message, name)
    except StoreError as error:
        raise _store_errors(error) from error
    return json_response(made, 201)


@router.get("/suggestions", summary="The moderation queue (editor)")
async def suggestions(request: Request, status: str = "pending") -> Response:
    _reader(request)
    try:
        wanted = SuggestionStatus(status)
    except ValueError:
        raise HTTPException(422, "status is pending, accepted or rejected") from None
    found = live_site(request).kb.repository.curation.suggestions(wanted)
    return json_response({"suggestions": to_value(found)})


@router.post(
    "/suggestions/{suggestion_id}/{decision}",
    summary="Accept (it becomes a change crediting the suggester) or reject a suggestion",
    openapi_extra=REASON_BODY,
)
async def decide(request: Request, suggestion_id: int, decision: str) -> Response:
    user = authorise(request, "moderate")
    if decision not in ("accept", "reject"):
        raise HTTPException(404, "decide with /accept or /reject")
    reason = _text(await read_json(request), "reason") or ""
    store = live_site(request).kb.repository.curation
    try:
        if decision == "reject":
            return json_response(store.reject(suggestion_id, editor=user.name, reason=reason))
        made = store.accept(suggestion_id, editor=user.name, reason=reason)
    except StoreError as error:
        raise _store_errors(error) from error
    live_site(request).refresh()
    return json_response({"changes": to_value(made)})
