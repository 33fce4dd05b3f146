"""How the server shares its work out: read once from the environment, each value checked.

See docs/configuration.md; every setting has a default that suits a small machine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Final

MAX_URL_BYTES: Final = 8192  # path and query string together; longer gets 414


@dataclass(frozen=True)
class Setting:
    variable: str
    minimum: float
    maximum: float
    whole: bool
    help: str


SETTINGS: Final = {
    "workers": Setting(
        "SSE_ATLAS_WEB_WORKERS", 1, 32, True, "requests answered at once, each in a thread"
    ),
    "queue": Setting(
        "SSE_ATLAS_WEB_QUEUE", 0, 10_000, True, "requests that may wait for a worker; more get 503"
    ),
    "queue_wait": Setting(
        "SSE_ATLAS_WEB_QUEUE_WAIT", 0.1, 600, False, "seconds a request may wait; then 503"
    ),
    "retry_after": Setting(
        "SSE_ATLAS_WEB_RETRY_AFTER", 1, 3600, True, "the Retry-After of a 503, in seconds"
    ),
    "check_every": Setting(
        "SSE_ATLAS_WEB_CHECK_EVERY", 0, 3600, False, "seconds between checks for a new generation"
    ),
    "cache_mb": Setting(
        "SSE_ATLAS_WEB_CACHE_MB", 0, 4096, True, "megabytes of answers kept (0: none)"
    ),
    "blas_threads": Setting(
        "SSE_ATLAS_WEB_BLAS_THREADS", 0, 256, True, "BLAS threads of the server (0: the library's)"
    ),
}


@dataclass(frozen=True)
class ServerSettings:
    """Limits of one server process (see ``SETTINGS`` for the environment variables)."""

    workers: int = 2
    queue: int = 256
    queue_wait: float = 10.0
    retry_after: int = 2
    check_every: float = 0.5
    cache_mb: int = 64
    blas_threads: int = 0  # measured: pinning to 1 did not help (docs/configuration.md)

    def __post_init__(self) -> None:
        for name, setting in SETTINGS.items():
            value = getattr(self, name)
            if not setting.minimum <= value <= setting.maximum:
                raise ValueError(
                    f"{setting.variable}: {value} is outside {_number(setting.minimum)}"
                    f"–{_number(setting.maximum)} ({setting.help})"
                )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        """The defaults, overridden by the ``SSE_ATLAS_WEB_*`` variables that are set."""
        environ = os.environ if environ is None else environ
        values: dict[str, float] = {}
        for field in fields(cls):
            setting = SETTINGS[field.name]
            raw = environ.get(setting.variable, "").strip()
            if raw:
                values[field.name] = _parse(setting, raw)
        return cls(**values)  # type: ignore[arg-type]


def _parse(setting: Setting, raw: str) -> float:
    kind = "a whole number" if setting.whole else "a number"
    try:
        return int(raw) if setting.whole else float(raw)
    except ValueError:
        raise ValueError(f"{setting.variable}: expected {kind}, got {raw[:40]!r}") from None


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
