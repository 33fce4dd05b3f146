"""Two writers and a reader on one store, in both backends: the second writer waits for the
first (bounded by its lock timeout), a reader never waits and sees only committed states."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from typing import TypeVar

import pytest

from sse_atlas.model import Catalogue, QualityReport
from sse_atlas.store import StoreError, open_repository
from sse_atlas.store.sql import SQLRepository

HOLD_SECONDS = 0.6
T = TypeVar("T")


def _sql(target: str, lock_timeout: float = 10.0) -> SQLRepository:
    repository = open_repository(target, lock_timeout=lock_timeout)
    assert isinstance(repository, SQLRepository)
    return repository


class _Abandoned(Exception):
    """Ends the holding writer's transaction with a rollback."""


@contextmanager
def _writer_holding_lock(target: str, catalogue: Catalogue) -> Iterator[None]:
    """Another connection inside a write transaction that has deleted the catalogue's
    initiatives, for HOLD_SECONDS, then rolls back; yields once the lock is held."""
    held = threading.Event()
    first = _sql(target)

    def hold() -> None:
        with suppress(_Abandoned), first._transaction(write=True) as cursor:
            for table in ("involvements", "initiatives"):
                first._execute(
                    cursor, f"DELETE FROM {table} WHERE catalogue_id = ?", [catalogue.id]
                )
            held.set()
            time.sleep(HOLD_SECONDS)
            raise _Abandoned

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(10)
        yield
    finally:
        thread.join()
        first.close()


def _while_locked(target: str, catalogue: Catalogue, action: Callable[[], T]) -> tuple[T, float]:
    """What ``action`` gives while another connection holds the write lock, and how long it
    took."""
    with _writer_holding_lock(target, catalogue):
        started = time.monotonic()
        result = action()
        return result, time.monotonic() - started


def test_second_writer_waits_then_writes(
    store_target: str, catalogue: Catalogue, report: QualityReport
) -> None:
    with _sql(store_target) as second:
        second.replace_catalogue(catalogue, report)
        edit = partial(second.record_edit, "gsef2018-fr/4.2.1", "title", "Après l'attente")
        _, waited = _while_locked(store_target, catalogue, edit)
        found = second.initiative("gsef2018-fr/4.2.1")
        assert found is not None
        assert (waited > HOLD_SECONDS / 3, found.title) == (True, "Après l'attente")


def test_second_writer_gives_up_clearly(
    store_target: str, catalogue: Catalogue, report: QualityReport
) -> None:
    with _sql(store_target) as setup:
        setup.replace_catalogue(catalogue, report)
        label = setup.label
    with _sql(store_target, lock_timeout=0.1) as second:
        with _writer_holding_lock(store_target, catalogue), pytest.raises(StoreError) as raised:
            second.record_edit("gsef2018-fr/4.2.1", "title", "Jamais écrit")
        assert str(raised.value) == f"another process is writing to {label}; gave up after 0.1 s"
        assert second.edits() == []


def test_reader_sees_committed_state_without_waiting(
    store_target: str, catalogue: Catalogue, report: QualityReport
) -> None:
    with _sql(store_target) as reader:
        reader.replace_catalogue(catalogue, report)
        found, waited = _while_locked(
            store_target, catalogue, partial(reader.catalogue, catalogue.id)
        )
        assert (found, waited < HOLD_SECONDS) == (catalogue, True)
        assert reader.catalogue(catalogue.id) == catalogue  # the other writer rolled back
