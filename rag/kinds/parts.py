"""A question's sentences, clauses and parts: which of them ask, and what each asks about."""

from __future__ import annotations

import re

from rag.text import has_cjk, normalize

# Where a question's sentences end (after NFKC, Chinese ？！ are ? !): after 。, at . ? ! before a
# Chinese character (spaces between), or at . ? ! before a space and a capital, unless the word
# before the full stop is an abbreviation or an initial ("Mr. Wang", "ABC Co. Ltd.", "P.R.C.").
_SENTENCE_END = re.compile(r"(?<=。)\s*|(?<=[.?!])\s*(?=[\u4e00-\u9fff])|(?<=[.?!])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Co|Ltd|Inc|Corp|No|Nos|Art|Arts|Cap|Sec|Para|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs))\.$"
)
# A sentence that asks without a question mark: "Please state the time limit." / "请告诉我期限。"
_REQUEST = re.compile(
    r"^(?:please|kindly|tell me|could you|can you"
    r"|i(?: want| would like|['’]d like| need) to know)\b"
    r"|^我?(?:请问|请告诉|请说明|请列出|想知道|想问|想了解|问一下)",
    re.I,
)


def _sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if piece.endswith(".") and _ABBREVIATION.search(piece):
            continue
        pieces.append(piece)
        start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def asking_part(question: str) -> str:
    """The sentences that ask (those ending in a question mark, and requests: "Please state …",
    "请告诉我…"), or the whole text when none does. A client's context says what happened, not
    what is asked: in "They never told me how much was paid in. Aren't they supposed to tell
    me?" the "how much" asks for no number."""
    text = normalize(question)
    return " ".join(_asking(_sentences(text))) or text


def _asking(sentences: list[str]) -> list[str]:
    return [s for s in sentences if s.endswith("?") or _REQUEST.search(s)]


# The words that ask, in each language; an English question's auxiliaries, which open it; and a
# leading phrase before its asking word ("Under the Nationality Law, does …").
_EN_ASKING = r"(?:what|which|how|who|whom|whose|when|where|why)"
ZH_ASKING = r"(?:多少|多久|多长|几(?!乎)|哪|谁|什么|何(?:时|地|处|人|种))"
AUXILIARIES = (
    r"(?:can|could|may|might|must|shall|should|will|would|is|are|was|were|do|does|did|has|have|"
    r"had|am)"
)
_LEADING_PHRASE = r"^\W*(?:(?:under|in|for|according to|pursuant to|as to)\b[^,?]{0,80},\s*)?"


# A sentence that asks two things, one after the other: "How long does the order stay in effect,
# and can it be extended?", "保护令有效期多长，能否延长？". Only after a comma, and only where the
# clause before it asks on its own (`_asks_alone`): "What is the fine for a company that pollutes
# and does not report it?" and "如果公司拖欠工资，是否可以申请仲裁？" ask one thing. (A question is
# normalised first, so its ， is ",".)
_COORDINATED = re.compile(
    r",\s+and\s+(?=(?:how|what|which|who|whom|when|where|why|can|could|may|might|must|shall|"
    r"should|will|would|is|are|do|does|did|has|have)\b)"
    r"|,\s*(?=能否|可否|是否|能不能|可不可以|还能|还可以|要不要|需不需要)",
    re.I,
)
# A Chinese clause asks with a question word, unless it ends in a condition (拖欠工资多长时间的，
# 能否解除合同？ asks whether, once).
_ZH_ASKS = re.compile(rf"{ZH_ASKING}|怎么|如何|吗|呢")
_ZH_CONDITION_END = re.compile(r"(?:的|时|后|前|下|以上|以下)$")
# An English clause asks when it opens with a question word (after a leading phrase: "Under the
# law, how long …"), not with a condition ("If I am injured, and can't work, who pays?").
_EN_ASKS = re.compile(rf"{_LEADING_PHRASE}(?:{_EN_ASKING}|{AUXILIARIES})\b", re.I)


def _asks_alone(clause: str) -> bool:
    if has_cjk(clause):
        return bool(_ZH_ASKS.search(clause)) and not _ZH_CONDITION_END.search(clause)
    return bool(_EN_ASKS.search(clause))


CLAUSE_END = re.compile(r"[，,；;]")


def asking_clauses(question: str) -> str:
    """The clauses of a Chinese question's asking sentences that ask (`_asks_alone`), without
    those before them that say what happened or set a condition (一家银行出了信用危机被监管部门
    接管了，这个接管最长能持续多久？ asks of 接管); the asking sentences when no clause asks
    alone, and in English, where a clause asks without opening with its asking word ("When a
    trust terminates, within how many days must …")."""
    text = asking_part(question)
    if not has_cjk(text):
        return text
    clauses = [c.strip() for c in CLAUSE_END.split(text)]
    return " ".join(c for c in clauses if c and _asks_alone(c)) or text


def _clauses(sentence: str) -> list[str]:
    """An asking sentence's clauses that each ask (`_COORDINATED`), each ending in a question
    mark and opening with a capital, as it would be asked alone (`asking_part` reads it so)."""
    found: list[str] = []
    start = 0
    for match in _COORDINATED.finditer(sentence):
        before = sentence[start : match.start()].strip()
        if _asks_alone(before):
            found.append(before)
            start = match.end()
    found.append(sentence[start:].strip())
    return [
        (clause if i == 0 else clause[:1].upper() + clause[1:])
        + ("" if clause.endswith("?") else "?")
        for i, clause in enumerate(found)
    ]


def question_parts(question: str) -> list[tuple[str, str]]:
    """A question that asks in more than one sentence, or in clauses of one (`_COORDINATED`), as
    one question per asking sentence or clause: what the part asks (its sentence or clause, with
    the sentences that say what happened: "I want to sell my stake. Do the others have a right to
    buy first? How long do they have to answer?"), and what it is about (the same with the asking
    sentences and clauses before it, which may name what it refers back to: "董事能连任吗？任期最
    多多少年？" asks the term of a director; not those after it, which may name what another part
    asks: "…, and can it be extended?"); none for a question asked once."""
    sentences = _sentences(normalize(question))
    asking = _asking(sentences)
    told = [s for s in sentences if s not in asking]
    parts = [clause for sentence in asking for clause in _clauses(sentence)]
    if len(parts) < 2:
        return []
    return [
        (" ".join([*told, part]), " ".join([*told, *parts[: i + 1]]))
        for i, part in enumerate(parts)
    ]


# "who" / "which … court" in English, and what tells a question's own "who" from a relative
# clause: a sentence that opens by asking something else ("What is the fine for a driver who …",
# "Can the party against whom …", "Under what conditions can a person who …"), unless a verb
# that embeds a question ("does the law state who …", "can you tell me who …") or a coordinator
# ("…, and who pays?") stands just before it. A sentence opening with a condition ("If my
# employer has gone bankrupt who pays …") or a statement ("My question is who …") asks its own.
_WHO = re.compile(
    r"\bwho(?:m|se)?\b"
    r"|\bwhich (?:(?!(?:a|an|the|this|that|these|those|it|its|his|her|their|my|our|your|they|he|"
    r"she|we|i|you|can|could|may|might|must|shall|should|will|would|do|does|did|is|are|was|"
    r"were|has|have|had) )[a-z'-]+ ){0,3}"
    r"(?:authorit(?:y|ies)|bod(?:y|ies)|organs?|courts?|departments?|agenc(?:y|ies)|"
    r"ministr(?:y|ies)|officials?|persons?|entit(?:y|ies)|institutions?|officers?|governments?|"
    r"committees?|organi[sz]ations?)\b",
    re.I,
)
_OPENS_ASKING = re.compile(
    # "Under the Nationality Law, does a citizen who …": a leading phrase, then the asking word
    rf"{_LEADING_PHRASE}(?:(?:under|in|for|to|at|by|from|with|on) (?:what|which)\b"
    rf"|(?:what|which|how|why|{AUXILIARIES})\b)",
    re.I,
)
_EMBEDDING = re.compile(
    r"\b(?:and|or|but|then|so|state|explains?|says?|know|knows|decides?|determines?|"
    r"specif(?:y|ies)|indicates?|clarify|clarifies|find out|clear|sure|certain|"
    r"(?:tells?|asks?|shows?|informs?)(?: (?:me|us|him|her|them))?|provides?|stipulates?|"
    r"sets? out)\s*$",
    re.I,
)


def asks_who(text: str) -> bool:
    for sentence in _sentences(text):
        for match in _WHO.finditer(sentence):
            before = sentence[: match.start()]
            if not _OPENS_ASKING.search(before) or _EMBEDDING.search(before):
                return True
    return False


# A condition or circumstance that opens an asking sentence, up to its comma: it says when the
# question applies, not what it asks ("If a company misses the deadline to pay a fine, how much
# extra can be added each day?" asks an amount; "If I miss the deadline, can I still appeal?"
# asks no detail). Never a condition that itself asks ("If the fine exceeds what amount, must a
# hearing be held?", "如果罚款超过多少元，…"), and in English only where the rest opens as a
# question does ("Where in the city may an assembly be held, if at all?" keeps its "where"). A
# comma inside a number (50,000) does not end it; a Chinese condition (如果…, 当…时, 在…情况下)
# runs on over clauses that open with 而且/并且/或者; a sentence that is nothing but a condition
# keeps it.
# A character of a clause: anything but a clause's end, and a comma only inside a number.
_EN_CLAUSE = r"(?:[^,?;]|,(?=\d))"
_ZH_CLAUSE = r"(?:[^，,？?；;]|,(?=\d))"
_OPENING_CONDITION = re.compile(
    r"^(?:(?:but|and|so|then)\s+)?(?:(?:under|according to|pursuant to)\b[^,?;]{1,80},\s*)?"
    r"(?:if|once|after|before|unless|although|though|because|since|while|in case|suppose|"
    r"supposing|(?:when|whenever|where)(?!\s+(?:do|does|did|is|are|was|were|will|would|can|"
    r"could|should|must|may|might|shall|has|have|had|and|or|else|exactly|precisely|to)\b))\b"
    rf"(?!{_EN_CLAUSE}*\b{_EN_ASKING}\b){_EN_CLAUSE}{{2,160}},\s*"
    rf"(?=(?:and |then |so )?(?:(?:to|under|within|in|at|by|for|from|with|on) )?{_EN_ASKING}\b"
    r"|(?:can|could|may|might|must|shall|should|will|would|is|are|was|were|do|does|did|has|"
    r"have|had)\b)"
    r"|^(?:(?:请问|我想问一下|我想问|想问一下)[，,]?\s*)?"
    r"(?:如果|假如|假设|要是|倘若|万一|一旦|若(?!干)"
    rf"|当(?={_ZH_CLAUSE}{{1,60}}时[，,])|在(?={_ZH_CLAUSE}{{1,60}}情况下[，,]))"
    rf"(?!{_ZH_CLAUSE}*{ZH_ASKING}){_ZH_CLAUSE}{{1,60}}[，,]"
    rf"(?:\s*(?:而且|并且|或者|且){_ZH_CLAUSE}{{1,60}}[，,])*\s*(?=\S)",
    re.I,
)


def main_clauses(text: str) -> str:
    """The asking sentences without the conditions that open them."""
    return " ".join(_OPENING_CONDITION.sub("", s, count=1) for s in _sentences(text))
