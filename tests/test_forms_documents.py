"""From the registers to the printed Surat Pengantar and Tanda Terima: the mapping, the PDF
read back (text and QR decoded by zxing-cpp), and verification of their codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

import models
from jogoroto_desktop import documents
from jogoroto_desktop.qr import PayloadError, RecordRef, new_signing_key, sign_payload
from jogoroto_desktop.qr_keys import signing_key
from jogoroto_desktop.registers.pengantar import (
    ItemInput,
    SuratPengantarInput,
    batalkan_surat_pengantar,
    buat_surat_pengantar,
)
from jogoroto_desktop.verification import verify_document
from printing.forms.layout import FormLayout
from printing.forms.surat_pengantar import build_surat_pengantar
from printing.forms.tanda_terima import build_tanda_terima

TODAY = dt.date(2026, 3, 10)
PAGE_MM = {"A4": (210, 297), "F4": (215, 330)}


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "dokumen.db"
    models.open_database(path)
    models.Pejabat.update(nama="Drs. Bambang Sutrisno, M.Si").where(
        models.Pejabat.jabatan == "Camat").execute()
    yield path
    models.close_database()


def make_pengantar(**changes: object) -> models.SuratPengantar:
    values: dict = {
        "kepada": "Kepala BKPSDM Kabupaten Jombang", "tanggal": TODAY, "di": "JOMBANG",
        "klasifikasi": "800",
        "items": (ItemInput("Usulan kenaikan pangkat a.n. Siti Aminah, S.Sos", "1 (satu) berkas",
                            "Untuk diproses lebih lanjut"),
                  ItemInput("Fotokopi SK pangkat terakhir (legalisir)", "2 (dua) lembar")),
    }
    values.update(changes)
    return buat_surat_pengantar(SuratPengantarInput(**values), today=TODAY)


def make_permohonan(nomor: int = 7, tanda_terima: int = 27, **changes: object
                    ) -> models.Permohonan:
    """A service request as the layanan register writes it (inserted directly here)."""
    now = dt.datetime(2026, 3, 9, 10, 15)
    values: dict = {
        "sop_id": "legalisir", "tahun": 2026, "nomor": nomor,
        "nomor_tanda_terima": tanda_terima, "pemohon_nama": "Muhammad Rizky Ramadhan",
        "pemohon_nik": "3517081203990004", "pemohon_alamat": "Dusun Sumbermulyo RT 002 RW 005",
        "pemohon_desa": "Sumbermulyo", "telepon": "", "keperluan": "Melamar pekerjaan",
        "diterima_pada": now, "langkah_sekarang": 1, "status": "diterima",
        "status_alasan": "", "target_selesai": dt.datetime(2026, 3, 10, 10, 15),
        "selesai_pada": None, "diambil_oleh": "", "diambil_pada": None,
        "petugas": "Dewi Lestari", "dibuat_oleh": "Dewi Lestari", "dibuat_pada": now,
        "diubah_pada": now, "versi": 1,
    }
    values.update(changes)
    permohonan = models.Permohonan.create(**values)
    for urutan, (syarat, ada) in enumerate((("Fotokopi ijazah", True),
                                            ("Ijazah asli untuk dicocokkan", True),
                                            ("Fotokopi KTP", False)), 1):
        models.PermohonanSyarat.create(permohonan=permohonan, urutan=urutan, syarat=syarat,
                                       ada=ada)
    return permohonan


def _read(path: Path) -> tuple[str, list[str], list[tuple[float, float]]]:
    """Text of every page, the QR codes zxing-cpp decodes on page 1, page sizes in mm."""
    document = pdfium.PdfDocument(str(path))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    image = document[0].render(scale=3).to_pil()
    codes = [result.text for result in zxingcpp.read_barcodes(image)]
    sizes = [(w / 72 * 25.4, h / 72 * 25.4) for w, h in
             (document.get_page_size(i) for i in range(len(document)))]
    return " ".join(text.split()), codes, sizes


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_surat_pengantar_prints_the_register_entry(database: Path, tmp_path: Path,
                                                   paper: str) -> None:
    sp = make_pengantar()
    data = documents.surat_pengantar_data(sp)
    assert data.nomor == "800/1/415.67/2026" and data.tanggal == TODAY
    assert [item.jenis for item in data.items][1] == "Fotokopi SK pangkat terakhir (legalisir)"
    assert data.pengirim.jabatan == "Camat Jogoroto"
    assert data.pengirim.nip == "19690814 199703 2 003"
    target = tmp_path / f"sp-{paper}.pdf"
    layout = FormLayout()
    assert build_surat_pengantar(data, target, paper, layout=layout) == 1
    assert not layout.truncated
    text, codes, sizes = _read(target)
    for expected in ("SURAT PENGANTAR", "800/1/415.67/2026", "Kepala BKPSDM Kabupaten Jombang",
                     "JOMBANG", "Usulan kenaikan pangkat a.n. Siti Aminah, S.Sos",
                     "2 (dua) lembar", "Drs. Bambang Sutrisno, M.Si", "10 Maret 2026",
                     "Diterima tanggal", "KECAMATAN JOGOROTO"):
        assert expected in text
    assert codes == [data.qr_payload]
    assert verify_document(codes[0]).record_id == sp.id
    width, height = PAGE_MM[paper]
    assert abs(sizes[0][0] - width) < 0.5 and abs(sizes[0][1] - height) < 0.5


def test_another_signer_and_a_voided_code_still_verifies(database: Path) -> None:
    models.Pejabat.update(nama="Hadi Purnomo, S.H.", pangkat="Penata Tk. I", nip="19750101 "
                          "200003 1 004").where(models.Pejabat.jabatan == "Sekretaris Camat"
                                                ).execute()
    sp = make_pengantar(penandatangan_jabatan="Sekretaris Camat")
    data = documents.surat_pengantar_data(sp)
    assert (data.pengirim.jabatan, data.pengirim.nama) == ("Sekretaris Camat",
                                                           "Hadi Purnomo, S.H.")
    batalkan_surat_pengantar(sp, "Salah alamat")
    record = verify_document(data.qr_payload)
    assert record.ref == RecordRef("SP", 2026, 1)
    assert any("800/1/415.67/2026" in line for line in record.lines)
    assert any("dibatalkan (Salah alamat)" in line for line in record.lines)
    assert any("Usulan kenaikan pangkat" in line for line in record.lines)


def test_tanda_terima_maps_the_service_request(database: Path, tmp_path: Path) -> None:
    permohonan = make_permohonan()
    data = documents.tanda_terima_data(permohonan)
    assert data.layanan == "Pelayanan Legalisir"
    assert data.nomor_register == "legalisir/7/2026" and data.nomor_tanda_terima == "TT-27/2026"
    assert [(s.label, s.checked) for s in data.persyaratan] == [
        ("Fotokopi ijazah", True), ("Ijazah asli untuk dicocokkan", True),
        ("Fotokopi KTP", False)]
    assert data.perkiraan_selesai == dt.date(2026, 3, 10)
    assert data.tanggal == dt.date(2026, 3, 9)
    assert data.pemohon_alamat == "Dusun Sumbermulyo RT 002 RW 005, Desa Sumbermulyo"
    assert data.qr_payload == sign_payload(RecordRef("TT", 2026, 27), signing_key())
    target = tmp_path / "tt.pdf"
    layout = FormLayout()
    build_tanda_terima(data, target, "A4", layout=layout)
    assert not layout.truncated
    text, codes, _sizes = _read(target)
    for expected in ("TT-27/2026", "7/2026", "Pelayanan Legalisir", "Muhammad Rizky Ramadhan",
                     "3517081203990004", "Fotokopi ijazah", "Dewi Lestari", "10 Maret 2026"):
        assert expected in text
    assert codes == [data.qr_payload]
    record = verify_document(codes[0])
    assert record.record_id == permohonan.id
    assert any("Pelayanan Legalisir (No. Register legalisir/7/2026)" in line
               for line in record.lines)
    assert any("Muhammad Rizky Ramadhan" in line for line in record.lines)


def test_tanda_terima_without_target_or_unknown_service(database: Path) -> None:
    permohonan = make_permohonan(sop_id="layanan-lama", target_selesai=None,
                                 pemohon_alamat="", pemohon_desa="Jogoroto")
    data = documents.tanda_terima_data(permohonan)
    assert data.layanan == "layanan-lama" and data.perkiraan_selesai is None
    assert data.pemohon_alamat == "Desa Jogoroto"


def test_sp_and_tt_codes_altered_foreign_or_unknown_are_refused(database: Path) -> None:
    make_pengantar()
    make_permohonan()
    secret = signing_key()
    for kind, number in (("SP", 1), ("TT", 27)):
        genuine = sign_payload(RecordRef(kind, 2026, number), secret)
        assert verify_document(genuine).ref.kind == kind
        for index in range(5, len(genuine)):  # one character changed anywhere after "JGR1:"
            if genuine[index] == ":":
                continue
            swapped = "B" if genuine[index] == "A" else "A"
            if genuine[index].isdigit():
                swapped = "1" if genuine[index] != "1" else "2"
            altered = genuine[:index] + swapped + genuine[index + 1:]
            with pytest.raises(PayloadError):
                verify_document(altered)
        with pytest.raises(PayloadError):
            verify_document(genuine[:-3])
        with pytest.raises(PayloadError, match="instalasi lain"):
            verify_document(sign_payload(RecordRef(kind, 2026, number), new_signing_key()))
        with pytest.raises(PayloadError, match="tidak ada di basis data"):
            verify_document(sign_payload(RecordRef(kind, 2026, number + 100), secret))


def test_signature_block_names_the_camat_when_another_signs() -> None:
    """Naskah dinas: the Camat signs as "Camat Jogoroto"; the Sekretaris Camat a.n. the
    Camat; anyone else a.n. the Camat, u.b. the Sekretaris Camat."""
    from jogoroto_desktop.kop import Kop
    from models import Pejabat

    kop = Kop()
    camat = documents.penandatangan_naskah(Pejabat(jabatan="Camat", nama="A"), kop)
    assert camat.heading == "Camat Jogoroto,"
    sekcam = documents.penandatangan_naskah(Pejabat(jabatan="Sekretaris Camat", nama="B"), kop)
    assert sekcam.heading == "a.n. CAMAT JOGOROTO\nSekretaris Camat,"
    kasi = documents.penandatangan_naskah(Pejabat(jabatan="Kasi Tata Pemerintahan"), kop)
    assert kasi.heading == ("a.n. CAMAT JOGOROTO\nSekretaris Camat\nu.b.\n"
                            "Kasi Tata Pemerintahan,")
