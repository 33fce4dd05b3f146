"""Which URL schemes a link may have: the web's own, and ``mailto:`` as printed contact."""

from __future__ import annotations

import re
from typing import Final

# Schemes a stored link may carry; anything else (javascript:, data:, vbscript:, file:, ...)
# could run code or read local files when a browser or a spreadsheet follows it.
SAFE_SCHEMES: Final = frozenset({"http", "https", "mailto"})
_SCHEME: Final = re.compile(r"^[\s<\"'(]*([A-Za-z][A-Za-z0-9+.\-]{0,31})\s*:(?!\d)")
# Invisible characters that browsers drop from a URL before reading its scheme ("java\tscript:").
_INVISIBLE: Final = re.compile(
    r"[\x00-\x1f\x7f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def url_scheme(text: str) -> str | None:
    """The lower-case scheme a URL as written starts with (``javascript``), or None.

    A ``host:port`` form (``example.org:8080``) has no scheme: a digit after the colon.
    """
    match = _SCHEME.match(_INVISIBLE.sub("", text))
    return match.group(1).lower() if match else None


def unsafe_scheme(text: str) -> str | None:
    """The scheme of ``text`` if it is one a link must never carry, else None."""
    scheme = url_scheme(text)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    # a bare domain with a dot before the colon is a host, not a scheme ("www.x.org:80" is
    # caught by the digit rule; "site.org:path" is a printing slip, not an attack)
    if "." in scheme:
        return None
    return scheme
