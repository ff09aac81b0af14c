from ingest.align import LangUnit, align_units, pair_problem
from ingest.parse import parse_text


def _units(lang: str, texts: dict[str, str]) -> list[LangUnit]:
    return [LangUnit(label, f"{label}.", "", [text]) for label, text in texts.items()]


def test_pairs_by_label_whatever_the_order() -> None:
    zh = _units("zh", {"1": "第一项规定，期限为三十日。", "2": "第二项规定。"})
    en = _units(
        "en", {"2": "The second provision.", "1": "The first provision; the period is 30 days."}
    )
    units, warnings = align_units(zh, en)
    assert units is not None and warnings == []
    assert [(u.label, u.text_en) for u in units] == [
        ("1", "The first provision; the period is 30 days."),
        ("2", "The second provision."),
    ]


def test_numbers_must_agree() -> None:
    assert (
        pair_problem(
            "罚款二百元以上五百元以下，拘留十五日。", "A fine of 200 to 500 yuan; 15 days.", 3.0
        )
        is None
    )
    assert pair_problem(
        "罚款二百元以上五百元以下。", "Detention of 10 to 15 days in 2020.", 3.0
    ) == ("no number in common")


def test_names_must_agree() -> None:
    assert pair_problem("支持WTO改革。", "Support the reform of the UNCITRAL model law.", 0) == (
        "no name in common"
    )


def test_length_ratio_against_the_median() -> None:
    problem = pair_problem("本法自公布之日起施行。", "x" * 600, 3.0)
    assert problem == "length ratio 54.5 against the document's 3.0"


def test_different_versions_are_not_paired() -> None:
    zh = _units(
        "zh", {str(i): f"第{i}条规定了{i * 3}日的期限和{i * 7}元的罚款。" for i in range(1, 11)}
    )
    en = _units(
        "en",
        {
            str(i): f"Article text with a period of {i * 5 + 1} days and {i * 11} yuan."
            for i in range(1, 15)
        },
    )
    units, warnings = align_units(zh, en)
    assert units is None
    assert warnings == [
        "the Chinese (10 units) and English (14 units) versions do not correspond (10 of 10 "
        "same-numbered pairs differ in numbers, names or length): no unit is paired, each "
        "language is its own document"
    ]


def test_paragraph_interleaved_layout() -> None:
    text = "\n".join(
        [
            "第一条 为了规范仲裁活动，制定本法。",
            "Article 1 This Law is enacted to regulate arbitration.",
            "第二条 合同纠纷可以仲裁。",
            "Article 2 Contractual disputes may be arbitrated.",
            "当事人应当自愿。",
            "The parties shall act voluntarily.",
        ]
    )
    (document,) = parse_text(text)
    assert [(u.label, u.text_zh, u.text_en) for u in document.units] == [
        ("1", "为了规范仲裁活动，制定本法。", "This Law is enacted to regulate arbitration."),
        (
            "2",
            "合同纠纷可以仲裁。\n当事人应当自愿。",
            "Contractual disputes may be arbitrated.\nThe parties shall act voluntarily.",
        ),
    ]
    assert document.layout == "interleaved-paragraph"
