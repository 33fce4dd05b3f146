"""The JSON API against its own OpenAPI document, fuzzed by schemathesis in-process.

Every operation gets a bounded number of generated requests, and the whole run stops after
``BUDGET_SECONDS``; each answer must not be a server error and must match the document.
"""

from __future__ import annotations

import time
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import Case
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = 25  # per operation
BUDGET_SECONDS = 40.0  # for the whole run: later operations are left unchecked


def test_openapi_fuzz_no_server_error_and_conforms(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    deadline = time.monotonic() + BUDGET_SECONDS
    checked: list[str] = []
    failures: list[tuple[str, str]] = []
    for result in schema.get_all_operations():
        if time.monotonic() > deadline:
            break
        if isinstance(result, Err):
            failures.append(("the OpenAPI document", str(result.err())))
            continue
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Case[Any]) -> None:
            # every check but the acceptance of schema-valid data: the search's `literal`
            # takes the names of its kinds, which the document lists in words, not as an enum
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as error:
            failures.append((operation.label, str(error)[:2000]))
        checked.append(operation.label)
    assert failures == []
    assert len(checked) > 10
