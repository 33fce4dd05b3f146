"""Typesetters' hyphens (U+2010, soft hyphens) and URLs split across lines are rejoined."""

from __future__ import annotations

from sse_atlas.ingest.compounds import LostHyphens
from sse_atlas.ingest.language import is_common_word
from sse_atlas.ingest.lines import SourceLine
from sse_atlas.ingest.text import Vocabulary, logical_lines

BODY = "Le Conseil est une coalition engagée envers la promotion de politiques durables"


def _joined(*texts: str) -> list[str]:
    """The texts as one paragraph of a typeset PDF (each line continuing the one before)."""
    lines = [SourceLine(n, text, 1, continues=n > 1) for n, text in enumerate(texts, start=1)]
    return [line.text for line in logical_lines(lines)]


def test_hyphens_typesetter_hyphen_joins_the_word() -> None:
    assert _joined("Le Conseil est une coali\u2010", "tion en croissance.") == [
        "Le Conseil est une coalition en croissance."
    ]


def test_hyphens_soft_hyphen_at_line_end_joins_the_word() -> None:
    assert _joined("la commune d'inser\u00ad", "tion sociale.") == [
        "la commune d'insertion sociale."
    ]


def test_hyphens_typesetter_hyphen_keeps_the_documents_compound() -> None:
    texts = ("une intégration socio\u2010", "professionnelle et la socio-professionnelle.")
    assert _joined(*texts) == ["une intégration socio-professionnelle et la socio-professionnelle."]


def test_hyphens_real_hyphen_kept_where_the_document_marks_typesetters_hyphens() -> None:
    lines = ("des coali\u2010", "tions, des admi\u2010", "nistrations, des par\u2010", "tenaires,")
    assert _joined(*lines, "Millennials et baby-", "boomers.") == [
        "des coalitions, des administrations, des partenaires, Millennials et baby-boomers."
    ]


def test_hyphens_url_hyphenated_by_the_typesetter_is_rejoined() -> None:
    assert _joined("William Moreno. http://www.mu\u2010", "niate.gob.pe/ate/principal.php") == [
        "William Moreno. http://www.muniate.gob.pe/ate/principal.php"
    ]


def test_hyphens_url_broken_after_the_scheme_is_rejoined() -> None:
    assert _joined("David Levine. Fondateur. http://", "asbcouncil.org/") == [
        "David Levine. Fondateur. http://asbcouncil.org/"
    ]


def test_hyphens_url_not_glued_to_the_next_sentence() -> None:
    assert _joined("Voir http://koopera.org/", "Elle crée des emplois.") == [
        "Voir http://koopera.org/ Elle crée des emplois."
    ]


def test_hyphens_word_frequency_list_knows_the_joined_word() -> None:
    vocabulary = Vocabulary([BODY], "fr")
    assert (
        vocabulary.keeps_hyphen("dévelop", "pement"),
        vocabulary.keeps_hyphen("intégrons", "nous"),
        is_common_word("fr", "développement"),
        is_common_word(None, "développement"),
    ) == (False, True, True, False)


def test_lost_hyphens_restored_when_document_prints_compound() -> None:
    texts = [
        "la collaboration public-privé de la ville",
        "une collaboration publicprivé et un weekend",
        "le week-end venu, le weekend passé",
    ]
    assert LostHyphens.restored(texts) == [
        "la collaboration public-privé de la ville",
        "une collaboration public-privé et un weekend",
        "le week-end venu, le weekend passé",
    ]


def test_lost_hyphens_left_alone_inside_urls() -> None:
    texts = ["Austin-Texas. http://www.austintexas.gov/ austintexas"]
    assert LostHyphens.restored(texts) == ["Austin-Texas. http://www.austintexas.gov/ austin-texas"]
