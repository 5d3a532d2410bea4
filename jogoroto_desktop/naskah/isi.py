"""Filling a .docx template with values (docxtpl over python-docx), and the checks a template
passes before the office may use it.

- :func:`periksa_docx` accepts only a real .docx (a Word 97-2003 .doc, a PDF or a damaged file
  is refused with the reason) and returns the fields it uses; a malformed tag ("{{ nama }",
  an ``{% if %}`` never closed) or a field the program does not know (:mod:`.isian`) is
  refused naming it.
- :func:`isi_docx` renders with Jinja's StrictUndefined in a sandbox, then reads the whole
  result (body, tables, headers, footers) and refuses it if any ``{{ }}``/``{% %}`` is left:
  a letter never goes out with a placeholder in it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jogoroto_desktop.naskah.isian import GAMBAR, ISIAN
from jogoroto_desktop.validation import ValidationError

MAX_TEMPLAT_BYTES = 5 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc
_TAG_START = re.compile(r"\{\{|\{%|\{#")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
#: Paper sizes (width, height) in mm a letter can be switched to.
KERTAS_MM: dict[str, tuple[float, float]] = {"F4": (215.0, 330.0), "A4": (210.0, 297.0)}


@lru_cache(maxsize=1)
def _env() -> Any:
    """The one Jinja environment: sandboxed (a template is the office's file), strict (a
    missing value is an error, never an empty string), and keeping the compiled XML of the
    templates it rendered (compiling is a third of filling a letter)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class _Env(SandboxedEnvironment):
        _compiled: dict[str, Any] = {}

        def from_string(self, source: Any, globals: Any = None,  # noqa: A002 - Jinja's name
                        template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source,
                                                                                     str):
                return super().from_string(source, globals, template_class)
            compiled = self._compiled.get(source)
            if compiled is None:
                if len(self._compiled) >= 64:
                    self._compiled.clear()
                compiled = self._compiled[source] = super().from_string(source)
            return compiled

    return _Env(undefined=StrictUndefined, autoescape=False)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"templat": message})


def _open_document(content: bytes, nama_berkas: str) -> Any:
    """The python-docx Document of ``content``, or the reason it is not a usable .docx."""
    if not content:
        raise _refuse(f"Berkas {nama_berkas} kosong.")
    if len(content) > MAX_TEMPLAT_BYTES:
        raise _refuse(f"Berkas {nama_berkas} terlalu besar ({len(content) // 1024} KB); "
                      f"paling besar {MAX_TEMPLAT_BYTES // (1024 * 1024)} MB.")
    if content.startswith(_OLE_MAGIC):
        raise _refuse(f"Berkas {nama_berkas} adalah dokumen Word 97-2003 (.doc). Buka di Word "
                      "atau LibreOffice lalu simpan sebagai .docx (Dokumen Word).")
    if content.startswith(b"%PDF"):
        raise _refuse(f"Berkas {nama_berkas} adalah PDF, bukan templat Word (.docx).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _refuse(f"Berkas {nama_berkas} bukan dokumen Word (.docx).") from None
    if "word/document.xml" not in names:
        raise _refuse(f"Berkas {nama_berkas} bukan dokumen Word (.docx): isinya tidak memuat "
                      "word/document.xml (mungkin berkas .xlsx, .odt atau arsip zip).")
    from docx import Document

    try:
        return Document(io.BytesIO(content))
    except Exception:  # python-docx/lxml raise many kinds for a damaged package
        raise _refuse(f"Berkas {nama_berkas} rusak: dokumen Word-nya tidak bisa dibaca.") \
            from None


def _paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph of the document: body, tables (nested too), headers and footers."""
    def walk(container: Any) -> Iterator[Any]:
        yield from container.paragraphs
        for table in getattr(container, "tables", ()):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            if part.is_linked_to_previous:
                continue
            yield from walk(part)


def _check_tags(document: Any) -> None:
    """Each tag opens and closes in its own paragraph, and each {{ }} is an expression Jinja
    reads: the tag is named with its paragraph's text when not."""
    env = _env()
    for number, paragraph in enumerate(_paragraphs(document), 1):
        text = paragraph.text
        position = 0
        while (found := _TAG_START.search(text, position)) is not None:
            opener = found.group(0)
            end = text.find(_CLOSERS[opener], found.end())
            if end < 0:
                shown = text[found.start():found.start() + 40]
                raise _refuse(f"Tanda isian \u201c{shown}\u201d (paragraf {number}) tidak "
                              f"ditutup dengan {_CLOSERS[opener]}.")
            tag = text[found.start():end + 2]
            if opener == "{{":
                from jinja2 import TemplateSyntaxError

                try:
                    env.parse(tag)
                except TemplateSyntaxError:
                    raise _refuse(f"Tanda isian \u201c{tag}\u201d (paragraf {number}) tidak "
                                  "sah; tulis seperti {{ nama }}.") from None
            position = end + 2


@dataclass(frozen=True)
class PeriksaTemplat:
    isian: frozenset[str]  # the fields the template uses


def periksa_docx(content: bytes, nama_berkas: str = "templat") -> PeriksaTemplat:
    """Check a template file; ValidationError (problem "templat") naming what is wrong."""
    document = _open_document(content, nama_berkas)
    _check_tags(document)
    used = _fields_used(content)
    unknown = sorted(used - set(ISIAN))
    if unknown:
        shown = ", ".join("{{ " + name + " }}" for name in unknown)
        raise _refuse(f"Isian tidak dikenal program: {shown}. Pakai isian dari daftar isian "
                      "(jogoroto-cli naskah isian).")
    return PeriksaTemplat(frozenset(used))


def _fields_used(content: bytes) -> set[str]:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    template = DocxTemplate(io.BytesIO(content))
    try:
        return set(template.get_undeclared_template_variables(jinja_env=_env()))
    except TemplateSyntaxError as exc:
        raise _refuse("Susunan {% %} pada templat tidak sah (mis. {% if %} tanpa "
                      f"{{% endif %}}, atau {{%p %}} yang tidak sendirian di paragrafnya): "
                      f"{exc.message}.") from None


@lru_cache(maxsize=64)
def isian_templat(content: bytes) -> frozenset[str]:
    """The fields a (checked) template uses; cached by content."""
    return frozenset(_fields_used(content))


# --- filling -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Gambar:
    """An image value: PNG bytes and its width on paper."""

    png: bytes
    lebar_mm: float


def isi_docx(content: bytes, nilai: Mapping[str, Any], kertas: str | None = None) -> bytes:
    """The template filled with ``nilai`` (Gambar values become inline images), as .docx bytes.
    ``kertas`` ("A4"/"F4") sets every section's paper; None keeps the template's. Refused
    (ValidationError, problem "templat") when a field is missing or anything is left unfilled."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError, UndefinedError

    template = DocxTemplate(io.BytesIO(content))
    context: dict[str, Any] = {}
    for name, value in nilai.items():
        if isinstance(value, Gambar):
            context[name] = InlineImage(template, io.BytesIO(value.png), width=Mm(value.lebar_mm))
        else:
            context[name] = value
    try:
        template.render(context, jinja_env=_env(), autoescape=True)
    except UndefinedError as exc:
        raise _refuse(f"Isian belum ada nilainya: {exc.message}.") from None
    except TemplateError as exc:
        raise _refuse(f"Templat tidak bisa diisi: {exc.message}.") from None
    document = template.docx
    sisa = sisa_isian(document)
    if sisa:
        raise _refuse("Surat masih memuat tanda isian yang tidak terganti: "
                      + "; ".join(sisa[:3]) + ". Surat tidak dibuat.")
    if kertas is not None:
        width, height = KERTAS_MM[kertas]
        for section in document.sections:
            landscape = section.page_width > section.page_height
            section.page_width, section.page_height = (
                (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sisa_isian(document: Any) -> list[str]:
    """The texts of paragraphs (body, tables, headers, footers) that still hold a template tag;
    empty when none is left. Read from the XML itself (a tag may be split over runs)."""
    from docx.oxml.ns import qn

    paragraph, text = qn("w:p"), qn("w:t")
    roots = [document.element.body]
    roots += [part.element for part in _header_footer_parts(document)]
    found = []
    for root in roots:
        for element in root.iter(paragraph):
            words = "".join(t.text or "" for t in element.iter(text))
            if _LEFTOVER.search(words):
                found.append(" ".join(words.split())[:80])
    return found


def _header_footer_parts(document: Any) -> list[Any]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return [rel.target_part for rel in document.part.rels.values()
            if rel.reltype in (RT.HEADER, RT.FOOTER)]


def teks_docx(content: bytes) -> str:
    """The text of a .docx, paragraph by paragraph (tables, headers and footers included)."""
    from docx import Document

    return "\n".join(p.text for p in _paragraphs(Document(io.BytesIO(content))))


def gambar_isian(nama: str) -> bool:
    isian = ISIAN.get(nama)
    return isian is not None and isian.jenis == GAMBAR


# --- the QR code as a PNG -------------------------------------------------------------------

def qr_png(payload: str, px_per_module: int = 8, quiet: int = 2) -> bytes:
    """A black-and-white PNG of the payload's QR code (the engine of :mod:`qr`), written
    without an imaging library."""
    from jogoroto_desktop.qr import qr_matrix

    matrix = qr_matrix(payload)
    modules = len(matrix) + 2 * quiet
    size = modules * px_per_module
    dark, light = b"\x00" * px_per_module, b"\xff" * px_per_module
    margin = light * quiet
    blank_line = b"\x00" + light * modules  # filter type 0 (none) starts each scanline
    lines = [blank_line] * (quiet * px_per_module)
    for row in matrix:
        line = b"\x00" + margin + b"".join(dark if on else light for on in row) + margin
        lines.extend([line] * px_per_module)
    lines.extend([blank_line] * (quiet * px_per_module))
    raw = b"".join(lines)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit grey
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
