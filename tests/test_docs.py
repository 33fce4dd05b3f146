"""The reference docs keep up with the code: every command, option and facade method is documented.

The command line is introspected from ``build_parser()`` and the facade from ``KnowledgeBase``
itself, so a new command, option or method fails here until the docs mention it.
"""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

from sse_atlas.cli import build_parser
from sse_atlas.kb import KnowledgeBase

DOCS = Path(__file__).resolve().parent.parent / "docs"
CLI_DOC = DOCS / "cli.md"
PYTHON_DOC = DOCS / "python-api.md"

# argparse adds these to every parser; they need no documentation of their own.
_HELP_OPTIONS = frozenset({"-h", "--help"})
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Every option string a parser shows (``--db``, ``-o``), help options aside; one hidden
    from ``--help`` (a global option also accepted after the command) is documented once."""
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option not in _HELP_OPTIONS and action.help != argparse.SUPPRESS
    ]


def _choices(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """Each option with fixed choices (``--format``), paired with every choice it offers."""
    return [
        (action.option_strings[0], str(choice))
        for action in parser._actions
        if action.option_strings and action.choices is not None
        for choice in action.choices
    ]


def _positionals(parser: argparse.ArgumentParser) -> list[str]:
    """The names positional arguments are shown under in ``--help`` (metavar, else dest)."""
    return [
        str(action.metavar or action.dest)
        for action in parser._actions
        if not action.option_strings and not isinstance(action, argparse._SubParsersAction)
    ]


def _sections(text: str) -> dict[str, str]:
    """Each Markdown heading's title mapped to its text, up to the next heading of its level or
    above; lines inside code fences are never headings."""
    lines = text.splitlines()
    headings: list[tuple[int, int, str]] = []
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            headings.append((index, len(match.group(1)), match.group(2).strip()))
    sections: dict[str, str] = {}
    for position, (start, level, title) in enumerate(headings):
        end = next((i for i, lvl, _ in headings[position + 1 :] if lvl <= level), len(lines))
        sections[title] = "\n".join(lines[start:end])
    return sections


def _command_sections() -> dict[str, str]:
    """Each command's section of docs/cli.md: the one whose heading names ``sse-atlas COMMAND``."""
    sections = _sections(CLI_DOC.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for title, body in sections.items():
        match = re.search(r"sse-atlas ([\w-]+)", title)
        if match:
            found.setdefault(match.group(1), body)
    return found


def _mentions(text: str, word: str) -> bool:
    """``word`` appears on its own (``--db`` not inside ``--dbx``, ``PATH`` not in ``PATHS``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


PARSER = build_parser()
COMMANDS = _subcommands(PARSER)


def test_docs_sections_skip_code_fences() -> None:
    text = "# A\none\n```\n# not a heading\n```\n## B\ntwo\n# C\nthree"
    assert _sections(text) == {
        "A": "# A\none\n```\n# not a heading\n```\n## B\ntwo",
        "B": "## B\ntwo",
        "C": "# C\nthree",
    }


def test_docs_cli_parser_introspected() -> None:
    # without this, an argparse change could leave the checks below with nothing to check
    assert {"ingest", "check", "export"} <= set(COMMANDS)


def test_docs_cli_every_command_has_section() -> None:
    sections = _command_sections()
    assert [command for command in COMMANDS if command not in sections] == []


def test_docs_cli_every_option_in_its_command_section() -> None:
    sections = _command_sections()
    undocumented = [
        f"sse-atlas {command} {option}"
        for command, parser in COMMANDS.items()
        for option in _options(parser)
        if not _mentions(sections.get(command, ""), option)
    ]
    assert undocumented == []


def test_docs_cli_every_choice_in_its_command_section() -> None:
    sections = _command_sections()
    undocumented = [
        f"sse-atlas {command} {option} {choice}"
        for command, parser in COMMANDS.items()
        for option, choice in _choices(parser)
        if not _mentions(sections.get(command, ""), f"`{choice}`")
    ]
    assert undocumented == []


def test_docs_cli_every_argument_in_its_command_section() -> None:
    sections = _command_sections()
    undocumented = [
        f"sse-atlas {command} {argument}"
        for command, parser in COMMANDS.items()
        for argument in _positionals(parser)
        if not _mentions(sections.get(command, ""), argument)
    ]
    assert undocumented == []


def test_docs_cli_every_global_option_documented() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    assert [option for option in _options(PARSER) if not _mentions(text, option)] == []


def _public_methods(cls: type) -> list[str]:
    """Methods, class methods and static methods defined on the class, not starting with ``_``."""
    return sorted(
        name
        for name, member in vars(cls).items()
        if not name.startswith("_")
        and (inspect.isfunction(member) or isinstance(member, classmethod | staticmethod))
    )


def test_docs_kb_methods_introspected() -> None:
    assert {"open", "ingest", "stats"} <= set(_public_methods(KnowledgeBase))


def test_docs_kb_every_public_method_documented() -> None:
    text = PYTHON_DOC.read_text(encoding="utf-8")
    undocumented = [
        f"KnowledgeBase.{name}()"
        for name in _public_methods(KnowledgeBase)
        if re.search(rf"\b{re.escape(name)}\(", text) is None
    ]
    assert undocumented == []
