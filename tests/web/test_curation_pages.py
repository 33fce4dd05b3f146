"""Curation pages: sign-in, edit with history and revert, suggestions, the desk, CSRF."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase
from sse_atlas.store.curation_types import FieldChange
from sse_atlas.web.auth import COOKIE, LOGIN_LIMIT
from tests.web.conftest import CURATION_PASSWORD, HOSTILE


def _csrf(client: TestClient, url: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(url).text)
    assert found is not None
    return found[1]


def _sign_in(client: TestClient, name: str) -> str:
    token = _csrf(client, "/login")
    answer = client.post(
        "/login",
        data={"csrf": token, "name": name, "password": CURATION_PASSWORD, "next": "/curation"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    return token


def _version(client: TestClient, url: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', client.get(url).text)
    assert found is not None
    return found[1]


def test_login_sets_a_signed_httponly_lax_cookie(curation_client: TestClient) -> None:
    token = _csrf(curation_client, "/login")
    answer = curation_client.post(
        "/login",
        data={"csrf": token, "name": "editor", "password": CURATION_PASSWORD, "next": "/x"},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"]
    assert (answer.status_code, answer.headers["location"], cookie.startswith(f"{COOKIE}=")) == (
        303,
        "/x",
        True,
    )
    assert ("HttpOnly" in cookie, "SameSite=lax" in cookie, "Secure" in cookie) == (
        True,
        True,
        False,
    )


def test_login_wrong_password_is_401(curation_client: TestClient) -> None:
    token = _csrf(curation_client, "/login")
    answer = curation_client.post(
        "/login", data={"csrf": token, "name": "editor", "password": "not the password"}
    )
    assert (answer.status_code, COOKIE in answer.cookies) == (401, False)


def test_login_disabled_account_is_refused(curation_client: TestClient) -> None:
    token = _csrf(curation_client, "/login")
    answer = curation_client.post(
        "/login", data={"csrf": token, "name": "gone", "password": CURATION_PASSWORD}
    )
    assert answer.status_code == 401


def test_login_is_rate_limited_per_address(curation_client: TestClient) -> None:
    token = _csrf(curation_client, "/login")
    form = {"csrf": token, "name": "editor", "password": "wrong password"}
    codes = [curation_client.post("/login", data=form).status_code for _ in range(LOGIN_LIMIT[0])]
    assert (codes, curation_client.post("/login", data=form).status_code) == (
        [401] * LOGIN_LIMIT[0],
        429,
    )


def test_login_open_redirect_is_refused(curation_client: TestClient) -> None:
    token = _csrf(curation_client, "/login")
    answer = curation_client.post(
        "/login",
        data={
            "csrf": token,
            "name": "editor",
            "password": CURATION_PASSWORD,
            "next": "//evil.example",
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/curation"


def test_logout_forgets_the_session(curation_client: TestClient) -> None:
    token = _sign_in(curation_client, "editor")
    curation_client.post("/logout", data={"csrf": token})
    answer = curation_client.get("/curation", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=/curation")


def test_forged_session_cookie_is_anonymous(curation_client: TestClient) -> None:
    curation_client.cookies.set(COOKIE, "ImFkbWluIg.forged.signature")
    assert curation_client.get("/curation", follow_redirects=False).status_code == 303


def test_every_form_refuses_a_post_without_csrf(curation_client: TestClient) -> None:
    _sign_in(curation_client, "admin")
    targets = [
        "/login",
        "/logout",
        "/initiatives/gsef2018-fr/1.2.1/edit",
        "/initiatives/gsef2018-fr/1.2.1/revert/1",
        "/initiatives/gsef2018-fr/1.2.1/suggest",
        "/curation/suggestions/1/accept",
        "/curation/accounts",
        "/curation/accounts/editor",
    ]
    codes = [curation_client.post(url, data={"csrf": "wrong"}).status_code for url in targets]
    assert codes == [403] * len(targets)


def test_edit_page_needs_an_editor(curation_client: TestClient) -> None:
    assert curation_client.get(
        "/initiatives/gsef2018-fr/1.2.1/edit", follow_redirects=False
    ).headers["location"] == ("/login?next=/initiatives/gsef2018-fr/1.2.1/edit")
    _sign_in(curation_client, "helper")
    assert curation_client.get("/initiatives/gsef2018-fr/1.2.1/edit").status_code == 403


def test_edit_shows_the_printed_value_beside_the_current_one(curation_client: TestClient) -> None:
    _sign_in(curation_client, "editor")
    page = curation_client.get("/initiatives/gsef2018-fr/1.2.1/edit").text
    assert 'value="Je planifie"' in page and "<span>Je planifie</span>" in page


def test_edit_then_history_then_revert(curation_client: TestClient) -> None:
    url = "/initiatives/gsef2018-fr/1.2.2"
    token = _sign_in(curation_client, "editor")
    version = _version(curation_client, f"{url}/edit")
    saved = curation_client.post(
        f"{url}/edit",
        data={"csrf": token, "version": version, "title": "Soins démocratisés", "reason": "typo"},
        follow_redirects=False,
    )
    page_after_edit = curation_client.get(url).text
    history = curation_client.get(f"{url}/history.json").json()
    (change,) = history["changes"]
    curation_client.post(f"{url}/revert/{change['seq']}", data={"csrf": token, "reason": "back"})
    reverted = curation_client.get(f"{url}/history.json").json()["changes"]
    assert (saved.status_code, "Soins démocratisés" in page_after_edit) == (303, True)
    assert (change["field"], change["after"], change["author"], change["reason"]) == (
        "title",
        "Soins démocratisés",
        "editor",
        "typo",
    )
    assert [(c["origin"], c["after"], c["reverts"]) for c in reverted] == [
        ("revert", change["before"], change["seq"]),
        ("edit", "Soins démocratisés", None),
    ]


def test_edit_on_a_stale_version_is_409_and_keeps_what_was_typed(
    curation_client: TestClient,
) -> None:
    url = "/initiatives/gsef2018-fr/1.3.1"
    token = _sign_in(curation_client, "editor")
    version = _version(curation_client, f"{url}/edit")
    first = {"csrf": token, "version": version, "title": "Premier", "reason": "one"}
    second = {"csrf": token, "version": version, "title": "Second", "reason": "two"}
    curation_client.post(f"{url}/edit", data=first)
    late = curation_client.post(f"{url}/edit", data=second)
    assert (late.status_code, 'value="Second"' in late.text, "Someone else" in late.text) == (
        409,
        True,
        True,
    )


def test_edit_with_an_unknown_country_is_422(curation_client: TestClient) -> None:
    url = "/initiatives/gsef2018-fr/1.3.2"
    token = _sign_in(curation_client, "editor")
    version = _version(curation_client, f"{url}/edit")
    answer = curation_client.post(
        f"{url}/edit",
        data={"csrf": token, "version": version, "place.country_code": "QQ", "reason": "x"},
    )
    assert (answer.status_code, "is not an ISO 3166-1 country code" in answer.text) == (422, True)


def test_edit_without_reason_is_422(curation_client: TestClient) -> None:
    url = "/initiatives/gsef2018-fr/1.3.2"
    token = _sign_in(curation_client, "editor")
    version = _version(curation_client, f"{url}/edit")
    answer = curation_client.post(
        f"{url}/edit", data={"csrf": token, "version": version, "title": "X", "reason": ""}
    )
    assert (answer.status_code, "a reason is required" in answer.text) == (422, True)


def test_suggestion_accepted_credits_the_suggester(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    url = "/initiatives/gsef2018-fr/1.3.3"
    token = _csrf(curation_client, f"{url}/suggest")
    sent = curation_client.post(
        f"{url}/suggest",
        data={
            "csrf": token,
            "field": "title",
            "value": "Souveraineté alimentaire en ville",
            "message": "the title is shortened",
            "name": "Zoé",
        },
    )
    (pending,) = [
        s for s in curation_kb.repository.curation.suggestions() if s.record_id.endswith("1.3.3")
    ]
    _sign_in(curation_client, "editor")
    desk = curation_client.get("/curation").text
    curation_client.post(
        f"/curation/suggestions/{pending.id}/accept", data={"csrf": token, "reason": "right"}
    )
    (change,) = curation_client.get(f"{url}/history.json").json()["changes"]
    assert (sent.status_code, "Thank you" in sent.text, "the title is shortened" in desk) == (
        200,
        True,
        True,
    )
    assert (change["origin"], change["credit"], change["author"], change["after"]) == (
        "suggestion",
        "Zoé",
        "editor",
        "Souveraineté alimentaire en ville",
    )


def test_suggestion_honeypot_stores_nothing(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    url = "/initiatives/gsef2018-fr/1.3.4"
    token = _csrf(curation_client, f"{url}/suggest")
    form = {"csrf": token, "field": "title", "value": "x", "message": "m", "website": "spam"}
    answer = curation_client.post(f"{url}/suggest", data=form)
    stored = [s for s in curation_kb.repository.curation.suggestions() if "1.3.4" in s.record_id]
    assert (answer.status_code, stored) == (200, [])


def test_suggestion_too_long_is_422(curation_client: TestClient) -> None:
    url = "/initiatives/gsef2018-fr/1.3.4"
    token = _csrf(curation_client, f"{url}/suggest")
    form = {"csrf": token, "field": "title", "value": "x", "message": "m" * 2001}
    answer = curation_client.post(f"{url}/suggest", data=form)
    assert (answer.status_code, "longer than 2000 characters" in answer.text) == (422, True)


def test_suggestions_are_rate_limited_per_address(curation_client: TestClient) -> None:
    url = "/initiatives/gsef2018-fr/1.4.1"
    token = _csrf(curation_client, f"{url}/suggest")
    form = {"csrf": token, "field": "title", "value": "x", "message": "m"}
    codes = [curation_client.post(f"{url}/suggest", data=form).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_suggestion_with_markup_is_escaped_on_the_desk(curation_client: TestClient) -> None:
    url = "/initiatives/gsef2018-fr/1.5.1"
    token = _csrf(curation_client, f"{url}/suggest")
    form = {"csrf": token, "field": "title", "value": HOSTILE, "message": HOSTILE, "name": "<b>"}
    curation_client.post(f"{url}/suggest", data=form)
    _sign_in(curation_client, "editor")
    desk = curation_client.get("/curation").text
    assert ("<script>alert" in desk, "&lt;script&gt;alert" in desk, "<b>" in desk) == (
        False,
        True,
        False,
    )


def test_admin_creates_an_editor_who_can_sign_in(curation_client: TestClient) -> None:
    token = _sign_in(curation_client, "admin")
    form = {"csrf": token, "name": "newcomer", "password": CURATION_PASSWORD, "role": "editor"}
    created = curation_client.post("/curation/accounts", data=form)
    curation_client.cookies.clear()
    _sign_in(curation_client, "newcomer")
    assert (created.status_code, curation_client.get("/curation").status_code) == (200, 200)


def test_editor_cannot_manage_accounts(curation_client: TestClient) -> None:
    token = _sign_in(curation_client, "editor")
    form = {"csrf": token, "name": "intruder", "password": CURATION_PASSWORD, "role": "admin"}
    assert curation_client.post("/curation/accounts", data=form).status_code == 403


def test_disabled_account_session_cannot_act(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    store = curation_kb.repository.curation
    store.add_user("leaving", CURATION_PASSWORD, store.user("editor").role)  # type: ignore[union-attr]
    _sign_in(curation_client, "leaving")
    store.set_disabled("leaving", True)
    assert curation_client.get("/curation", follow_redirects=False).status_code == 303


def test_record_page_links_to_history_and_suggestions(curation_client: TestClient) -> None:
    page = curation_client.get("/initiatives/gsef2018-fr/1.1.1").text
    assert (
        'href="/initiatives/gsef2018-fr/1.1.1/history"' in page,
        'href="/initiatives/gsef2018-fr/1.1.1/suggest"' in page,
    ) == (True, True)


def test_changes_download_is_the_whole_log(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    curation_kb.curation.change(
        "gsef2018-fr/1.5.2", [FieldChange("title", "Téléchargé")], author="ed", reason="r"
    )
    lines = [json.loads(line) for line in curation_client.get("/exports/changes").text.splitlines()]
    assert [line["after"] for line in lines if line.get("record") == "gsef2018-fr/1.5.2"] == [
        "Téléchargé"
    ]


def test_edit_presenters_and_roles_keeps_what_the_form_does_not_show(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    url = "/initiatives/gsef2018-fr/1.5.3"
    before = curation_kb.initiative("gsef2018-fr/1.5.3")
    assert before is not None and before.presenters
    first = before.presenters[0]
    token = _sign_in(curation_client, "editor")
    version = _version(curation_client, f"{url}/edit")
    typed = f"Ana Nueva | Coordinatrice\n{first.name} | Présidente"
    form = {"csrf": token, "version": version, "presenters": typed, "reason": "programme"}
    assert curation_client.post(f"{url}/edit", data=form, follow_redirects=False).status_code == 303
    after = curation_kb.initiative("gsef2018-fr/1.5.3")
    assert after is not None
    assert [(p.name, p.role, p.position, p.person_id) for p in after.presenters] == [
        ("Ana Nueva", "Coordinatrice", 1, None),
        (first.name, "Présidente", 2, first.person_id),
    ]


def test_edit_a_person_name_then_history(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    url = "/people/dwinita-larasati"
    token = _sign_in(curation_client, "editor")
    version = _version(curation_client, f"{url}/edit")
    form = {"csrf": token, "version": version, "name": "Dwinita Larasati Hudiwinata", "reason": "x"}
    saved = curation_client.post(f"{url}/edit", data=form, follow_redirects=False)
    person = curation_kb.person("person/dwinita-larasati")
    (change,) = curation_client.get(f"{url}/history.json").json()["changes"]
    assert (saved.status_code, person and person.name, change["before"]) == (
        303,
        "Dwinita Larasati Hudiwinata",
        "Dwinita Larasati",
    )
    assert "Dwinita Larasati Hudiwinata" in curation_client.get(url).text


def test_suggest_an_organisation_city(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    organisation = curation_kb.organisations()[0]
    url = f"/organisations/{organisation.id.removeprefix('organisation/')}/suggest"
    token = _csrf(curation_client, url)
    form = {"csrf": token, "field": "city", "value": "Lyon", "message": "moved"}
    assert curation_client.post(url, data=form).status_code == 200
    suggestions = curation_kb.repository.curation.suggestions()
    stored = [s for s in suggestions if s.record_id == organisation.id]
    assert [(s.field, s.value) for s in stored] == [("city", "Lyon")]
