"""Reading a source file: bytes checked, text decoded, pages mapped, metadata beside it read."""

from __future__ import annotations

import hashlib
import stat
import tomllib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.furniture import original_offset, remove_furniture
from beslutsgraf.ingest.pdf import read_pdf

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A source file's text. The parser reads `text`, the original without page furniture; spans, pages and
    quotes point into `original`, the text as the file gives it (a PDF's pages joined by form feeds)."""

    path: Path
    sha256: str
    text: str
    byte_size: int
    media_type: str = "text/plain"
    original: str = ""
    page_starts: tuple[int, ...] = (0,)
    cuts: tuple[tuple[int, int], ...] = ((0, 0),)
    furniture: tuple[tuple[int, int], ...] = ()
    ocr_pages: tuple[int, ...] = ()
    char_x: tuple[float, ...] = ()  # a PDF's characters' horizontal centres, over `original` (-1: unknown)

    def original_offset(self, offset: int) -> int:
        return original_offset(self.cuts, offset)

    def page_of(self, original_offset: int) -> int:
        return bisect_right(self.page_starts, original_offset)

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    @property
    def extraction(self) -> str:
        """How the text was had: as UTF-8 text, from a PDF's text layer, by OCR, or both."""
        if self.media_type != "application/pdf":
            return "text"
        if not self.ocr_pages:
            return "pdf-text-layer"
        return "ocr" if len(self.ocr_pages) == self.page_count else "pdf-text-layer+ocr"

    @classmethod
    def from_text(
        cls,
        path: Path,
        data: bytes,
        original: str,
        media_type: str,
        page_starts: tuple[int, ...],
        ocr_pages: tuple[int, ...] = (),
        char_x: tuple[float, ...] = (),
    ) -> SourceText:
        normalised = unicodedata.normalize("NFC", original)
        if len(normalised) != len(original):
            char_x = ()  # composed characters shift the offsets the positions were taken at
        original = normalised
        cleaned = remove_furniture(original, page_starts)
        return cls(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            text=cleaned.text,
            byte_size=len(data),
            media_type=media_type,
            original=original,
            page_starts=page_starts,
            cuts=cleaned.cuts,
            furniture=cleaned.removed,
            ocr_pages=ocr_pages,
            char_x=char_x,
        )


@dataclass(frozen=True)
class SourceMetadata:
    """What the file itself may not say: from command-line options or a `NAME.meta.toml` beside it."""

    kommun: str | None = None
    organ: str | None = None
    date: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def merged_over(self, other: SourceMetadata) -> SourceMetadata:
        """Self's values win; other fills the gaps."""
        return SourceMetadata(
            kommun=self.kommun or other.kommun,
            organ=self.organ or other.organ,
            date=self.date or other.date,
        )


def metadata_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.toml")


MAX_METADATA_BYTES = 64 * 1024


def read_metadata(path: Path) -> SourceMetadata:
    meta = metadata_path(path)
    if not meta.exists():
        return SourceMetadata()
    try:
        data = tomllib.loads(read_bounded(meta, MAX_METADATA_BYTES).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise IngestError(meta, f"metadata file is not valid TOML: {error}") from None
    unknown = set(data) - {"kommun", "organ", "date"}
    if unknown:
        raise IngestError(meta, f"unknown metadata keys {sorted(unknown)}; expected kommun, organ, date")
    for key, value in data.items():
        if not isinstance(value, str | date) or (isinstance(value, str) and len(value) > 200):
            raise IngestError(meta, f"{key} must be text of at most 200 characters, not {type(value).__name__}")
    given = {k: str(v) for k, v in data.items()}
    return SourceMetadata(kommun=given.get("kommun"), organ=given.get("organ"), date=given.get("date"))


def read_bounded(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them: what is not a file (a FIFO, a device, /dev/zero behind a
    link) is refused before a byte is read, and one past the limit after limit + 1 bytes, whatever it claims."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise IngestError(path, "is not a regular file (a pipe, a device or a folder); give the file itself")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory, not a file") from None
    except OSError as error:
        raise IngestError(path, f"cannot be read ({error.strerror})") from None
    if len(data) > limit:
        raise IngestError(path, f"is over the limit of {limit:,} bytes")
    return data


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_source(path: Path) -> SourceText:
    """The file's text, or an IngestError saying why it cannot be read as a protocol."""
    data = read_bounded(path, MAX_BYTES)
    if not data.strip():
        raise IngestError(path, "the file is empty")
    if data.lstrip()[:5] == b"%PDF-":
        pdf = read_pdf(path, data)
        original = "\f".join(pdf.pages)
        starts = [0]
        for page in pdf.pages[:-1]:
            starts.append(starts[-1] + len(page) + 1)
        char_x = tuple(x for i, xs in enumerate(pdf.xs) for x in ((-1.0, *xs) if i else xs))
        return SourceText.from_text(path, data, original, "application/pdf", tuple(starts), pdf.ocr_pages, char_x)
    if b"\x00" in data[:65536]:
        at = data.index(b"\x00")
        line, column = _line_and_column(data, at)
        raise IngestError(path, "is a binary file, not text (NUL byte)", f"line {line}, column {column}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        raise IngestError(
            path,
            f"is not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded "
            "(convert it with iconv, e.g. from latin-1)",
            f"line {line}, column {column}",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page_starts = (0, *(i + 1 for i, ch in enumerate(text) if ch == "\f"))
    return SourceText.from_text(path, data, text, "text/plain", page_starts)
