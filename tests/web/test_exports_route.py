"""Downloads under /exports/{format}: every registered format, whole or limited to a search."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from sse_atlas.exports import exporter_for, formats
from sse_atlas.kb import KnowledgeBase
from tests.web.conftest import FORMULA


@pytest.mark.parametrize("name", formats())
def test_export_every_format_downloads(client: TestClient, name: str) -> None:
    exporter = exporter_for(name)
    response = client.get(f"/exports/{name}")
    assert (
        response.status_code,
        response.headers["content-type"].split(";")[0],
        response.headers["content-disposition"],
    ) == (
        200,
        exporter.media_type.split(";")[0],
        f'attachment; filename="sse-atlas.{exporter.extension}"',
    )


def test_export_json_whole_knowledge_base(client: TestClient, seed_kb: KnowledgeBase) -> None:
    expected = io.StringIO()
    exporter_for("json").write(expected, seed_kb.dataset())
    assert client.get("/exports/json").text == expected.getvalue()


def test_export_links_carry_filters(client: TestClient) -> None:
    exports = client.get("/index.json?q=coop&country=ES").json()["exports"]
    assert [e for e in exports if e["id"] == "json"] == [
        {"id": "json", "label": "Everything (JSON)", "url": "/exports/json?q=coop&country=ES"}
    ]


def test_export_csv_entity_chosen(client: TestClient) -> None:
    response = client.get("/exports/csv?entity=people")
    assert response.text.splitlines()[0] == "id,name,aliases,roles,initiatives,workshops"


def test_export_bad_option_400(client: TestClient) -> None:
    assert client.get("/exports/csv?entity=nothing").status_code == 400


def test_export_csv_formula_neutralised(hostile_client: TestClient) -> None:
    rows = csv.DictReader(io.StringIO(hostile_client.get("/exports/csv").text))
    assert next(r["title"] for r in rows if r["code"] == "4.2.2") == f"'{FORMULA}"
