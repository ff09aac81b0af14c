from ingest.chunking import chunk_unit
from rag.tokens import count_tokens
from rag.types import Unit


def test_short_unit_is_one_chunk() -> None:
    unit = Unit(
        "6",
        heading_zh="三、",
        text_zh="推动完善涉外法律适用规则体系建设。",
        text_en="Pushing forward.",
    )
    (chunk,) = chunk_unit("doc", unit, 100)
    assert (chunk.chunk_id, chunk.text_zh, chunk.text_en, chunk.heading_zh) == (
        "doc:6:0",
        unit.text_zh,
        unit.text_en,
        "三、",
    )


def test_long_unit_splits_at_paragraphs_then_sentences() -> None:
    zh = "\n".join(f"第{i}款。" + "当事人应当遵循诚信原则。" * 8 for i in range(6))
    en = "\n".join(
        f"Paragraph {i}. " + "The parties shall act in good faith. " * 8 for i in range(6)
    )
    unit = Unit("54", heading_zh="第二章", heading_en="Chapter II", text_zh=zh, text_en=en.strip())
    chunks = chunk_unit("doc", unit, 120)
    assert len(chunks) > 1
    assert [c.part for c in chunks] == list(range(len(chunks)))
    assert {(c.label, c.heading_zh, c.heading_en) for c in chunks} == {
        ("54", "第二章", "Chapter II")
    }
    for chunk in chunks:
        assert count_tokens(chunk.text_zh) <= 120
        assert count_tokens(chunk.text_en) <= 120
    assert "".join(c.text_zh.replace("\n", "") for c in chunks) == zh.replace("\n", "")
    assert all(c.text_zh.endswith("。") for c in chunks)


def test_a_sentence_longer_than_the_budget_is_cut_between_characters() -> None:
    text = "国" * 500
    chunks = chunk_unit("doc", Unit("1", text_zh=text), 64)
    assert "".join(c.text_zh for c in chunks) == text
    assert all(count_tokens(c.text_zh) <= 64 for c in chunks)
    assert all(c.text_en == "" for c in chunks)


def test_chunk_ids_are_stable() -> None:
    unit = Unit("3", text_zh="坚持依法平等保护。", text_en="Insisting on equal protection.")
    assert chunk_unit("abc", unit, 400) == chunk_unit("abc", unit, 400)
    assert (
        chunk_unit("abc", unit, 400)[0].content_hash == chunk_unit("abc", unit, 400)[0].content_hash
    )
