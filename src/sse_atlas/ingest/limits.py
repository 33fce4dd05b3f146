"""The limits of what SSE Atlas reads, in one place (``docs/limits.md`` states each one).

Every limit is far above what a real catalogue needs (the GSEF 2018 catalogue: 136 KB, 1,257
lines, the longest 1,734 characters, the longest description 1,697 characters, 102 initiatives)
and low enough that a hostile document is refused in seconds and a few hundred megabytes,
before anything is stored. A document over a limit is an error naming the file (and the line),
never silently cut: a catalogue is a record of what was printed.
"""

from __future__ import annotations

from typing import Final

MiB: Final = 1 << 20

# Size of a document on disk, by kind.
MAX_TEXT_BYTES: Final = 16 * MiB
MAX_PDF_BYTES: Final = 64 * MiB
MAX_JSON_BYTES: Final = 64 * MiB

# One line of a text document (or of the text of a PDF page), in characters.
MAX_LINE_CHARS: Final = 20_000

# One text field of a record (a description, a title, a name), in characters.
MAX_FIELD_CHARS: Final = 50_000

# Records (initiatives plus workshops) in one document.
MAX_ENTRIES: Final = 100_000

# Nesting of arrays and objects in an interchange JSON document (an export needs 6).
MAX_JSON_DEPTH: Final = 64

# Characters of one text given to the sentence encoder: the model averages its tokens, and
# past a few paragraphs more text only blurs the vector while its cost keeps growing.
MAX_ENCODER_CHARS: Final = 4_000

# Rows kept in the vector cache of one model (512 float16 values a row: 1 KB).
MAX_CACHE_ROWS: Final = 200_000
# Shards written by separate ingests before they are merged into one file.
MAX_CACHE_SHARDS: Final = 16


def size_limit(kind: str) -> int:
    """The size limit in bytes of a document of ``kind`` (``text``, ``pdf`` or ``json``)."""
    return {"text": MAX_TEXT_BYTES, "pdf": MAX_PDF_BYTES, "json": MAX_JSON_BYTES}[kind]


def describe_bytes(size: int) -> str:
    """``16 MiB`` for a whole number of mebibytes, else ``1,234 bytes``."""
    if size % MiB == 0:
        return f"{size // MiB} MiB"
    return f"{size:,} bytes"
