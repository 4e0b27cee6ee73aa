"""Keep the original bytes of letters read from PDFs (``OriginalFile``), and read them back for re-parsing."""

from __future__ import annotations

from collections.abc import Iterable

from letters.models import Inspection, OriginalFile
from letters.models.inspection import PDF_ENCODING

PDF_MEDIA_TYPE = "application/pdf"


def is_pdf(raw: bytes) -> bool:
    return raw.startswith(b"%PDF-")


def keep_originals(pairs: Iterable[tuple[int, bytes]]) -> None:
    """Store (inspection id, bytes) for each letter read from a PDF, replacing what was kept before; the caller
    holds the transaction. Text files keep no original: their raw text is their bytes."""
    rows = [
        OriginalFile(inspection_id=pk, media_type=PDF_MEDIA_TYPE, content=raw, size=len(raw))
        for pk, raw in pairs
        if is_pdf(raw)
    ]
    if not rows:
        return
    OriginalFile.objects.filter(inspection_id__in=[row.inspection_id for row in rows]).delete()
    OriginalFile.objects.bulk_create(rows, batch_size=50)


def drop_original(inspection_id: int) -> None:
    """A letter now read from text: the PDF kept for it no longer matches its raw text."""
    OriginalFile.objects.filter(inspection_id=inspection_id).delete()


def raw_bytes_of(inspection: Inspection) -> bytes:
    """The bytes to parse the letter from again: its PDF where it was read from one, else its raw text encoded."""
    if inspection.encoding == PDF_ENCODING:
        content = OriginalFile.objects.filter(inspection_id=inspection.pk).values_list("content", flat=True).first()
        if content is not None:
            return bytes(content)
    encoding = inspection.encoding if inspection.encoding not in ("", PDF_ENCODING) else "utf-8"
    return inspection.raw_text.encode(encoding, errors="surrogateescape")
