"""The write API: tokens and scopes, every status code, suggestions, and random bodies."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sse_atlas.kb import KnowledgeBase
from sse_atlas.store.curation_types import Scope

BASE = "/api/v1/initiatives/gsef2018-fr"


@pytest.fixture(scope="module")
def tokens(curation_kb: KnowledgeBase) -> Iterator[dict[str, str]]:
    store = curation_kb.repository.curation
    made = {
        "write": store.create_token("editor", Scope.WRITE)[1],
        "read": store.create_token("editor", Scope.READ)[1],
        "contributor": store.create_token("helper", Scope.WRITE)[1],
        "disabled": store.create_token("gone", Scope.WRITE)[1],
    }
    revoked, text = store.create_token("editor", Scope.WRITE)
    store.revoke_token(revoked.id)
    made["revoked"] = text
    yield made


def _auth(token: str, version: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if version is not None:
        headers["If-Match"] = version
    return headers


def _etag(client: TestClient, code: str) -> str:
    return client.get(f"{BASE}/{code}/history").headers["etag"]


def test_patch_without_token_is_401(curation_client: TestClient) -> None:
    answer = curation_client.patch(f"{BASE}/2.1.1", json={"reason": "r", "fields": {}})
    assert answer.status_code == 401


@pytest.mark.parametrize("which", ["revoked", "disabled"])
def test_patch_with_a_dead_token_is_401(
    curation_client: TestClient, tokens: dict[str, str], which: str
) -> None:
    body = {"reason": "r", "fields": {"title": "x"}}
    answer = curation_client.patch(f"{BASE}/2.1.1", json=body, headers=_auth(tokens[which], '"0"'))
    assert answer.status_code == 401


def test_patch_with_a_read_token_is_403(
    curation_client: TestClient, tokens: dict[str, str]
) -> None:
    body = {"reason": "r", "fields": {"title": "x"}}
    answer = curation_client.patch(f"{BASE}/2.1.1", json=body, headers=_auth(tokens["read"], '"0"'))
    assert answer.json() == {
        "error": {
            "status": 403,
            "message": f"token {tokens['read'][4:16]} has the read scope; edit needs write",
        }
    }


def test_patch_as_a_contributor_is_403(curation_client: TestClient, tokens: dict[str, str]) -> None:
    body = {"reason": "r", "fields": {"title": "x"}}
    headers = _auth(tokens["contributor"], '"0"')
    answer = curation_client.patch(f"{BASE}/2.1.1", json=body, headers=headers)
    assert answer.status_code == 403


def test_patch_unknown_record_is_404(curation_client: TestClient, tokens: dict[str, str]) -> None:
    body = {"reason": "r", "fields": {"title": "x"}}
    answer = curation_client.patch(
        f"{BASE}/9.9.9", json=body, headers=_auth(tokens["write"], '"0"')
    )
    assert answer.status_code == 404


def test_patch_without_if_match_is_428(curation_client: TestClient, tokens: dict[str, str]) -> None:
    body = {"reason": "r", "fields": {"title": "x"}}
    answer = curation_client.patch(f"{BASE}/2.1.1", json=body, headers=_auth(tokens["write"]))
    assert answer.status_code == 428


def test_patch_then_stale_patch_is_409_and_the_first_is_kept(
    curation_client: TestClient, tokens: dict[str, str]
) -> None:
    etag = _etag(curation_client, "2.2.1")
    first = {"reason": "one", "fields": {"title": "Premier"}}
    second = {"reason": "two", "fields": {"title": "Second"}}
    done = curation_client.patch(f"{BASE}/2.2.1", json=first, headers=_auth(tokens["write"], etag))
    late = curation_client.patch(f"{BASE}/2.2.1", json=second, headers=_auth(tokens["write"], etag))
    record = curation_client.get(f"{BASE}/2.2.1").json()
    assert (done.status_code, done.headers["etag"], late.status_code) == (200, '"1"', 409)
    assert record["initiative"]["title"] == "Premier"


def test_two_editors_at_once_one_wins_and_the_other_is_told(
    curation_client: TestClient, tokens: dict[str, str]
) -> None:
    etag = _etag(curation_client, "2.2.2")
    answers = [
        curation_client.patch(
            f"{BASE}/2.2.2",
            json={"reason": "same time", "fields": {"title": title}},
            headers=_auth(tokens["write"], etag),
        ).status_code
        for title in ("A", "B")
    ]
    history = curation_client.get(f"{BASE}/2.2.2/history").json()
    assert (answers, [c["after"] for c in history["changes"]]) == ([200, 409], ["A"])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"place.country_code": "XK1"}, "place.country_code: 'XK1' is not an ISO 3166-1"),
        (
            {"links": [{"as_written": "x", "url": "javascript:alert(1)", "problem": None}]},
            "links.url: a link may not use the javascript: scheme (http or https)",
        ),
        ({"sdgs": [18]}, "sdgs: SDGs are numbers from 1 to 17"),
        ({"code": "1"}, "field 'code' cannot be edited"),
        ({"source": None}, "field 'source' cannot be edited"),
        ({"title": 3}, "value 3 does not fit field 'title' (str)"),
    ],
)
def test_patch_bad_values_are_422(
    curation_client: TestClient, tokens: dict[str, str], fields: dict[str, object], message: str
) -> None:
    body = {"reason": "r", "fields": fields}
    answer = curation_client.patch(
        f"{BASE}/2.2.3", json=body, headers=_auth(tokens["write"], '"0"')
    )
    assert (answer.status_code, answer.json()["error"]["message"].startswith(message)) == (
        422,
        True,
    )


def test_patch_place_is_geocoded_again(curation_client: TestClient, tokens: dict[str, str]) -> None:
    body = {"reason": "moved", "fields": {"place.city": "Lyon", "place.country_code": "FR"}}
    etag = _etag(curation_client, "2.2.4")
    curation_client.patch(f"{BASE}/2.2.4", json=body, headers=_auth(tokens["write"], etag))
    place = curation_client.get(f"{BASE}/2.2.4").json()["initiative"]["place"]
    assert (place["city"], round(place["latitude"]), round(place["longitude"])) == ("Lyon", 46, 5)


def test_revert_through_the_api(curation_client: TestClient, tokens: dict[str, str]) -> None:
    etag = _etag(curation_client, "2.3.1")
    body = {"reason": "try", "fields": {"description": "Autre"}}
    changed = curation_client.patch(
        f"{BASE}/2.3.1", json=body, headers=_auth(tokens["write"], etag)
    )
    seq = changed.json()["changes"][-1]["seq"]
    undo = curation_client.post(
        f"/api/v1/changes/{seq}/revert", json={"reason": "no"}, headers=_auth(tokens["write"])
    )
    assert (undo.status_code, undo.json()["origin"], undo.json()["reverts"]) == (200, "revert", seq)


def test_suggest_then_accept_through_the_api(
    curation_client: TestClient, tokens: dict[str, str]
) -> None:
    body = {"record": "gsef2018-fr/2.3.2", "field": "title", "value": "Mieux", "message": "m"}
    made = curation_client.post("/api/v1/suggestions", json=body)
    queue = curation_client.get("/api/v1/suggestions", headers=_auth(tokens["read"])).json()
    suggestion_id = made.json()["id"]
    accepted = curation_client.post(
        f"/api/v1/suggestions/{suggestion_id}/accept",
        json={"reason": "ok"},
        headers=_auth(tokens["write"]),
    )
    assert (made.status_code, accepted.status_code) == (201, 200)
    assert suggestion_id in [s["id"] for s in queue["suggestions"]]
    assert accepted.json()["changes"][0]["origin"] == "suggestion"


def test_suggestion_queue_needs_a_token(curation_client: TestClient) -> None:
    assert curation_client.get("/api/v1/suggestions").status_code == 401


def test_write_api_is_in_the_openapi(curation_client: TestClient) -> None:
    paths = curation_client.get("/api/v1/openapi.json").json()["paths"]
    assert (
        "patch" in paths["/api/v1/initiatives/{catalogue}/{code}"],
        "post" in paths["/api/v1/suggestions"],
        "post" in paths["/api/v1/changes/{seq}/revert"],
    ) == (True, True, True)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_FIELDS = st.sampled_from(
    [
        "title",
        "place",
        "place.city",
        "place.country_code",
        "place.latitude",
        "links",
        "presenters",
        "sdgs",
        "themes",
        "description",
        "code",
        "__class__",
        "place..city",
        "",
        "presenters.0",
    ]
)
_BODIES = st.one_of(
    _JSON,
    st.fixed_dictionaries(
        {"reason": _JSON | st.text(max_size=10), "fields": st.dictionaries(_FIELDS, _JSON)}
    ),
    st.binary(max_size=40),
)


@settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=_BODIES)
def test_patch_random_bodies_answer_only_4xx(
    curation_client: TestClient, tokens: dict[str, str], body: object
) -> None:
    # a version far ahead: a body that passes every check still writes nothing (409)
    headers = {**_auth(tokens["write"], '"999999"'), "Content-Type": "application/json"}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    answer = curation_client.patch(f"{BASE}/2.4.1", content=content, headers=headers)
    assert 400 <= answer.status_code < 500


def test_patch_a_person_through_the_api(
    curation_client: TestClient, tokens: dict[str, str]
) -> None:
    url = "/api/v1/people/juan-carlos-diaz-macias"
    etag = curation_client.get(f"{url}/history").headers["etag"]
    body = {"reason": "full name", "fields": {"roles": ["Coordinateur"]}}
    answer = curation_client.patch(url, json=body, headers=_auth(tokens["write"], etag))
    person = curation_client.get(url).json()
    assert (answer.status_code, person["person"]["roles"]) == (200, ["Coordinateur"])
