"""Reading files: encodings detected, every bad input one clear line naming the file."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from ingest.readers import IngestError, read_source

MB = 2**20
TEXT = "第一条　为了保护民事主体的合法权益，制定本法。\nArticle 1 This Law is formulated.\n"


@pytest.mark.parametrize(
    ("encoding", "data", "detected"),
    [
        ("utf-8", TEXT.encode("utf-8"), "utf-8"),
        ("utf-8 BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        ("utf-16 BOM", TEXT.encode("utf-16"), "utf-16"),
        ("utf-16-le", TEXT.encode("utf-16-le"), "utf-16-le"),
        ("utf-16-be", TEXT.encode("utf-16-be"), "utf-16-be"),
        ("gb18030", TEXT.encode("gb18030"), "gb18030"),
        ("gbk", TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, data: bytes, detected: str) -> None:
    path = tmp_path / "law.txt"
    path.write_bytes(data)
    source = read_source(path, MB)
    assert source.text == TEXT
    assert source.encoding == detected


def test_big5(tmp_path: Path) -> None:
    text = "第一條　中華人民共和國是工人階級領導的社會主義國家。\n"
    path = tmp_path / "law.txt"
    path.write_bytes(text.encode("big5"))
    source = read_source(path, MB)
    assert (source.text, source.encoding) == (text, "big5")


def _error(path: Path, max_bytes: int = MB) -> str:
    with pytest.raises(IngestError) as caught:
        read_source(path, max_bytes)
    return str(caught.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    assert _error(path) == f"{path}: file is empty"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert _error(path) == f"{path}: binary file, not text"


def test_undecodable_text_is_not_latin1(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café société — naïve résumé".encode("cp1252"))
    assert _error(path) == f"{path}: undecodable text (not UTF-8, UTF-16, GB18030 or Big5)"


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (2 * MB))
    assert _error(path, MB) == (f"{path}: file is 2.0 MB, over the 1 MB limit (LAWQA_MAX_FILE_MB)")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "law.rtf"
    path.write_text("x", encoding="utf-8")
    assert _error(path) == (
        f"{path}: unsupported file type '.rtf' (supported: .docx, .htm, .html, .markdown, .md, "
        ".pdf, .text, .txt)"
    )


def test_unreadable_path(tmp_path: Path) -> None:
    path = tmp_path / "dangling.txt"
    path.symlink_to(tmp_path / "missing.txt")
    assert _error(path).startswith(f"{path}: cannot read (")


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    assert _error(path) == f"{path}: is a directory"


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    assert _error(path) == f"{path}: PDF is encrypted (password required)"


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated")
    assert _error(path).startswith(f"{path}: corrupt or unreadable PDF (")


def test_docx_keeps_paragraphs_and_headings(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("第一章 总则", level=1)
    document.add_paragraph("第一条　为了保护民事主体的合法权益，制定本法。")
    document.add_paragraph("第二条　民法调整平等主体之间的关系。")
    path = tmp_path / "law.docx"
    document.save(str(path))
    source = read_source(path, MB)
    assert source.text == (
        "# 第一章 总则\n\n第一条　为了保护民事主体的合法权益，制定本法。\n\n"
        "第二条　民法调整平等主体之间的关系。"
    )


def test_corrupt_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue())
    assert _error(path).startswith(f"{path}: corrupt or unreadable .docx (")


def test_html_drops_scripts_and_keeps_blocks(tmp_path: Path) -> None:
    path = tmp_path / "law.html"
    path.write_text(
        "<html><head><title>t</title><script>alert(1)</script></head><body>"
        "<h2>第一章 总则</h2><p>第一条 为了保护。</p><p>第二条 民法调整。</p></body></html>",
        encoding="utf-8",
    )
    source = read_source(path, MB)
    assert source.text == "## 第一章 总则\n\n第一条 为了保护。\n\n第二条 民法调整。"
