"""``sse-atlas settings``: what a knowledge base keeps about itself (its search encoder)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from sse_atlas import terminal
from sse_atlas.kb import SETTINGS, KnowledgeBase

Handler = Callable[[argparse.Namespace], int]


def add_parsers(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """``settings`` (show them) and ``settings set KEY VALUE``."""
    settings = commands.add_parser(
        "settings", help="show or change the knowledge base's settings (the search encoder)"
    )
    settings.add_argument("--json", action="store_true", help="the settings as JSON")
    add_db(settings)
    actions = settings.add_subparsers(dest="settings_action", metavar="ACTION")
    change = actions.add_parser("set", help="change one setting")
    change.add_argument("key", help=f"the setting: {', '.join(SETTINGS)}")
    change.add_argument(
        "value",
        help="its value ("
        + "; ".join(f"{key}: {', '.join(values)}" for key, values in SETTINGS.items())
        + ")",
    )
    add_db(change)


def _settings(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        if args.settings_action == "set":
            if args.key == "encoder":
                terminal.status(f"encoding every record with {args.value}…")
            kb.set_setting(args.key, args.value)
            return 0
        found = kb.settings()
    if args.json:
        print(json.dumps(found, indent=2))
    else:
        for key, value in found.items():
            print(f"{key}: {value}")
    return 0


COMMANDS: dict[str, Handler] = {"settings": _settings}
