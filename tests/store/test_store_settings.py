"""Settings a store keeps about itself: read, replaced, and counted as writes."""

from __future__ import annotations

from sse_atlas.store import open_repository


def test_setting_never_set_is_none(store_target: str) -> None:
    with open_repository(store_target) as store:
        assert store.setting("encoder") is None


def test_setting_set_twice_keeps_the_last_value(store_target: str) -> None:
    with open_repository(store_target) as store:
        store.set_setting("encoder", "e5")
        store.set_setting("encoder", "use")
    with open_repository(store_target) as store:
        assert store.setting("encoder") == "use"


def test_setting_change_is_a_write(store_target: str) -> None:
    with open_repository(store_target) as store:
        before = store.generation()
        store.set_setting("encoder", "e5")
        assert store.generation() == before + 1
