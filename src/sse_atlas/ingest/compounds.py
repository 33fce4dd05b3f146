"""Hyphens an extraction tool removed: ``publicprivé`` where the document prints ``public-privé``.

Some converters (poppler's ``pdftotext`` without options, for one) join a word hyphenated at a
line end and drop the hyphen, even when the hyphen belonged to the word. The document's own
spelling tells them apart: a joined form that is not a word of the language, whose letters the
document prints with hyphens at least as often, gets its hyphens back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.language import is_common_word

_COMPOUND = re.compile(r"\w+(?:-\w+)+")
_WORD = re.compile(r"\w{4,}")


class LostHyphens:
    """The document's hyphenated compounds, by their letters without hyphens (case folded)."""

    def __init__(self, texts: Iterable[str], language: str | None) -> None:
        self._compounds: dict[str, str] = {}
        hyphenated: Counter[str] = Counter()
        joined: Counter[str] = Counter()
        for text in texts:
            words = p.URL.sub(" ", text)
            joined.update(word.casefold() for word in _WORD.findall(words))
            for match in _COMPOUND.finditer(words):
                compound = match[0]
                if all(len(part) >= 2 for part in compound.split("-")):
                    key = compound.replace("-", "").casefold()
                    self._compounds.setdefault(key, compound)
                    hyphenated[key] += 1
        # a joined form that is a word of the language (plateforme, weekend) is the author's
        # spelling; otherwise the document's decides (one it prints joined more often stays)
        for key in list(self._compounds):
            if joined[key] > hyphenated[key] or is_common_word(language, key):
                del self._compounds[key]

    def _restored(self, match: re.Match[str]) -> str:
        word = match[0]
        compound = self._compounds.get(word.casefold())
        if compound is None:
            return word
        # the hyphens go back where the compound has them; the letters keep their own case
        restored, position = [], 0
        for part in compound.split("-"):
            restored.append(word[position : position + len(part)])
            position += len(part)
        return "-".join(restored)

    def restore(self, text: str) -> str:
        """``text`` with the hyphens of the document's compounds put back in joined forms."""
        if not self._compounds:
            return text
        # addresses are spelled as they are: only the words between them are looked at
        pieces, position = [], 0
        for url in p.URL.finditer(text):
            pieces += [_WORD.sub(self._restored, text[position : url.start()]), url[0]]
            position = url.end()
        return "".join([*pieces, _WORD.sub(self._restored, text[position:])])

    @classmethod
    def restored(cls, texts: Sequence[str]) -> list[str]:
        """The source lines of a document with the hyphens a converter removed put back."""
        from sse_atlas.ingest.language import detect_language

        hyphens = cls(texts, detect_language(" ".join(texts[:400])))
        return [hyphens.restore(text) for text in texts]
