from __future__ import annotations

from sse_atlas.search.text import fold, stem, tokens, words


def test_fold_removes_accents_case_and_ligatures() -> None:
    assert fold("Économie SOLIDAIRE œuvre Çà") == "economie solidaire oeuvre ca"


def test_words_split_elisions_and_punctuation() -> None:
    assert words("L'économie (sociale), d'ESS!") == ["l", "economie", "sociale", "d", "ess"]


def test_tokens_keep_offsets_in_the_original_text() -> None:
    text = "La Monnaie"
    assert [(t.start, t.end, t.word, t.folded) for t in tokens(text)] == [
        (0, 2, "La", "la"),
        (3, 10, "Monnaie", "monnaie"),
    ]


def test_stem_french_accented_and_plain_spellings_agree() -> None:
    assert stem("coopératives", "fr") == stem("cooperative", "fr") == "cooper"


def test_stem_spanish_english_portuguese_catalan() -> None:
    assert [
        stem("cooperativas", "es"),
        stem("cooperatives", "en"),
        stem("finanças", "pt"),
        stem("persones", "ca"),
    ] == ["cooper", "cooper", "financ", "person"]


def test_stem_without_stemmer_folds_only() -> None:
    assert stem("Kooperatiben", "eu") == "kooperatiben"
