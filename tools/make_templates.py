"""Build the letter templates shipped in resources/templat/ (one .docx per template of
jogoroto_desktop/naskah/bawaan.py), with python-docx, so they are reproducible:

    python tools/make_templates.py [OUTPUT_DIR]      (default resources/templat)

Laid out after Permendagri 1/2023 practice: kop with a thick rule, place and date, Nomor /
Sifat / Lampiran / Hal, "Yth." addressee, the body, the signature block (a.n./u.b. lines come
from the field ttd_jabatan) with the signed QR beside it, tembusan. F4 (215 x 330 mm), Arial
12 pt (the body never below 11 pt). The fields are the registry's (jogoroto_desktop/naskah/
isian.py); every file is checked by the program's own template check before it is written.
The files are written with fixed dates and names so a rebuild of unchanged code gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Mm, Pt  # noqa: E402

from jogoroto_desktop.naskah.bawaan import BAWAAN, InfoBawaan, nama_berkas  # noqa: E402
from jogoroto_desktop.naskah.isi import periksa_docx  # noqa: E402

FONT = "Arial"
BODY_PT = 12
SMALL_PT = 11  # kop address lines, tembusan: never below 11 pt
CAPTION_PT = 9  # the words under the QR code only
PAPER_MM = {"F4": (215, 330), "A4": (210, 297)}
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
TEXT_WIDTH_CM = 21.5 - 3.0 - 2.0  # F4 width minus the left and right margins
INDENT = Cm(1.25)


class Letter:
    """A letter being written: python-docx with the office's paragraph styles."""

    def __init__(self, info: InfoBawaan) -> None:
        self.info = info
        self.doc = Document()
        section = self.doc.sections[0]
        width, height = PAPER_MM[info.kertas]
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        props = self.doc.core_properties
        props.title = info.judul
        props.author = props.last_modified_by = "Jogoroto Desktop"
        props.created = props.modified = FIXED_TIME
        props.revision = 1

    # --- paragraphs -----------------------------------------------------------------------

    def para(self, text: str = "", *, bold: bool = False, underline: bool = False,
             align: str = "left", size: float | None = None, indent_first: bool = False,
             left: Cm | None = None, after: float = 0, keep: bool = False,
             container: object | None = None) -> object:
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
            run.underline = underline
            if size:
                run.font.size = Pt(size)
        fmt = paragraph.paragraph_format
        fmt.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                         "right": WD_ALIGN_PARAGRAPH.RIGHT,
                         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        if indent_first:
            fmt.first_line_indent = INDENT
        if left is not None:
            fmt.left_indent = left
        fmt.space_after = Pt(after)
        if keep:
            fmt.keep_with_next = True
        return paragraph

    def tag(self, text: str, container: object | None = None) -> None:
        """A paragraph holding only a {%p %} tag (docxtpl removes the paragraph)."""
        self.para(text, container=container)

    def body(self, text: str, *, keep: bool = False, indent: bool = True) -> None:
        self.para(text, align="justify", indent_first=indent, after=6, keep=keep)

    def blank(self, container: object | None = None) -> None:
        self.para(container=container)

    # --- tables ------------------------------------------------------------------------------

    def table(self, widths_cm: Sequence[float], rows: Sequence[Sequence[str]], *,
              left_cm: float = 0.0, bold_first_col: bool = False) -> object:
        table = self.doc.add_table(rows=0, cols=len(widths_cm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _table_indent(table, left_cm)
        for values in rows:
            cells = table.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
                cell.width = Cm(widths_cm[index])
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(value)
                run.bold = bold_first_col and index == 0
            _cant_split(table.rows[-1])
        for index, width in enumerate(widths_cm):
            table.columns[index].width = Cm(width)
        return table

    def data(self, rows: Sequence[tuple[str, str]], left_cm: float = 1.25) -> None:
        """The label : value lines of a person or a thing."""
        self.table((4.5, 0.5, TEXT_WIDTH_CM - 5.0 - left_cm),
                   [(label, ":", value) for label, value in rows], left_cm=left_cm)
        self.para(after=4)

    # --- blocks ---------------------------------------------------------------------------------

    def kop(self) -> None:
        """Logo left, the kop lines centred on the page, a thick rule under them."""
        table = self.doc.add_table(rows=1, cols=3)
        table.autofit = False
        widths = (2.6, TEXT_WIDTH_CM - 5.2, 2.6)
        logo, lines, _right = table.rows[0].cells
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = Cm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        logo.paragraphs[0].add_run("{{ logo }}")
        logo.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        first = lines.paragraphs[0]
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = first.add_run("{{ kop_pemerintah }}")
        run.bold, run.font.size = True, Pt(14)
        self.para("{{ kop_instansi }}", bold=True, size=18, align="center", container=lines)
        self.para("{{ kop_alamat }}", size=SMALL_PT, align="center", container=lines)
        self.para("{{ kop_telepon }}", size=SMALL_PT, align="center", container=lines)
        for index, width in enumerate(widths):
            table.columns[index].width = Cm(width)
        rule = self.para(after=10)
        _bottom_border(rule)

    def kepala_surat(self) -> None:
        """Place and date (right), Nomor/Sifat/Lampiran/Hal (left), the addressee."""
        self.para("{{ tempat }}, {{ tanggal }}", left=Cm(9.5), after=8)
        self.table((2.6, 0.4, TEXT_WIDTH_CM - 3.0),
                   [("Nomor", ":", "{{ nomor }}"), ("Sifat", ":", "{{ sifat }}"),
                    ("Lampiran", ":", "{{ lampiran }}"), ("Hal", ":", "{{ hal }}")])
        self.para(after=10)
        addressee = self.para("Yth.\t{{ kepada }}")
        self._hanging(addressee)
        self.tag("{%p if di %}")
        self._hanging(self.para("\tdi {{ di }}"))
        self.tag("{%p endif %}")
        self.para(after=10)

    @staticmethod
    def _hanging(paragraph: object) -> None:
        """The addressee's lines start under its first word after "Yth." and keep to the
        left part of the page, as a block."""
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(1.0)
        fmt.first_line_indent = Cm(-1.0)
        fmt.right_indent = Cm(TEXT_WIDTH_CM - 10.5)
        fmt.tab_stops.add_tab_stop(Cm(1.0))

    def judul(self, title: str, nomor: bool = True) -> None:
        """A centred title (surat izin, keterangan, tugas) with its number under it."""
        self.para(title, bold=True, underline=True, align="center")
        if nomor:
            self.para("Nomor: {{ nomor }}", align="center")
        self.para(after=10)

    def dikeluarkan(self) -> None:
        self.table((4.0, 0.4, 5.0), [("Dikeluarkan di", ":", "{{ tempat }}"),
                                     ("Pada tanggal", ":", "{{ tanggal }}")], left_cm=8.5)
        self.para(after=6)

    def ttd(self, place_date: bool = False) -> None:
        """The signed QR (left) and the signature block (right), one row that never splits."""
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        widths = (TEXT_WIDTH_CM - 8.0, 8.0)
        qr_cell, sign = table.rows[0].cells
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = Cm(width)
        qr_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        qr_cell.paragraphs[0].add_run("{{ qr }}")
        caption = self.para("Pindai kode QR untuk memeriksa keaslian surat ini.",
                            size=CAPTION_PT, container=qr_cell)
        caption.paragraph_format.right_indent = Cm(2.0)
        first = sign.paragraphs[0]
        if place_date:
            first.add_run("{{ tempat }}, {{ tanggal }}")
            first.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.signature(sign)
        else:
            self.signature(sign, loop_in=first)
        for index, width in enumerate(widths):
            table.columns[index].width = Cm(width)
        _cant_split(table.rows[0])

    def signature(self, container: object, loop_in: object | None = None) -> None:
        """The jabatan lines (a.n./u.b. included), room to sign, name, pangkat and NIP, all
        centred; the loop over the jabatan lines opens in ``loop_in`` when given."""
        opening = "{%p for baris in ttd_jabatan %}"
        if loop_in is not None:
            loop_in.add_run(opening)
        else:
            self.tag(opening, container=container)
        self.para("{{ baris }}", align="center", container=container)
        self.tag("{%p endfor %}", container=container)
        for _ in range(3):
            self.blank(container=container)
        self.para("{{ ttd_nama }}", bold=True, underline=True, align="center",
                  container=container)
        self.para("{{ ttd_pangkat }}", align="center", container=container)
        self.para("NIP. {{ ttd_nip }}", align="center", container=container)

    def tembusan(self) -> None:
        """The copies list, kept together (each line kept with the next; the last line's
        "keep" has nothing after it to hold)."""
        self.tag("{%p if tembusan %}")
        self.para(after=6, keep=True)
        self.para("Tembusan:", size=SMALL_PT, keep=True)
        self.tag("{%p for t in tembusan %}")
        self.para("{{ loop.index }}. {{ t }}", size=SMALL_PT, keep=True)
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")

    def closing(self, text: str = "Demikian untuk menjadi maklum dan dipergunakan "
                                  "sebagaimana mestinya.") -> None:
        """The last body paragraph, kept on the page of the signature block."""
        self.body(text, keep=True)
        self.para(after=4, keep=True)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return _normalized_zip(out.getvalue())


def _table_indent(table: object, left_cm: float) -> None:
    if not left_cm:
        return
    tbl_pr = table._tbl.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(int(left_cm / 2.54 * 1440)))
    indent.set(qn("w:type"), "dxa")
    tbl_pr.append(indent)


def _cant_split(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    tr_pr.append(element)


def _bottom_border(paragraph: object) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _normalized_zip(content: bytes) -> bytes:
    """The same .docx with fixed entry times, so an unchanged template rebuilds identically."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --- the person blocks the service letters share ---------------------------------------------

PEMOHON = [("Nama", "{{ nama }}"), ("NIK", "{{ nik }}"),
           ("Tempat/Tgl. Lahir", "{{ tempat_lahir }}, {{ tanggal_lahir }}"),
           ("Jenis Kelamin", "{{ jenis_kelamin }}"), ("Agama", "{{ agama }}"),
           ("Pekerjaan", "{{ pekerjaan }}"), ("Alamat", "{{ alamat }}, Desa {{ desa }}")]
PEMOHON_USAHA = [("Nama", "{{ nama }}"), ("NIK", "{{ nik }}"),
                 ("Alamat", "{{ alamat }}, Desa {{ desa }}")]


def _surat(info: InfoBawaan, body: Callable[[Letter], None]) -> Letter:
    letter = Letter(info)
    letter.kop()
    letter.kepala_surat()
    body(letter)
    letter.ttd()
    letter.tembusan()
    return letter


def _izin(info: InfoBawaan, title: str, body: Callable[[Letter], None]) -> Letter:
    letter = Letter(info)
    letter.kop()
    letter.judul(title)
    body(letter)
    letter.dikeluarkan()
    letter.ttd()
    letter.tembusan()
    return letter


class Lead(str):
    """A paragraph that leads into the table under it: no first-line indent."""


Part = str | list[tuple[str, str]]


def _body(*parts: Part) -> Callable[[Letter], None]:
    """A letter's body from its parts: paragraphs, Lead paragraphs and label/value tables;
    the last part is the closing paragraph, kept with the signature block."""
    def write(letter: Letter) -> None:
        *middle, closing = parts
        for part in middle:
            if isinstance(part, list):
                letter.data(part)
            else:
                letter.body(part, indent=not isinstance(part, Lead))
        letter.closing(str(closing))
    return write


DEMIKIAN = "Demikian rekomendasi ini dibuat untuk dipergunakan sebagaimana mestinya."
OLEH_CAMAT = "Menindaklanjuti permohonan yang bersangkutan, dengan ini Camat {{ kecamatan }} "
TIDAK_KEBERATAN = ("Pada prinsipnya kami tidak keberatan atas permohonan tersebut, sepanjang "
                   "memenuhi ketentuan peraturan perundang-undangan yang berlaku dan tidak "
                   "menimbulkan gangguan bagi masyarakat sekitar.")
IZIN_KETENTUAN = ("Pemegang izin wajib mematuhi ketentuan peraturan perundang-undangan yang "
                  "berlaku, menjaga ketertiban, kebersihan dan keselamatan umum. Izin ini dapat "
                  "dicabut apabila pemegang izin melanggar ketentuan tersebut.")
IZIN_OLEH_CAMAT = ("Camat {{ kecamatan }} Kabupaten {{ kabupaten }}, memperhatikan permohonan "
                   "yang bersangkutan dan hasil pemeriksaan berkas, dengan ini memberikan izin "
                   "kepada:")


def _rekomendasi_usaha(what: str, detail: list[tuple[str, str]]) -> Callable[[Letter], None]:
    return _body(OLEH_CAMAT + "memberikan rekomendasi " + what + " kepada:", PEMOHON_USAHA,
                 Lead("dengan keterangan sebagai berikut:"), detail, TIDAK_KEBERATAN,
                 "Demikian rekomendasi ini dibuat untuk dipergunakan sebagai bahan "
                 "pertimbangan lebih lanjut.")


def _izin_body(what: str, detail: list[tuple[str, str]]) -> Callable[[Letter], None]:
    return _body(IZIN_OLEH_CAMAT, PEMOHON_USAHA, Lead("untuk " + what + " dengan ketentuan:"),
                 detail, IZIN_KETENTUAN,
                 "Demikian izin ini diberikan untuk dipergunakan sebagaimana mestinya.")


rekomendasi_skck = _body(
    "Yang bertanda tangan di bawah ini Camat {{ kecamatan }} Kabupaten {{ kabupaten }}, "
    "berdasarkan surat pengantar Kepala Desa {{ desa }}, dengan ini memberikan rekomendasi "
    "kepada:",
    PEMOHON,
    "Orang tersebut di atas adalah benar penduduk Desa {{ desa }} Kecamatan {{ kecamatan }} "
    "Kabupaten {{ kabupaten }} dan sepanjang pengetahuan kami berkelakuan baik serta tidak "
    "sedang tersangkut perkara pidana.",
    "Rekomendasi ini diberikan sebagai kelengkapan permohonan Surat Keterangan Catatan "
    "Kepolisian (SKCK) untuk keperluan {{ keperluan }}.",
    "Demikian rekomendasi ini dibuat untuk dapat dipergunakan sebagaimana mestinya.")

dispensasi_nikah = _body(
    "Memperhatikan pemberitahuan kehendak nikah yang diajukan kurang dari 10 (sepuluh) hari "
    "kerja sebelum pelaksanaan akad nikah, dengan ini Camat {{ kecamatan }} memberikan "
    "dispensasi nikah kepada:",
    [("Nama", "{{ nama }}"), ("NIK", "{{ nik }}"),
     ("Tempat/Tgl. Lahir", "{{ tempat_lahir }}, {{ tanggal_lahir }}"),
     ("Alamat", "{{ alamat }}, Desa {{ desa }}")],
    Lead("dengan calon pasangan:"),
    [("Nama", "{{ pasangan_nama }}"), ("Alamat", "{{ pasangan_alamat }}")],
    "untuk melangsungkan akad nikah pada {{ tanggal_nikah }} bertempat di {{ tempat_nikah }}, "
    "dengan alasan {{ keperluan }}.",
    "Demikian surat dispensasi ini dibuat untuk dipergunakan sebagaimana mestinya.")

rekomendasi_keramaian = _body(
    OLEH_CAMAT + "memberikan rekomendasi izin keramaian kepada:", PEMOHON_USAHA,
    Lead("untuk menyelenggarakan kegiatan:"),
    [("Acara", "{{ acara }}"), ("Hari/Tanggal", "{{ tanggal_acara }}"),
     ("Waktu", "{{ waktu_acara }}"), ("Tempat", "{{ tempat_acara }}")],
    "Penyelenggara wajib menjaga ketertiban dan keamanan, serta mematuhi ketentuan yang "
    "ditetapkan oleh pihak kepolisian.",
    DEMIKIAN)

rekomendasi_skm = _body(
    "Berdasarkan surat keterangan dari Kepala Desa {{ desa }}, dengan ini Camat "
    "{{ kecamatan }} memberikan rekomendasi kepada:", PEMOHON,
    "bahwa yang bersangkutan adalah penduduk Desa {{ desa }} yang tergolong keluarga kurang "
    "mampu, dan rekomendasi ini diberikan untuk keperluan {{ keperluan }}.",
    DEMIKIAN)

rekomendasi_proposal = _body(
    "Menindaklanjuti proposal permohonan bantuan dari {{ nama_lembaga }} yang diajukan oleh:",
    PEMOHON_USAHA,
    "untuk keperluan {{ keperluan }}, dengan ini Camat {{ kecamatan }} memberikan rekomendasi "
    "dan pada prinsipnya mendukung permohonan tersebut untuk dipertimbangkan sesuai ketentuan "
    "yang berlaku.",
    "Demikian rekomendasi ini dibuat, atas perhatian dan bantuannya disampaikan terima kasih.")

undangan = _body(
    "Dengan hormat, kami mengundang Saudara untuk hadir pada:",
    [("Hari/Tanggal", "{{ tanggal_acara }}"), ("Waktu", "{{ waktu_acara }}"),
     ("Tempat", "{{ tempat_acara }}"), ("Acara", "{{ acara }}")],
    "Mengingat pentingnya acara tersebut, kami mohon Saudara hadir tepat waktu. Atas "
    "perhatian dan kehadirannya disampaikan terima kasih.")


def legalisir(info: InfoBawaan) -> Letter:
    """The legalisir stamp: a bordered block at the top of the page, to print on the copy."""
    letter = Letter(info)
    table = letter.doc.add_table(rows=1, cols=1)
    table.style = letter.doc.styles["Table Grid"]
    table.autofit = False
    cell = table.rows[0].cells[0]
    cell.width = Cm(11.0)
    cell.paragraphs[0].add_run("TELAH DILEGALISIR SESUAI DENGAN ASLINYA").bold = True
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    letter.para("{{ dokumen }} atas nama {{ nama }}", align="center", container=cell)
    letter.para("No. Reg.: {{ nomor }}", align="center", container=cell)
    letter.para("{{ tempat }}, {{ tanggal }}", align="center", container=cell)
    letter.signature(cell)
    qr = letter.para("{{ qr }}", align="center", container=cell)
    qr.paragraph_format.space_before = Pt(4)
    qr.paragraph_format.space_after = Pt(6)
    table.columns[0].width = Cm(11.0)
    _cant_split(table.rows[0])
    return letter


def surat_biasa(letter: Letter) -> None:
    letter.tag("{%p for p in isi %}")
    letter.body("{{ p }}")
    letter.tag("{%p endfor %}")
    letter.para(after=4, keep=True)


def surat_tugas(info: InfoBawaan) -> Letter:
    letter = Letter(info)
    letter.kop()
    letter.judul("SURAT TUGAS")
    _list_row(letter, "Dasar", "{%p for d in dasar %}", "{{ loop.index }}. {{ d }}")
    letter.para("MEMERINTAHKAN:", bold=True, align="center", after=8)
    _list_row(letter, "Kepada", "{%p for orang in yang_ditugaskan %}",
              "{{ loop.index }}. {{ orang }}")
    _list_row(letter, "Untuk", "{%p for p in isi %}", "{{ p }}", numbered=False)
    letter.closing("Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung "
                   "jawab.")
    letter.ttd(place_date=True)
    letter.tembusan()
    return letter


def _list_row(letter: Letter, label: str, loop: str, item: str, numbered: bool = True) -> None:
    """A "Dasar : 1. ... 2. ..." row: the items of a list field inside the value cell."""
    table = letter.table((2.6, 0.4, TEXT_WIDTH_CM - 3.0), [(label, ":", loop)])
    cell = table.rows[0].cells[2]
    paragraph = letter.para(item, align="justify", after=4, container=cell)
    if numbered:
        paragraph.paragraph_format.left_indent = Cm(0.6)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)
    letter.tag("{%p endfor %}", container=cell)
    letter.para(after=8)


def nota_dinas(info: InfoBawaan) -> Letter:
    letter = Letter(info)
    letter.kop()
    letter.judul("NOTA DINAS", nomor=False)
    letter.table((3.0, 0.4, TEXT_WIDTH_CM - 3.4), [
        ("Yth.", ":", "{{ kepada }}"), ("Dari", ":", "{{ dari }}"),
        ("Tanggal", ":", "{{ tanggal }}"), ("Nomor", ":", "{{ nomor }}"),
        ("Sifat", ":", "{{ sifat }}"), ("Lampiran", ":", "{{ lampiran }}"),
        ("Hal", ":", "{{ hal }}")])
    rule = letter.para(after=10)
    _bottom_border(rule)
    surat_biasa(letter)
    letter.ttd()
    letter.tembusan()
    return letter


def surat_keterangan(info: InfoBawaan) -> Letter:
    letter = Letter(info)
    letter.kop()
    letter.judul("SURAT KETERANGAN")
    letter.body("Yang bertanda tangan di bawah ini Camat {{ kecamatan }} Kabupaten "
                "{{ kabupaten }} dengan ini menerangkan:")
    surat_biasa(letter)
    letter.ttd(place_date=True)
    letter.tembusan()
    return letter


def build(info: InfoBawaan) -> Letter:
    builders: dict[str, Callable[[], Letter]] = {
        "rekomendasi-skck": lambda: _surat(info, rekomendasi_skck),
        "dispensasi-nikah": lambda: _surat(info, dispensasi_nikah),
        "rekomendasi-imb": lambda: _surat(info, _rekomendasi_usaha(
            "izin mendirikan bangunan", [("Bangunan", "{{ uraian }}"),
                                         ("Lokasi", "{{ lokasi }}")])),
        "rekomendasi-ho": lambda: _surat(info, _rekomendasi_usaha(
            "izin gangguan (HO)", [("Nama usaha", "{{ nama_usaha }}"),
                                   ("Jenis usaha", "{{ uraian }}"),
                                   ("Lokasi", "{{ lokasi }}")])),
        "rekomendasi-keramaian": lambda: _surat(info, rekomendasi_keramaian),
        "rekomendasi-tower": lambda: _surat(info, _rekomendasi_usaha(
            "pendirian menara telekomunikasi", [("Perusahaan", "{{ nama_usaha }}"),
                                                ("Menara", "{{ uraian }}"),
                                                ("Lokasi", "{{ lokasi }}")])),
        "izin-reklame-insidentil": lambda: _izin(info, "SURAT IZIN REKLAME INSIDENTIL",
                                                 _izin_body("memasang reklame insidentil", [
                                                     ("Materi reklame", "{{ uraian }}"),
                                                     ("Lokasi", "{{ lokasi }}"),
                                                     ("Jangka waktu", "{{ jangka_waktu }}")])),
        "izin-penebangan-pohon": lambda: _izin(info, "SURAT IZIN PENEBANGAN POHON",
                                               _izin_body("menebang pohon", [
                                                   ("Jenis dan jumlah", "{{ uraian }}"),
                                                   ("Lokasi", "{{ lokasi }}"),
                                                   ("Jangka waktu", "{{ jangka_waktu }}")])),
        "rekomendasi-skm": lambda: _surat(info, rekomendasi_skm),
        "rekomendasi-proposal": lambda: _surat(info, rekomendasi_proposal),
        "legalisir": lambda: legalisir(info),
        "surat-biasa": lambda: _surat(info, surat_biasa),
        "undangan": lambda: _surat(info, undangan),
        "surat-tugas": lambda: surat_tugas(info),
        "nota-dinas": lambda: nota_dinas(info),
        "surat-keterangan": lambda: surat_keterangan(info),
    }
    return builders[info.nama]()


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "resources" \
        / "templat"
    folder.mkdir(parents=True, exist_ok=True)
    for info in BAWAAN:
        content = build(info).save()
        fields = periksa_docx(content, nama_berkas(info.nama)).isian
        (folder / nama_berkas(info.nama)).write_bytes(content)
        print(f"{nama_berkas(info.nama)}: {len(content)} bita, {len(fields)} isian")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
