"""Read a file into text: .txt/.md (encoding detected), .pdf (text layer), .docx, .html.

`READERS` holds the reader of every supported suffix: a new type is added there, and folder
walks, the web uploader and the messages that list the supported types read it.

Every failure is an `IngestError` whose message names the file and the cause in one line.
Encodings are detected from the bytes: a BOM, strict UTF-8, UTF-16 without BOM, then GB18030
or Big5; text that decodes as none of them is an error, never latin-1 mojibake. A few stray NUL
bytes in otherwise good text are removed with a warning; a file that is mostly binary is refused.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rag.text import count_cjk

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16 and UTF-32
_MIN_PDF_CHARS_PER_PAGE = 20


class IngestError(Exception):
    """A file that cannot be ingested; str() is the one-line reason, naming the file."""

    def __init__(self, path: Path | str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = str(path)
        self.cause = cause


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    file_type: str
    encoding: str
    wrapped: bool  # lines are wrapped at a page width (PDF), not one paragraph each
    content_hash: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extracted:
    """The text a reader found in a file's bytes."""

    text: str
    encoding: str  # the text encoding detected, or the format (pdf, docx)
    wrapped: bool  # lines are wrapped at a page width (PDF), not one paragraph each
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reader:
    file_type: str  # recorded with the document: txt, md, pdf, docx, html
    read: Callable[[Path, bytes], Extracted]  # raises IngestError


def reader_for(path: Path | str) -> Reader:
    """The reader of a file's type, or IngestError naming the supported types."""
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise IngestError(
            path,
            f"unsupported file type '{suffix or '(none)'}' (supported: {SUPPORTED_LIST})",
        )
    return reader


def check_size(path: Path | str, size: int, max_bytes: int) -> None:
    """IngestError for a file over the size limit (LAWQA_MAX_FILE_MB)."""
    if size > max_bytes:
        raise IngestError(
            path,
            f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB "
            "limit (LAWQA_MAX_FILE_MB)",
        )


def read_source(path: Path, max_bytes: int) -> SourceText:
    """Read and decode one file, or raise IngestError."""
    reader = reader_for(path)
    try:
        check_size(path, path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except IngestError:
        raise
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(path, "file is empty")
    extracted = reader.read(path, data)
    text = clean_text(extracted.text)
    if not text.strip():
        raise IngestError(path, "no text found")
    digest = hashlib.sha256(data).hexdigest()
    return SourceText(
        path,
        text,
        reader.file_type,
        extracted.encoding,
        extracted.wrapped,
        digest,
        extracted.warnings,
    )


def clean_text(text: str) -> str:
    """Newlines to \\n and zero-width characters out: offsets refer to this text."""
    return _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode_with_stray_nuls(path: Path, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode text that may hold a few stray NUL bytes (a bad copy, a truncated write): they are
    removed, with a warning, when they are at most 1% of the bytes (or 3) and the rest is good
    text."""
    nuls = data.count(0)
    if not nuls or data.startswith(_WIDE_BOMS) or _utf16_without_bom(data) is not None:
        return (*decode_text(path, data), ())
    if nuls > max(3, len(data) // 100):
        raise IngestError(path, "binary file, not text")
    try:
        text, encoding = decode_text(path, data.replace(b"\x00", b""))
    except IngestError:
        raise IngestError(path, "binary file, not text") from None  # NUL bytes and no text
    if _control_share(text) > 0.01:
        raise IngestError(path, "binary file, not text")
    return text, encoding, (f"{nuls} stray NUL byte{'s' if nuls > 1 else ''} removed",)


def decode_text(path: Path | str, data: bytes) -> tuple[str, str]:
    """Decode text bytes; return (text, encoding name)."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise IngestError(
                    path, f"undecodable text (bad {encoding} after its BOM)"
                ) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError(path, "binary file, not text")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise IngestError(path, "undecodable text (not UTF-8, UTF-16, GB18030 or Big5)")
    text, encoding = max(candidates, key=lambda c: _plausibility(c[0]))
    if _control_share(text) > 0.01:
        raise IngestError(path, "binary file, not text")
    return text, encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = max(1, len(data) // 2)
    for encoding, zeros in (("utf-16-le", odd_zeros), ("utf-16-be", even_zeros)):
        if zeros / half > 0.2:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _control_share(text) < 0.01:
                return text, encoding
    return None


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(1, len(text))


def _plausibility(text: str) -> float:
    """How much of a decoded text is common CJK and ASCII (mis-decodes scatter into rare code)."""
    common = count_cjk(text) + sum(1 for c in text if c.isascii())
    return common / max(1, len(text))


def _read_text(path: Path, data: bytes) -> Extracted:
    text, encoding, warnings = _decode_with_stray_nuls(path, data)
    return Extracted(text, encoding, False, warnings)


def _read_pdf(path: Path, data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise IngestError(path, "PDF is encrypted (password required)") from None
        raise IngestError(path, f"corrupt or unreadable PDF ({message})") from None
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise IngestError(path, f"corrupt PDF ({exc})") from None
    finally:
        document.close()
    text = "\n\f\n".join(pages)
    visible = len(re.sub(r"\s", "", text))
    if visible < _MIN_PDF_CHARS_PER_PAGE * max(1, len(pages)) / 4:
        raise IngestError(
            path,
            f"PDF has no text layer ({len(pages)} pages, {visible} characters): "
            "scanned? run OCR first",
        )
    return Extracted(text, "pdf", True)


def _read_docx(path: Path, data: bytes) -> Extracted:
    import io
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(path, f"corrupt or unreadable .docx ({exc})") from None
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            blocks.append(
                _heading_mark(paragraph.style.name if paragraph.style else "") + paragraph.text
            )
        elif tag == "tbl":
            for row in Table(child, document).rows:
                blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    return Extracted("\n\n".join(blocks), "docx", False)


def _heading_mark(style: str) -> str:
    """Word heading styles become Markdown heading marks, which the parser reads as headings."""
    if style == "Title":
        return "# "
    if m := re.fullmatch(r"Heading (\d)", style):
        return "#" * int(m.group(1)) + " "
    return ""


_BLOCK_TAGS = [
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "pre",
    "table",
    "dd",
    "dt",
]


def _read_html(path: Path, data: bytes) -> Extracted:
    html, encoding, warnings = _decode_with_stray_nuls(path, data)
    return Extracted(_html_text(html), encoding, False, warnings)


def _html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        level = int(tag.name[1]) if re.fullmatch(r"h[1-6]", tag.name) else 0
        tag.insert_before("\n" + "#" * level + (" " if level else ""))
        tag.insert_after("\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in soup.get_text().split("\n")]
    return "\n\n".join(line for line in lines if line)


# Suffix → reader; the one place a file type is added.
READERS: dict[str, Reader] = {
    ".txt": Reader("txt", _read_text),
    ".text": Reader("txt", _read_text),
    ".md": Reader("md", _read_text),
    ".markdown": Reader("md", _read_text),
    ".pdf": Reader("pdf", _read_pdf),
    ".docx": Reader("docx", _read_docx),
    ".html": Reader("html", _read_html),
    ".htm": Reader("html", _read_html),
}
SUPPORTED = tuple(sorted(READERS))
SUPPORTED_LIST = ", ".join(SUPPORTED)
FILE_TYPES = tuple(dict.fromkeys(reader.file_type for reader in READERS.values()))
