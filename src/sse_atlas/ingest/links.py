"""URLs as printed, normalised, with the problems that can be seen without a network."""

from __future__ import annotations

import re

from sse_atlas.ingest import patterns as p
from sse_atlas.model import Link

_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?$", re.IGNORECASE)
_TRAILING = ".,;:!?)]»\"'"


def normalise_url(as_written: str) -> Link:
    """The printed URL kept, a usable URL made where it can be, and what was wrong with it."""
    candidate = as_written.strip()
    while candidate and (candidate[0] == "<" or candidate[-1] in _TRAILING + ">"):
        candidate = candidate.removeprefix("<").rstrip(_TRAILING + ">").strip()
    problems: list[str] = []
    if re.search(r"\s", candidate):
        problems.append("contains-space")
        candidate = re.sub(r"\s+", "", candidate)
    if not re.match(r"^https?://", candidate, re.IGNORECASE):
        problems.append("missing-scheme")
        candidate = "http://" + candidate.lstrip("/")
    scheme, _, rest = candidate.partition("://")
    host, slash, path = rest.partition("/")
    host = host.split("@")[-1].split(":")[0]
    if not _HOST.match(host):
        problems.append("malformed-host")
        return Link(as_written=as_written, url=None, problem=";".join(problems))
    url = f"{scheme.lower()}://{host.lower()}{slash}{path}"
    return Link(as_written=as_written, url=url, problem=";".join(problems) or None)


def extract_links(text: str) -> tuple[str, list[Link]]:
    """The text with its URLs taken out, and the URLs as links in reading order."""
    links: list[Link] = []

    def take(match: re.Match[str]) -> str:
        links.append(normalise_url(match.group(0)))
        return " "

    remainder = p.URL.sub(take, text)
    remainder = re.sub(r"\s+", " ", remainder).strip()
    return remainder, links
