"""Server settings: defaults, the environment, and a clear error for a bad value."""

from __future__ import annotations

import pytest

from sse_atlas.web.settings import ServerSettings


def test_settings_defaults_without_environment() -> None:
    assert ServerSettings.from_environment({}) == ServerSettings(
        workers=2,
        queue=256,
        queue_wait=10.0,
        retry_after=2,
        check_every=0.5,
        cache_mb=64,
        blas_threads=0,
    )


def test_settings_from_environment() -> None:
    environ = {
        "SSE_ATLAS_WEB_WORKERS": "3",
        "SSE_ATLAS_WEB_QUEUE": "0",
        "SSE_ATLAS_WEB_QUEUE_WAIT": "2.5",
        "SSE_ATLAS_WEB_RETRY_AFTER": " 9 ",
        "SSE_ATLAS_WEB_CHECK_EVERY": "",
        "SSE_ATLAS_WEB_CACHE_MB": "0",
        "SSE_ATLAS_WEB_BLAS_THREADS": "1",
    }
    assert ServerSettings.from_environment(environ) == ServerSettings(
        workers=3,
        queue=0,
        queue_wait=2.5,
        retry_after=9,
        check_every=0.5,
        cache_mb=0,
        blas_threads=1,
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "SSE_ATLAS_WEB_WORKERS",
            "four",
            "SSE_ATLAS_WEB_WORKERS: expected a whole number, got 'four'",
        ),
        (
            "SSE_ATLAS_WEB_WORKERS",
            "0",
            "SSE_ATLAS_WEB_WORKERS: 0 is outside 1–32"
            " (requests answered at once, each in a thread)",
        ),
        (
            "SSE_ATLAS_WEB_QUEUE_WAIT",
            "nan",
            "SSE_ATLAS_WEB_QUEUE_WAIT: nan is outside 0.1–600"
            " (seconds a request may wait; then 503)",
        ),
        ("SSE_ATLAS_WEB_QUEUE", "1.5", "SSE_ATLAS_WEB_QUEUE: expected a whole number, got '1.5'"),
    ],
)
def test_settings_bad_value_named(variable: str, value: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        ServerSettings.from_environment({variable: value})
    assert str(raised.value) == message
