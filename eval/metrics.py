"""Retrieval, citation and refusal metrics: plain functions over plain data.

A ranking is a list of positions; each position holds the unit keys retrieved there (one for
our pipelines; several when a naive chunk overlaps several units, which then tie). A gold unit
is found at the first position holding a unit that matches it; each gold counts once however
many retrieved units match it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

UnitKey = tuple[str, str]  # (doc_id, label)
Matcher = Callable[[UnitKey], set[int]]  # which gold indices a retrieved unit matches


def gold_positions(ranking: Sequence[Sequence[UnitKey]], n_gold: int, match: Matcher) -> list[int]:
    """For each gold (by index), the 1-based position where it is first found (0: not found)."""
    found = [0] * n_gold
    for position, units in enumerate(ranking, start=1):
        for unit in units:
            for g in match(unit):
                if not found[g]:
                    found[g] = position
    return found


def recall_at(found: Sequence[int], k: int) -> float:
    return sum(1 for p in found if 0 < p <= k) / len(found) if found else 0.0


def hit_at(found: Sequence[int], k: int) -> float:
    return 1.0 if any(0 < p <= k for p in found) else 0.0


def best_position(found: Sequence[int]) -> int:
    """The position of the best-ranked gold found; 0 when none was."""
    return min((p for p in found if p > 0), default=0)


def mrr_at(found: Sequence[int], k: int) -> float:
    first = best_position(found)
    return 1.0 / first if 0 < first <= k else 0.0


def ndcg_at(found: Sequence[int], k: int) -> float:
    """Binary relevance: each gold earns 1/log2(position+1) where first found; golds tied at one
    position each earn that position's gain; the ideal puts one gold at each of the first
    positions."""
    dcg = sum(1.0 / math.log2(p + 1) for p in found if 0 < p <= k)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(found), k) + 1))
    return min(1.0, dcg / ideal) if ideal else 0.0


def citation_scores(
    cited: Sequence[UnitKey], n_gold: int, match: Matcher
) -> tuple[float | None, float]:
    """(precision, recall) of an answer's cited units against the gold, at unit level.

    Precision is None when nothing is cited; recall is 0 then."""
    units = list(dict.fromkeys(cited))
    if not units:
        return None, 0.0
    matched = [match(u) for u in units]
    precision = sum(1 for m in matched if m) / len(units)
    covered = set().union(*matched)
    return precision, len(covered) / n_gold if n_gold else 0.0


def keywords_present(answer: str, keywords: Sequence[str]) -> bool:
    text = answer.lower()
    return all(k.lower() in text for k in keywords)


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty sequence; 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def refusal_scores(refused: Sequence[bool], answerable: Sequence[bool]) -> dict[str, float | None]:
    """Refusals judged against the gold: a question with empty gold should be refused."""
    should = [not a for a in answerable]
    true_refusals = sum(1 for r, s in zip(refused, should, strict=True) if r and s)
    n_refused = sum(refused)
    n_should = sum(should)
    n_answerable = len(answerable) - n_should
    false_refusals = sum(1 for r, a in zip(refused, answerable, strict=True) if r and a)
    return {
        "refusal_precision": true_refusals / n_refused if n_refused else None,
        "refusal_recall": true_refusals / n_should if n_should else None,
        "false_refusal_rate": false_refusals / n_answerable if n_answerable else None,
    }
