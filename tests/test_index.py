"""The index contract, run against embedded Chroma and a real `chroma run` server.

Where a test checks what the stores themselves hold, it reads them (`index._manifest`,
`index._vectors`); everything else goes through Index's methods, as the product does."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.chunking import chunk_document
from ingest.pipeline import ingest_paths
from rag import manifest as manifest_module
from rag.embedders import Embedder
from rag.index import Index
from rag.keyword import ENGLISH_TOKENS, tokenize
from rag.retrieval import Retriever
from rag.sentences import unit_sentences
from rag.settings import Settings
from rag.types import LANGS
from rag.vectors import RecordKind, VectorStore, VectorStoreError
from tests.helpers import SAMPLE

pytestmark = pytest.mark.integration


@pytest.fixture
def index(store_settings: Settings, embedder: Embedder) -> Iterator[Index]:
    index = Index(store_settings, embedder=embedder)
    yield index
    index.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "opinions.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "law.md").write_text(
        "# 中华人民共和国示范法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
        "第一条 为了规范仲裁活动，保护当事人的合法权益，制定本法。\n\n"
        "第二条 平等主体之间发生的合同纠纷，可以仲裁。\n",
        encoding="utf-8",
    )
    return folder


def _state(index: Index) -> tuple[list[str], list[str], list[str], list[str], int]:
    return (
        sorted(index.doc_ids()),
        index._manifest.chunk_ids(),
        index._vectors.ids("zh"),
        index._vectors.ids("en"),
        index._manifest.generation(),
    )


def test_ingest_sample(index: Index, corpus: Path) -> None:
    report = ingest_paths([corpus], index)
    assert report.errors == []
    assert (report.documents, report.units, report.pairs) == (2, 20, 18)
    sample = next(d for d in index.documents() if d.meta.doc_number_zh == "法发[2020]37号")
    assert index.counts(sample.doc_id).units == 18
    documents = [index.document(d.doc_id) for d in index.documents()]
    chunks = [c for d in documents if d for c in chunk_document(d, 400)]
    assert len(chunks) > 20  # the long items are split
    assert index._vectors.ids("zh") == sorted(c.chunk_id for c in chunks if c.text_zh)
    assert index._vectors.ids("en") == sorted(c.chunk_id for c in chunks if c.text_en)
    assert index._manifest.chunk_ids() == sorted(c.chunk_id for c in chunks)
    assert index.unit(sample.doc_id, "6").display_en == "(6)"  # type: ignore[union-attr]
    hits = index.search_keywords("zh", ["知识产权", "惩罚性", "赔偿"], 3)
    assert hits[0][0] == f"{sample.doc_id}:11:0"


def test_every_sentence_of_every_unit_has_its_vector(
    index: Index, corpus: Path, embedder: Embedder
) -> None:
    ingest_paths([corpus], index)
    units = [(d.doc_id, u) for d in index.documents() for u in index.units(d.doc_id)]
    sentences = {
        (doc_id, unit.label, side, s.n): s.text
        for doc_id, unit in units
        for side in LANGS
        for s in unit_sentences(unit.text(side), side)
    }
    assert len(sentences) > len(units) * 2  # the sample's items run to several sentences
    for lang in LANGS:
        assert index._vectors.count(lang, RecordKind.SENTENCE) == sum(
            k[2] == lang for k in sentences
        )
    stored = index.sentence_vectors(units)
    assert stored.keys() == sentences.keys()
    key = next(k for k in sentences if k[2] == "zh")
    expected = embedder.embed_documents([sentences[key]])[0]
    assert float(stored[key] @ expected) == pytest.approx(1.0, abs=1e-4)


def test_removing_a_document_removes_its_sentences(index: Index, corpus: Path) -> None:
    ingest_paths([corpus], index)
    law = next(d for d in index.documents() if d.title == "中华人民共和国示范法")
    before = index._vectors.count("zh", RecordKind.SENTENCE)
    assert index.remove(law.doc_id)
    assert index._vectors.count("zh", RecordKind.SENTENCE) == before - 2


def test_reingest_changes_nothing(index: Index, corpus: Path) -> None:
    ingest_paths([corpus], index)
    before = _state(index)
    report = ingest_paths([corpus], index)
    assert [f.status for f in report.files] == ["unchanged", "unchanged"]
    assert _state(index)[:4] == before[:4]


def test_changed_file_replaces_its_document(index: Index, corpus: Path) -> None:
    ingest_paths([corpus], index)
    law = corpus / "law.md"
    (old_id,) = [d.doc_id for d in index.documents() if d.title == "中华人民共和国示范法"]
    law.write_text(
        law.read_text(encoding="utf-8") + "\n第三条 本法自公布之日起施行。\n", encoding="utf-8"
    )
    report = ingest_paths([law], index)
    assert [f.status for f in report.files] == ["replaced"]
    (new_id,) = [d.doc_id for d in index.documents() if d.title == "中华人民共和国示范法"]
    assert new_id != old_id
    assert index.counts(new_id).units == 3
    assert not [i for i in index._vectors.ids("zh") if i.startswith(old_id)]
    assert [i for i in index._vectors.ids("zh") if i.startswith(new_id)] == [
        f"{new_id}:1:0",
        f"{new_id}:2:0",
        f"{new_id}:3:0",
    ]


def test_crash_before_commit_keeps_the_previous_version(
    index: Index, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_paths([corpus], index)
    before = _state(index)
    law = corpus / "law.md"
    law.write_text(
        law.read_text(encoding="utf-8").replace("仲裁活动", "航天发射"), encoding="utf-8"
    )

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(index._manifest, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([law], index)
    assert _state(index)[:2] == before[:2]
    assert index.search_keywords("zh", ["航天"], 5) == []
    assert index.search_keywords("zh", ["仲裁"], 5)
    monkeypatch.undo()
    assert len(index._vectors.ids("zh")) > len(before[2])  # orphan vectors of the new version
    report = ingest_paths([law], index)
    assert [f.status for f in report.files] == ["replaced"]
    assert len(index._vectors.ids("zh")) == len(before[2])
    assert index.search_keywords("zh", ["航天"], 5)


def test_crash_inside_the_transaction_rolls_back(
    index: Index, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_paths([corpus], index)
    before = _state(index)
    law = corpus / "law.md"
    law.write_text(law.read_text(encoding="utf-8") + "\n第三条 新条文。\n", encoding="utf-8")

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(manifest_module, "_insert", crash)
    report = ingest_paths([law], index)
    assert report.errors == [f"{law}: unexpected RuntimeError: disk full"]
    assert _state(index)[:2] == before[:2]
    assert index._manifest.generation() == before[4]


def test_bad_file_does_not_stop_the_others(index: Index, corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    report = ingest_paths([corpus], index)
    assert sorted(report.errors) == [
        f"{corpus / 'empty.txt'}: file is empty",
        f"{corpus / 'garbage.txt'}: binary file, not text",
    ]
    assert report.documents == 2
    assert {d.source_path for d in index.documents()} == {
        str((corpus / "law.md").resolve()),
        str((corpus / "opinions.txt").resolve()),
    }


def test_retrieval_sees_what_another_index_ingests_and_removes(
    index: Index, corpus: Path, store_settings: Settings, embedder: Embedder
) -> None:
    """The document list retrieval keeps between questions follows the manifest: a document
    ingested or removed through another Index on the same home (another process) is seen."""
    ingest_paths([corpus / "law.md"], index)
    retriever = Retriever(index, store_settings.retrieval)
    question = "知识产权侵权的惩罚性赔偿制度如何落实？"
    assert {s.document.title for s in retriever.retrieve(question, k=3).sources} == {
        "中华人民共和国示范法"
    }
    catalog = index.catalog()
    assert index.catalog() is catalog  # nothing changed: not read again

    other = Index(store_settings, embedder=embedder)
    try:
        ingest_paths([corpus / "opinions.txt"], other)
        (sample,) = [d.doc_id for d in other.documents() if d.title != "中华人民共和国示范法"]
        top = retriever.retrieve(question, k=3).sources[0]
        assert (top.document.doc_id, top.unit.label) == (sample, "11")
        assert set(index.catalog()) == set(other.doc_ids())

        other.remove(sample)
        assert sample not in {s.document.doc_id for s in retriever.retrieve(question).sources}
        assert sample not in index.catalog()
    finally:
        other.close()


def test_another_embedder_is_a_clear_error(
    index: Index, corpus: Path, store_settings: Settings
) -> None:
    ingest_paths([corpus], index)
    with pytest.raises(VectorStoreError) as caught:
        VectorStore(store_settings, "use", 512)
    assert str(caught.value) == (
        f"this index was built with the embedder '{index.embedder.name}' ({index.embedder.dim}-d) "
        "but LAWQA_EMBEDDER is 'use' (512-d): use the same embedder, or ingest into a new "
        "LAWQA_HOME"
    )


def test_an_index_with_older_english_tokens_is_brought_up_to_date_once(
    index: Index, corpus: Path, store_settings: Settings, embedder: Embedder
) -> None:
    ingest_paths([corpus], index)
    db = sqlite3.connect(index.home / "manifest.sqlite", isolation_level=None)
    current = dict(db.execute("SELECT chunk_id, tokens_en FROM chunks"))
    # What the tokenizer before British spellings were folded stored for British text.
    older = {cid: tokens.replace("organization", "organisation") for cid, tokens in current.items()}
    assert older != current
    db.executemany(
        "UPDATE chunks SET tokens_en=? WHERE chunk_id=?", [(t, c) for c, t in older.items()]
    )
    db.execute("DELETE FROM state WHERE key='english_tokens'")
    generation = index._manifest.generation()
    index.close()
    reopened = Index(store_settings, embedder=embedder)
    try:
        assert dict(db.execute("SELECT chunk_id, tokens_en FROM chunks")) == current
        assert reopened._manifest.generation() == generation + 1  # the keyword index rebuilds
        again = Index(store_settings, embedder=embedder)
        assert again._manifest.generation() == generation + 1  # once: the version is recorded
        again.close()
        british = reopened.search_keywords("en", tokenize("organisations", "en"), 3)
        assert british == reopened.search_keywords("en", tokenize("organizations", "en"), 3) != []
    finally:
        reopened.close()
        db.close()


def test_an_index_whose_english_tokens_are_current_is_not_rebuilt_when_unversioned(
    index: Index, corpus: Path, store_settings: Settings, embedder: Embedder
) -> None:
    ingest_paths([corpus], index)
    db = sqlite3.connect(index.home / "manifest.sqlite", isolation_level=None)
    db.execute("DELETE FROM state WHERE key='english_tokens'")  # as an index of an older version
    generation = index._manifest.generation()
    index.close()
    reopened = Index(store_settings, embedder=embedder)
    try:
        assert reopened._manifest.generation() == generation  # no token changed: no rebuild
        version = db.execute("SELECT value FROM state WHERE key='english_tokens'").fetchone()
        assert version == (str(ENGLISH_TOKENS),)
    finally:
        reopened.close()
        db.close()
