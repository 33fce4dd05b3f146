"""What the command line does for a person at a terminal: progress lines, bold highlights,
edits checked before they are stored, and a server socket that fails fast on a bad port.

Progress goes to stderr and only on a terminal; piped search results show the matched words
plainly, without bold or markers.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from typing import Final, TextIO

from sse_atlas.ingest.countries import country_name, match_country
from sse_atlas.model.codec import to_value


class CommandError(Exception):
    """A failure to report in one line, without a traceback."""


def status(message: str) -> None:
    """What a long command is doing, on a terminal only: piped output stays as it was."""
    if sys.stderr.isatty():
        sys.stderr.write(f"sse-atlas: {message}\n")
        sys.stderr.flush()


_MARKED: Final = re.compile(r"\[\[(.+?)\]\]")


def bold_allowed(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def highlighted(text: str, bold: bool) -> str:
    """Matched words in bold on a terminal; elsewhere the plain words, without their markers."""
    return _MARKED.sub("\033[1m\\1\033[0m" if bold else "\\1", text)


_CODE: Final = re.compile(r"\d+(?:\.\d+)*")


def checked_value(field_name: str, value: object) -> object:
    """Refuse values that cannot be right for their field: countries, URLs, codes."""
    leaf = field_name.rsplit(".", 1)[-1]
    if leaf == "country_code":
        if not isinstance(value, str) or country_name(value.upper()) is None:
            raise CommandError(f"{field_name}: {value!r} is not an ISO 3166-1 alpha-2 code")
        return value.upper()
    if leaf == "country" and value is not None and not _is_country(value):
        raise CommandError(
            f"{field_name}: {value!r} is not a country name this knowledge base knows"
            " (a name in English, French or Spanish, such as 'Spain' or 'Espagne')"
        )
    if leaf in ("url", "urls", "as_written"):
        for text in _strings_in(value):
            if not re.match(r"https?://[^\s/]+\.[^\s/]+", text):
                raise CommandError(f"{field_name}: {text!r} is not a web address (http://…)")
    if leaf == "workshop" and value is not None and not _is_code(value):
        raise CommandError(f"{field_name}: {value!r} is not a code such as '4.2'")
    return value


def _is_country(value: object) -> bool:
    return isinstance(value, str) and match_country(value) is not None


def _is_code(value: object) -> bool:
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def _strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            text for key, item in value.items() if key != "problem" for text in _strings_in(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _strings_in(item)]
    return []


def field_value(record: object, path: str) -> object:
    """The value at a dotted path of a record, before an edit (None if not there)."""
    current = record
    for part in path.split("."):
        current = getattr(current, part, None)
    return to_value(current) if current is not None else None


def listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound before the knowledge base loads: a bad or busy port fails fast."""
    if not 0 < port < 65536:
        raise CommandError(f"--port {port}: a port is a number from 1 to 65535")
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise CommandError(f"--host {host}: {error}") from error
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise CommandError(f"cannot listen on {host}:{port}: {error.strerror}") from error
    return sock
