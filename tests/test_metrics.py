"""Evaluation metrics on hand-computed cases: ties, duplicates, empty and multiple gold,
document-qualified gold; and the question file format."""

import math
from pathlib import Path

import pytest

from eval.gold import Gold, normalize_name
from eval.harness import failures
from eval.metrics import (
    Matcher,
    citation_scores,
    gold_positions,
    hit_at,
    keywords_present,
    mrr_at,
    ndcg_at,
    percentile,
    recall_at,
    refusal_scores,
)
from eval.report import outcome_markdown
from eval.runner import (
    Question,
    QuestionFileError,
    Row,
    load_questions,
    row_hits,
    summarize,
)

LAWS = {"d1": {"民法典"}, "d2": {"公司法"}}


def by_label(golds: list[Gold]) -> Matcher:
    def match(unit: tuple[str, str]) -> set[int]:
        doc, label = unit
        return {i for i, g in enumerate(golds) if g.matches(label, LAWS.get(doc, set()))}

    return match


def test_positions_of_two_golds_with_a_duplicate_and_a_miss() -> None:
    golds = [Gold.parse("6"), Gold.parse("9")]
    ranking = [[("d1", "3")], [("d1", "6")], [("d2", "6")], [("d1", "8")]]
    found = gold_positions(ranking, 2, by_label(golds))
    assert found == [2, 0]  # "6" first at 2 (its second match at 3 does not count); "9" missed
    assert recall_at(found, 1) == 0.0
    assert recall_at(found, 5) == 0.5
    assert hit_at(found, 1) == 0.0 and hit_at(found, 2) == 1.0
    assert mrr_at(found, 10) == 0.5 and mrr_at(found, 1) == 0.0
    # dcg = 1/log2(3); ideal for two golds = 1 + 1/log2(3)
    assert ndcg_at(found, 10) == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))


def test_golds_tied_at_one_position() -> None:
    golds = [Gold.parse("6"), Gold.parse("7")]
    ranking = [[("d1", "1")], [("d1", "6"), ("d1", "7")]]  # a naive chunk spanning two units
    found = gold_positions(ranking, 2, by_label(golds))
    assert found == [2, 2]
    assert recall_at(found, 2) == 1.0 and recall_at(found, 1) == 0.0
    assert mrr_at(found, 10) == 0.5
    # each tied gold earns position 2's gain: 2/log2(3) over the ideal 1 + 1/log2(3)
    assert ndcg_at(found, 10) == pytest.approx((2 / math.log2(3)) / (1 + 1 / math.log2(3)))


def test_perfect_ranking_scores_one() -> None:
    golds = [Gold.parse("1"), Gold.parse("2")]
    found = gold_positions([[("d1", "1")], [("d1", "2")]], 2, by_label(golds))
    assert (recall_at(found, 2), mrr_at(found, 10), ndcg_at(found, 10)) == (1.0, 1.0, 1.0)


def test_empty_gold_scores_zero_and_is_judged_by_refusals() -> None:
    found = gold_positions([[("d1", "1")]], 0, by_label([]))
    assert found == []
    assert (recall_at(found, 5), hit_at(found, 5), mrr_at(found, 10), ndcg_at(found, 10)) == (
        0.0,
        0.0,
        0.0,
        0.0,
    )
    # two unanswerable (one refused), three answerable (one refused)
    scores = refusal_scores([True, False, True, False, False], [False, False, True, True, True])
    assert scores == {
        "refusal_precision": 0.5,
        "refusal_recall": 0.5,
        "false_refusal_rate": pytest.approx(1 / 3),
    }
    assert refusal_scores([False], [True]) == {
        "refusal_precision": None,
        "refusal_recall": None,
        "false_refusal_rate": 0.0,
    }


def test_document_qualified_gold_needs_the_document() -> None:
    golds = [Gold.parse("《中华人民共和国公司法》#6")]
    assert golds[0] == Gold("公司法", "6")
    found = gold_positions([[("d1", "6")], [("d2", "6")]], 1, by_label(golds))
    assert found == [2]
    assert normalize_name("中华人民共和国公司法(2018-10-26)") == "公司法"
    assert normalize_name("民法典（2020年）") == "民法典"


def test_citation_precision_and_recall() -> None:
    golds = [Gold.parse("6"), Gold.parse("9")]
    match = by_label(golds)
    # cited 6 twice (counted once), 3 wrongly: precision 1/2, recall 1/2
    assert citation_scores([("d1", "6"), ("d1", "6"), ("d1", "3")], 2, match) == (0.5, 0.5)
    assert citation_scores([], 2, match) == (None, 0.0)
    assert citation_scores([("d1", "6"), ("d2", "9")], 2, match) == (1.0, 1.0)


def test_keywords_and_percentiles() -> None:
    assert keywords_present("Punitive COMPENSATION applies", ["punitive", "compensation"])
    assert not keywords_present("惩罚性赔偿", ["惩罚性赔偿", "商业秘密"])
    assert percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert percentile([10.0, 20.0, 30.0, 40.0], 95) == pytest.approx(38.5)
    assert percentile([], 95) == 0.0


def test_floors() -> None:
    metrics = {"lawqa": {"recall@5": 0.9, "refusal_recall": None}}
    assert failures(metrics, {"recall@5": 0.95, "refusal_recall": 0.8}) == [
        "lawqa recall@5 = 0.9 is below the floor 0.95",
        "lawqa refusal_recall is missing (floor 0.8)",
    ]


def test_question_file_format(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "a", "question": "Q1?", "gold": ["6"], "answer_keywords": ["x"]}\n\n'
        '{"question": "Q2?", "lang": "zh", "type": "unanswerable", "gold": []}\n',
        "utf-8",
    )
    first, second = load_questions(path)
    assert (first.id, first.type, first.gold, first.answerable) == ("a", "untyped", ("6",), True)
    assert (second.id, second.lang, second.answerable) == ("3", "zh", False)
    path.write_text('{"id": "a"}\n', "utf-8")
    with pytest.raises(QuestionFileError, match=r"q.jsonl:1: not a question"):
        load_questions(path)


def _row(question: Question, found: list[int], outcome: str | None, sources_read: int = 3) -> Row:
    answer = None if outcome is None else {"outcome": outcome, "refused": outcome != "answered"}
    return Row("lawqa", question, found, [], [], 1.0, answer, [], None, None, None, sources_read)


def _question(number: int, gold: tuple[str, ...], kind: str = "factual") -> Question:
    return Question(f"q{number}", "?", "en", kind, gold, ())


def test_outcomes_by_gold_class_and_by_where_the_gold_ranked() -> None:
    rows = [
        _row(_question(1, ("1",)), [1], "answered"),
        _row(_question(2, ("1",)), [1], "not_stated"),
        _row(_question(3, ("1", "2")), [0, 3], "answered"),  # the second gold third: read
        _row(_question(9, ("1", "2")), [4, 1], "answered"),  # the best of two golds: first
        _row(_question(4, ("1",)), [4], "not_addressed"),  # fourth: not read
        _row(_question(5, ("1",)), [0], "answered"),  # not retrieved: answered from others
        _row(_question(6, ("1",)), [2], "not_stated", sources_read=1),  # only the first read
        _row(_question(7, (), "near_miss"), [], "not_stated"),
        _row(_question(8, (), "off_topic"), [], "answered"),
    ]
    metrics = summarize(rows)
    assert metrics["outcomes"] == {
        "answerable": {"answered": 4, "not_stated": 2, "not_addressed": 1},
        "near_miss": {"answered": 0, "not_stated": 1, "not_addressed": 0},
        "off_topic": {"answered": 1, "not_stated": 0, "not_addressed": 0},
    }
    assert metrics["answerable_by_gold_place"] == {
        "gold first": {"answered": 2, "not_stated": 1, "not_addressed": 0},
        "gold read": {"answered": 1, "not_stated": 0, "not_addressed": 0},
        "gold not read": {"answered": 1, "not_stated": 1, "not_addressed": 1},
    }
    assert [row_hits(r).get("gold_place") for r in rows] == [
        "gold first",
        "gold first",
        "gold read",
        "gold first",
        "gold not read",
        "gold not read",
        "gold not read",
        None,
        None,
    ]
    # a pipeline that answers nothing has neither table, nor a set with no answerable question
    # the gold places; the report says so
    unanswered = summarize([_row(_question(1, ("1",)), [1], None)])
    assert "outcomes" not in unanswered and "answerable_by_gold_place" not in unanswered
    assert "answerable_by_gold_place" not in summarize(rows[7:])
    assert (
        outcome_markdown(
            {"lawqa": summarize(rows[7:])}, "answerable_by_gold_place", "answerable", "None."
        )
        == "None."
    )
    assert outcome_markdown({"lawqa": metrics}, "answerable_by_gold_place", "answerable") == (
        "lawqa:\n\n"
        "| answerable | answered | not_stated | not_addressed |\n"
        "|---|---|---|---|\n"
        "| gold first | 2 | 1 | 0 |\n"
        "| gold read | 1 | 0 | 0 |\n"
        "| gold not read | 1 | 1 | 1 |"
    )
