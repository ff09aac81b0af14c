"""Keyword tokens (pure functions): what BM25 and coverage compare."""

import pytest

from rag.keyword import american, restem, tokenize


@pytest.mark.parametrize(
    ("british", "us"),
    [
        ("labour", "labor"),
        ("labourers", "laborers"),
        ("organisations", "organizations"),
        ("recognised", "recognized"),
        ("recognising", "recognizing"),
        ("favourable", "favorable"),
        ("licence", "license"),
        ("defences", "defenses"),
        ("centre", "center"),
        ("metres", "meters"),
        ("judgements", "judgments"),
    ],
)
def test_a_british_spelling_gives_the_american_tokens(british: str, us: str) -> None:
    assert tokenize(f"The {british} clause", "en") == tokenize(f"The {us} clause", "en")


@pytest.mark.parametrize("word", ["hour", "four", "rise", "raise", "your", "flour"])
def test_short_or_unlisted_words_keep_their_spelling(word: str) -> None:
    assert american(word) == word


def test_american_folds_every_word_of_a_text() -> None:
    assert american("the labour bureau recognises the organisation's licence") == (
        "the labor bureau recognizes the organization's license"
    )


def test_restem_brings_older_tokens_up_to_date_and_leaves_current_ones() -> None:
    older = ["labour", "contract", "organisation", "court", "city"]  # plurals already folded
    assert restem(older) == ["labor", "contract", "organization", "court", "city"]
    assert restem(restem(older)) == restem(older)
    assert restem(["practize", "practized"]) == ["practice", "practiced"]  # as version 2 stored


def test_a_possessive_is_its_word() -> None:
    assert tokenize(
        "The Supreme People's Court rules on the company’s and the parties' rights", "en"
    ) == [
        "supreme",
        "people",
        "court",
        "rule",
        "company",
        "party",
        "right",
    ]
    assert tokenize("don't", "en") == ["don't"]
    # a stop word with its "'s" is a stop word; a word folded to one is not ("wills")
    assert tokenize("What's the rule when it's the wills' witness?", "en") == [
        "rule",
        "will",
        "witness",
    ]


def test_restem_folds_the_possessives_version_4_stored() -> None:
    assert restem(["people'", "company’", "court", "it'", "what'", "will"]) == [
        "people",
        "company",
        "court",
        "will",
    ]
