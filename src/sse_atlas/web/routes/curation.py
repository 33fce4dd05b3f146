"""Curation pages: sign in and out, edit, history and revert, suggest, and the editors' desk.

Every form carries a CSRF token; every write names its author and a reason and lands in the
change log. Pages that need an account send an anonymous visitor to the sign-in page.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import parse_qsl, quote

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sse_atlas.curation import may
from sse_atlas.store import StoreError
from sse_atlas.store.curation import value_at
from sse_atlas.store.curation_types import (
    MAX_MESSAGE,
    ConflictError,
    Curated,
    FieldChange,
    NotFoundError,
    Role,
    SuggestionStatus,
    User,
)
from sse_atlas.web import auth, csrf
from sse_atlas.web.contexts import curation as views
from sse_atlas.web.render import page
from sse_atlas.web.routes.common import lang_of, live_site, site_of
from sse_atlas.web.snapshot import Snapshot

router = APIRouter(include_in_schema=False)
MAX_FORM: Final = 64 * 1024  # bytes of a submitted form
# URL section -> id prefix of what it names (records' ids have none)
KINDS: Final = {
    "initiatives": "",
    "workshops": "",
    "organisations": "organisation/",
    "people": "person/",
}


# -- plumbing ----------------------------------------------------------------------------------


async def read_form(request: Request) -> dict[str, str]:
    """The submitted form (URL-encoded), its CSRF token checked; 400/403/413 otherwise."""
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, f"the form is larger than {MAX_FORM // 1024} KiB")
    try:
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError) as error:
        raise HTTPException(400, "the form could not be read") from error
    if not csrf.valid(request, form.get(csrf.FIELD)):
        raise HTTPException(403, "the form has expired or came from another site: reload it")
    return form


def viewer(request: Request) -> views.Viewer:
    user = auth.current_user(request)
    return views.Viewer(
        name=user.name if user else None,
        role=user.role.value if user else None,
        may_edit=may(user, "edit"),
        may_manage=may(user, "manage-accounts"),
    )


def require(request: Request, action: str) -> User:
    user = auth.current_user(request)
    if user is None:
        raise HTTPException(401, "sign in to do this")
    if not may(user, action):
        raise HTTPException(403, "your account may not do this")
    return user


def _login_redirect(request: Request) -> Response:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def answer(request: Request, template: str, context: object, status: int = 200) -> Response:
    response = page(request, template, context, section="curation", status=status)
    return csrf.remember(request, response)


def find_record(request: Request, kind: str, key: str) -> Curated:
    """The record (or entity) a curation URL names, as shown now; 404 otherwise."""
    prefix = KINDS.get(kind)
    found = None if prefix is None else shown_record(site_of(request).snapshot, prefix + key)
    if found is None:
        raise HTTPException(404, f"there is no record {key}")
    return found


def shown_record(snapshot: Snapshot, record_id: str) -> Curated | None:
    found: Curated | None = (
        snapshot.initiatives.get(record_id)
        or snapshot.workshops.get(record_id)
        or snapshot.organisations.get(record_id)
        or snapshot.people.get(record_id)
    )
    return found


def raw_record(request: Request, record: Curated) -> Curated:
    """The record as ingested, before any correction."""
    return live_site(request).kb.repository.curation.ingested(record.id) or record


def _after_write(request: Request) -> None:
    live_site(request).refresh()  # pages and search show the change at once


# -- signing in --------------------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never ``//elsewhere``)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/curation"


@router.get("/login")
async def login_form(request: Request) -> Response:
    gettext = lang_of(request).gettext
    context = views.LoginPage(
        gettext("Sign in"),
        csrf.token(request),
        _safe_next(request.query_params.get("next")),
        None,
        viewer(request),
    )
    return answer(request, "curation/login.html", context)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await read_form(request)
    guard = auth.guard_of(request)
    gettext = lang_of(request).gettext
    target = _safe_next(form.get("next"))
    if not guard.login_limit.hit(auth.client_address(request)):
        raise HTTPException(429, gettext("Too many sign-in attempts: wait a few minutes."))
    user = guard.store.authenticate(form.get("name", ""), form.get("password", ""))
    if user is None:
        context = views.LoginPage(
            gettext("Sign in"),
            csrf.token(request),
            target,
            gettext("Wrong name or password, or the account is disabled."),
            viewer(request),
        )
        return answer(request, "curation/login.html", context, status=401)
    response = RedirectResponse(target, status_code=303)
    auth.sign_in(request, response, user)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await read_form(request)
    response = RedirectResponse("/", status_code=303)
    auth.sign_out(response)
    return response


# -- editing -----------------------------------------------------------------------------------


def _parse(kind: str, text: str) -> object:
    """A form's text as the field's value (``ValueError`` for a number that is not one)."""
    stripped = text.strip()
    if kind == "numbers":
        return [int(item) for item in re.split(r"[,\s]+", stripped) if item]
    if kind == "list":
        return [line.strip() for line in stripped.splitlines() if line.strip()]
    return stripped or None


def _people(current: object, typed: str, kind: str) -> list[dict[str, object]]:
    """``Name | role`` lines as involvements; a name already there keeps what the form does not
    show (organisation, country, person id), and the order typed is the new order."""
    known = (
        {str(p["name"]): p for p in current if isinstance(p, dict)}
        if isinstance(current, list)
        else {}
    )
    people: list[dict[str, object]] = []
    for line in typed.splitlines():
        name, _, role = (part.strip() for part in line.partition("|"))
        if name:
            base = dict(known.get(name, {"name": name, "kind": kind}))
            base.update(role=role or None, position=len(people) + 1)
            people.append(base)
    return people


def _field_changes(record: Curated, form: dict[str, str]) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for path, _, kind in views.FORM_FIELDS[type(record)]:
        typed = form.get(path)
        if typed is None or typed.strip() == views.shown(value_at(record, path)).strip():
            continue
        if kind == "numbers":
            try:
                value = _parse(kind, typed)
            except ValueError as error:
                raise StoreError(f"{path}: numbers separated by commas, please") from error
        elif kind == "people":
            value = _people(
                value_at(record, path), typed, "panelist" if path == "panel" else "presenter"
            )
        elif path == "links":
            value = [
                {"as_written": line, "url": line, "problem": None}
                for line in typed.splitlines()
                if line.strip()
            ]
        else:
            value = _parse(kind, typed)
        changes.append(FieldChange(path, value))
    return changes


@router.get("/{kind}/{key:path}/edit")
async def edit_form(request: Request, kind: str, key: str) -> Response:
    if auth.current_user(request) is None:
        return _login_redirect(request)
    require(request, "edit")
    record = find_record(request, kind, key)
    version = live_site(request).kb.repository.curation.version(record.id)
    title = lang_of(request).gettext("Edit %(id)s") % {"id": record.id}
    context = views.edit_page(
        title, raw_record(request, record), record, version, csrf.token(request), viewer(request)
    )
    return answer(request, "curation/edit.html", context)


@router.post("/{kind}/{key:path}/edit")
async def edit(request: Request, kind: str, key: str) -> Response:
    form = await read_form(request)
    user = require(request, "edit")
    record = find_record(request, kind, key)
    kb = live_site(request).kb
    gettext = lang_of(request).gettext
    try:
        version = int(form.get("version", ""))
    except ValueError:
        raise HTTPException(400, "the form has no version") from None
    status, error = 200, None
    try:
        fields = _field_changes(record, form)
        if not fields:
            raise StoreError(gettext("Nothing was changed."))
        kb.curation.change(
            record.id,
            fields,
            author=user.name,
            reason=form.get("reason", ""),
            expected_version=version,
        )
    except ConflictError:
        status = 409
        error = gettext(
            "Someone else changed this record while you were editing it. Your values are kept "
            "below; check them against the current ones and save again."
        )
    except StoreError as problem:
        status, error = 422, str(problem)
    if error is None:
        _after_write(request)
        return RedirectResponse(views.record_ref(record).history_url, status_code=303)
    current = kb.initiative(record.id) or kb.workshop(record.id) or record
    typed = {path: form[path] for path, _, _ in views.FORM_FIELDS[type(record)] if path in form}
    context = views.edit_page(
        gettext("Edit %(id)s") % {"id": record.id},
        raw_record(request, record),
        current,
        kb.repository.curation.version(record.id),
        csrf.token(request),
        viewer(request),
        error,
        typed,
    )
    return answer(request, "curation/edit.html", context, status=status)


# -- history -----------------------------------------------------------------------------------


@router.get("/{kind}/{key:path}/history")
async def history(request: Request, kind: str, key: str) -> Response:
    record = find_record(request, kind, key)
    store = live_site(request).kb.repository.curation
    raw = raw_record(request, record)
    changes = [
        views.change_view(change, value_at(raw, change.field))
        for change in reversed(store.changes(record.id))
    ]
    title = lang_of(request).gettext("History of %(id)s") % {"id": record.id}
    context = views.HistoryPage(
        title,
        views.record_ref(record),
        store.version(record.id),
        changes,
        csrf.token(request),
        viewer(request),
    )
    return answer(request, "curation/history.html", context)


@router.post("/{kind}/{key:path}/revert/{seq}")
async def revert(request: Request, kind: str, key: str, seq: int) -> Response:
    form = await read_form(request)
    user = require(request, "revert")
    record = find_record(request, kind, key)
    store = live_site(request).kb.repository.curation
    if not any(change.seq == seq for change in store.changes(record.id)):
        raise HTTPException(404, f"{record.id} has no change number {seq}")
    try:
        store.revert(seq, author=user.name, reason=form.get("reason", ""))
    except StoreError as problem:
        raise HTTPException(422, str(problem)) from problem
    _after_write(request)
    return RedirectResponse(views.record_ref(record).history_url, status_code=303)


# -- suggestions -------------------------------------------------------------------------------


def _suggest_page(
    request: Request, record: Curated, error: str | None, sent: bool
) -> views.SuggestPage:
    title = lang_of(request).gettext("Suggest a correction")
    fields = list(views.SUGGESTABLE[type(record)])
    return views.SuggestPage(
        title,
        views.record_ref(record),
        fields,
        csrf.token(request),
        error,
        sent,
        MAX_MESSAGE,
        viewer(request),
    )


@router.get("/{kind}/{key:path}/suggest")
async def suggest_form(request: Request, kind: str, key: str) -> Response:
    record = find_record(request, kind, key)
    return answer(request, "curation/suggest.html", _suggest_page(request, record, None, False))


@router.post("/{kind}/{key:path}/suggest")
async def suggest(request: Request, kind: str, key: str) -> Response:
    form = await read_form(request)
    record = find_record(request, kind, key)
    guard = auth.guard_of(request)
    gettext = lang_of(request).gettext
    if form.get("website"):  # the honeypot: people do not see it, robots fill it in
        return answer(request, "curation/suggest.html", _suggest_page(request, record, None, True))
    if not guard.suggest_limit.hit(auth.client_address(request)):
        raise HTTPException(429, gettext("Too many suggestions from your address: try later."))
    field = form.get("field", "")
    if field not in _suggest_page(request, record, None, False).fields:
        raise HTTPException(422, f"suggestions cannot be made for field {field!r}")
    user = auth.current_user(request)
    name = (form.get("name") or "").strip() or (user.name if user else None)
    try:
        live_site(request).kb.curation.suggest(
            record.id, field, _parse("text", form.get("value", "")), form.get("message", ""), name
        )
    except StoreError as problem:
        context = _suggest_page(request, record, str(problem), False)
        return answer(request, "curation/suggest.html", context, status=422)
    return answer(request, "curation/suggest.html", _suggest_page(request, record, None, True))


# -- the editors' desk -------------------------------------------------------------------------


def _review(request: Request) -> list[views.RecordRef]:
    """Records whose printed value changed under a correction (a re-ingest brought news)."""
    store = live_site(request).kb.repository.curation
    snapshot = site_of(request).snapshot
    latest = {(c.record_id, c.field): c for c in store.changes()}
    flagged: list[views.RecordRef] = []
    for (record_id, field), change in latest.items():
        record = shown_record(snapshot, record_id)
        if record is None or any(ref.id == record_id for ref in flagged):
            continue
        ingested = store.ingested(record_id)
        if ingested is not None and change.printed != value_at(ingested, field):
            flagged.append(views.record_ref(record))
    return flagged


def _desk(request: Request, user: User, message: str | None = None) -> views.DeskPage:
    snapshot = site_of(request).snapshot
    store = live_site(request).kb.repository.curation
    pending = [
        views.suggestion_view(s, shown_record(snapshot, s.record_id))
        for s in store.suggestions(SuggestionStatus.PENDING)
    ]
    recent = [views.change_view(c, c.printed) for c in reversed(store.changes()[-50:])]
    from sse_atlas.web.routes.entities import candidates_of  # it builds on this module

    decisions = [views.rule_view(r) for r in reversed(store.rules(live=False)[-50:])]
    manager = may(user, "manage-accounts")
    accounts = [views.account_view(u) for u in store.users()] if manager else []
    return views.DeskPage(
        lang_of(request).gettext("Curation"),
        pending,
        _review(request),
        recent,
        candidates_of(request),
        decisions,
        accounts,
        [role.value for role in Role],
        csrf.token(request),
        message,
        viewer(request),
    )


@router.get("/curation")
async def desk(request: Request) -> Response:
    if auth.current_user(request) is None:
        return _login_redirect(request)
    user = require(request, "moderate")
    return answer(request, "curation/desk.html", _desk(request, user))


@router.post("/curation/suggestions/{suggestion_id}/{decision}")
async def decide(request: Request, suggestion_id: int, decision: str) -> Response:
    form = await read_form(request)
    user = require(request, "moderate")
    store = live_site(request).kb.repository.curation
    if decision not in ("accept", "reject"):
        raise HTTPException(404, f"no decision {decision!r}: accept or reject")
    try:
        if decision == "accept":
            store.accept(suggestion_id, editor=user.name, reason=form.get("reason", ""))
            _after_write(request)
        else:
            store.reject(suggestion_id, editor=user.name, reason=form.get("reason", ""))
    except NotFoundError as problem:
        raise HTTPException(404, str(problem)) from problem
    except ConflictError as problem:
        raise HTTPException(409, str(problem)) from problem
    except StoreError as problem:
        raise HTTPException(422, str(problem)) from problem
    return RedirectResponse("/curation", status_code=303)


@router.post("/curation/accounts")
async def add_account(request: Request) -> Response:
    form = await read_form(request)
    user = require(request, "manage-accounts")
    store = live_site(request).kb.repository.curation
    try:
        role = Role(form.get("role", ""))
        added = store.add_user(form.get("name", "").strip(), form.get("password", ""), role)
    except (StoreError, ValueError) as problem:
        context = _desk(request, user, str(problem))
        return answer(request, "curation/desk.html", context, status=422)
    message = lang_of(request).gettext("Account %(name)s created.") % {"name": added.name}
    return answer(request, "curation/desk.html", _desk(request, user, message))


@router.post("/curation/accounts/{name}")
async def change_account(request: Request, name: str) -> Response:
    form = await read_form(request)
    require(request, "manage-accounts")
    store = live_site(request).kb.repository.curation
    try:
        if "role" in form:
            store.set_role(name, Role(form["role"]))
        if "disabled" in form:
            store.set_disabled(name, form["disabled"] == "1")
    except NotFoundError as problem:
        raise HTTPException(404, str(problem)) from problem
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from problem
    return RedirectResponse("/curation", status_code=303)
