"""Naskah: letters from templates. Numbering in the Agenda Surat Keluar with the link to the
request, the signed QR, every field filled; refusals that take no number; template
management (versions kept, audited, admin only)."""

from __future__ import annotations

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.naskah import templat as tp
from jogoroto_desktop.naskah.bawaan import BAWAAN
from jogoroto_desktop.naskah.buat import buat_naskah, isian_diperlukan
from jogoroto_desktop.naskah.isi import periksa_docx, teks_docx
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.registers.surat_keluar import void_surat_keluar
from jogoroto_desktop.validation import ValidationError
from jogoroto_desktop.verification import verify_document
from tests.naskah_helpers import (
    NOW,
    SKCK_ISIAN,
    counter_value,
    docx_with,
    isi_pejabat,
    permohonan,
)

pytestmark = pytest.mark.usefixtures("database")

LEFTOVER = ("{{", "}}", "{%", "%}")


def test_every_shipped_template_passes_the_template_check() -> None:
    for info in BAWAAN:
        content = tp.isi_templat(tp.info_templat(info.nama))
        used = periksa_docx(content, info.nama).isian
        assert {"nomor" if info.bernomor else "nomor", "qr", "ttd_nama", "ttd_nip"} <= used, \
            info.nama
    assert [i.nama for i in tp.daftar_templat()] == [i.nama for i in BAWAAN]
    assert all(i.versi == 0 and i.sumber == tp.SUMBER_PROGRAM for i in tp.daftar_templat())


def test_rekomendasi_skck_takes_the_next_number_links_the_request_and_fills_every_field() -> None:
    isi_pejabat()
    request = permohonan()
    assert request.status == ly.MENUNGGU_TTD
    hasil = buat_naskah("rekomendasi-skck", layanan_id=ly.nomor_register(request),
                        isian=SKCK_ISIAN, tembusan=["Kepala Desa Sumbermulyo"], now=NOW)
    assert hasil.nomor == "331/1/415.67/2026" and counter_value() == 1
    surat = models.SuratKeluar.get_by_id(hasil.surat_keluar_id)
    assert (surat.nomor, surat.status, surat.permohonan_id, surat.templat) == (
        hasil.nomor, "diagendakan", request.id, "rekomendasi-skck")
    assert surat.kepada == "Kepala Kepolisian Sektor Jogoroto"
    assert surat.pengolah == "sekretariat" and surat.klasifikasi == "331"
    text = teks_docx(hasil.docx)
    assert not any(mark in text for mark in LEFTOVER)
    for expected in ("331/1/415.67/2026", "Jogoroto, 6 Desember 2026", "Ahmad Fauzi",
                     "3517121508950003", "Jombang, 15 Agustus 1995", "Laki-laki",
                     "Karyawan Swasta", "Desa Sumbermulyo", "CAMAT JOGOROTO,",
                     "Drs. H. Mochamad Ridwan, M.Si.", "NIP. 19690814 199703 1 003",
                     "1. Kepala Desa Sumbermulyo", "melamar pekerjaan"):
        assert expected in text, expected
    assert "a.n." not in text  # the Camat signs himself
    assert hasil.nilai["tanggal_lahir"] == "15 Agustus 1995"
    verdict = verify_document(hasil.qr_payload)
    assert verdict.record_id == surat.id and not verdict.dibatalkan
    assert any(ly.nomor_register(request) in line for line in verdict.lines)
    # the QR is really in the document, as an image
    assert b"word/media/" in hasil.docx
    # a second letter for the same request is refused until the first is voided
    with pytest.raises(ValidationError) as refused:
        buat_naskah("rekomendasi-skck", layanan_id=request.id, isian=SKCK_ISIAN, now=NOW)
    assert "331/1/415.67/2026" in refused.value.problems["layanan"]
    void_surat_keluar(surat, "Salah tulis nama", now=NOW)
    assert verify_document(hasil.qr_payload).dibatalkan
    again = buat_naskah("rekomendasi-skck", layanan_id=request.id, isian=SKCK_ISIAN, now=NOW)
    assert again.nomor == "331/2/415.67/2026"  # the voided number stays used


def test_the_sekcam_signs_on_behalf_of_the_camat_and_a_kasi_under_him() -> None:
    isi_pejabat()
    models.Pejabat.update(nama="Bambang Sutrisno", pangkat="Penata", nip="19800101 200501 1 001"
                          ).where(models.Pejabat.jabatan.startswith("Kasi Ketentraman")).execute()
    isi = {"isi": "Paragraf pertama.\n\nParagraf kedua."}
    sekcam = teks_docx(buat_naskah("surat-biasa", kepada="Kepala Desa se-Kecamatan Jogoroto",
                                   perihal="Pemutakhiran data", penandatangan="Sekretaris Camat",
                                   isian=isi, now=NOW).docx)
    assert "a.n. CAMAT JOGOROTO\nSekretaris,\n" in sekcam
    assert "Paragraf pertama.\nParagraf kedua." in sekcam
    kasi = teks_docx(buat_naskah(
        "surat-biasa", kepada="Kapolsek Jogoroto", perihal="Pengamanan",
        penandatangan="Kasi Ketentraman dan Ketertiban Umum", isian=isi, now=NOW).docx)
    assert "a.n. CAMAT JOGOROTO\nSekretaris\nu.b.\nKasi Ketentraman dan Ketertiban Umum," in kasi


@pytest.mark.parametrize("case", ["voided", "unverified", "signer", "template", "isian",
                                  "other-service", "no-request", "permission"])
def test_bad_input_is_refused_in_indonesian_and_takes_no_number(case: str) -> None:
    isi_pejabat()
    request = permohonan(steps=0 if case == "unverified" else 2)
    kwargs: dict = {"layanan_id": request.id, "isian": SKCK_ISIAN}
    name = "rekomendasi-skck"
    if case == "voided":
        ly.batalkan(request, "Pemohon membatalkan", now=NOW)
    elif case == "signer":
        models.Pejabat.update(nama="").where(models.Pejabat.jabatan == "Camat").execute()
    elif case == "template":
        name = "rekomendasi-tidak-ada"
    elif case == "isian":
        kwargs["isian"] = {"tempat_lahir": "Jombang", "agama": "Islam"}
    elif case == "other-service":
        name = "dispensasi-nikah"
    elif case == "no-request":
        kwargs.pop("layanan_id")
    elif case == "permission":
        session.set_actor(session.Actor("bendahara", "Bendahara", "bendahara"))
    audit_rows = models.Audit.select().count()
    with pytest.raises(ValidationError) as refused:
        buat_naskah(name, now=NOW, **kwargs)
    message = " ".join(refused.value.problems.values())
    expected = {"voided": "Dibatalkan", "unverified": "belum diverifikasi",
                "signer": "Pengaturan > Pejabat", "template": "tidak ada",
                "isian": "pekerjaan", "other-service": "bukan permohonan layanan",
                "no-request": "permohonan", "permission": "tidak berwenang"}[case]
    assert expected in message
    assert counter_value() is None
    assert models.SuratKeluar.select().count() == 0
    assert models.Audit.select().count() == audit_rows


def test_a_letter_that_cannot_be_filled_rolls_its_number_back() -> None:
    isi_pejabat()
    session.set_actor(session.SETUP_ADMIN)
    tp.tambah_templat("uji", docx_with("Nomor {{ nomor }}", "{{ qr }}",
                                       "{{ ttd_nama }} {{ kepada }}", "{{ hal }}"),
                      klasifikasi="005")
    # a value that itself looks like a tag is caught by the check of the filled document
    with pytest.raises(ValidationError) as refused:
        buat_naskah("uji", kepada="Kepala Desa {{ nama }}", perihal="Uji", now=NOW)
    assert "tidak terganti" in refused.value.problems["templat"]
    assert counter_value() is None and models.SuratKeluar.select().count() == 0


def test_a_naskah_dinas_needs_its_addressee_subject_and_text() -> None:
    isi_pejabat()
    with pytest.raises(ValidationError) as refused:
        buat_naskah("surat-biasa", now=NOW)
    assert set(refused.value.problems) == {"kepada", "perihal"}
    assert "Perihal wajib diisi." in refused.value.problems["perihal"]
    with pytest.raises(ValidationError) as refused:  # then the text to write
        buat_naskah("surat-biasa", kepada="Kepala Desa Janti", perihal="Data", now=NOW)
    assert set(refused.value.problems) == {"isi"}
    assert counter_value() is None


def test_isian_diperlukan_names_what_the_dialog_asks() -> None:
    assert [i.nama for i in isian_diperlukan("rekomendasi-skck")] == [
        "tempat_lahir", "agama", "pekerjaan"]
    assert [i.nama for i in isian_diperlukan("dispensasi-nikah")] == [
        "tempat_lahir", "pasangan_nama", "pasangan_alamat", "tanggal_nikah", "tempat_nikah"]


def test_dispensasi_nikah_writes_the_wedding_day_in_words() -> None:
    isi_pejabat()
    request = permohonan("dispensasi-nikah", steps=3)
    hasil = buat_naskah("dispensasi-nikah", layanan_id=request.id, isian={
        "tempat_lahir": "Jombang", "pasangan_nama": "Siti Aminah",
        "pasangan_alamat": "Desa Janti", "tanggal_nikah": "12-12-2026",
        "tempat_nikah": "KUA Kecamatan Jogoroto"}, now=NOW)
    text = teks_docx(hasil.docx)
    assert "Sabtu, 12 Desember 2026" in text and hasil.nomor.startswith("474.2/1/")
    assert "Kepala Kantor Urusan Agama Kecamatan Jogoroto" in text


def test_the_legalisir_stamp_carries_the_register_number_and_takes_no_letter_number() -> None:
    isi_pejabat()
    request = permohonan("legalisir", steps=1)
    hasil = buat_naskah("legalisir", layanan_id=request.id, isian={"dokumen": "Kartu Keluarga"},
                        now=NOW)
    assert hasil.surat_keluar_id is None and hasil.nomor == ly.nomor_register(request)
    assert counter_value() is None
    assert "Kartu Keluarga atas nama Ahmad Fauzi" in teks_docx(hasil.docx)
    assert verify_document(hasil.qr_payload).record_id == request.id


def test_paper_can_be_switched_to_a4() -> None:
    from docx import Document

    isi_pejabat()
    hasil = buat_naskah("undangan", kepada="Kepala Desa se-Kecamatan Jogoroto", isian={
        "tanggal_acara": "2026-12-10", "waktu_acara": "09.00 WIB",
        "tempat_acara": "Pendopo Kecamatan", "acara": "Rapat koordinasi"}, kertas="A4", now=NOW)
    import io

    section = Document(io.BytesIO(hasil.docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "Kamis, 10 Desember 2026" in teks_docx(hasil.docx)


# --- template management -------------------------------------------------------------------

@pytest.mark.parametrize("content, expected", [
    (b"plain text, not a docx", "bukan dokumen Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Word 97-2003"),
    (b"%PDF-1.7 ...", "PDF"),
    (docx_with("Yth. {{ nama_lengkap }}"), "{{ nama_lengkap }}"),
    (docx_with("Yth. {{ nama }"), "tidak ditutup"),
    (docx_with("{{ nama | }}"), "tidak sah"),
    (docx_with("{% if nama %}", "tanpa penutup"), "{% endif %}"),
])
def test_a_bad_template_is_refused_naming_the_problem(content: bytes, expected: str) -> None:
    with pytest.raises(ValidationError) as refused:
        tp.tambah_templat("surat-uji", content)
    assert expected in refused.value.problems["templat"]
    assert models.TemplatNaskah.select().count() == 0


def test_templates_are_added_replaced_restored_with_every_version_kept_and_audited() -> None:
    added = tp.tambah_templat("surat-domisili", docx_with("{{ nama }} {{ nomor }}"),
                              judul="Surat Keterangan Domisili", klasifikasi="470",
                              sop_id="", jenis="dinas")
    assert (added.versi, added.sumber) == (1, tp.SUMBER_UNGGAHAN)
    with pytest.raises(ValidationError):
        tp.tambah_templat("surat-domisili", docx_with("{{ nama }}"))
    tp.ganti_templat("surat-domisili", docx_with("{{ nama }} {{ nomor }} v2"))
    assert tp.info_templat("surat-domisili").versi == 2
    assert tp.info_templat("surat-domisili").klasifikasi == "470"  # kept
    # a shipped template replaced, then restored: the office's version stays in the history
    tp.ganti_templat("undangan", docx_with("{{ nomor }} {{ kepada }}"))
    assert tp.info_templat("undangan").versi == 1
    restored = tp.pulihkan_templat("undangan")
    assert (restored.versi, restored.sumber) == (2, tp.SUMBER_BAWAAN)
    _info, content = tp.unduh_templat("undangan")
    assert content == (tp.isi_templat(tp.info_templat("undangan")))
    assert [i.versi for i in tp.riwayat_templat("undangan")] == [2, 1, 0]
    _old, first = tp.unduh_templat("undangan", versi=1)
    assert b"word/document.xml" in first
    aksi = [a.aksi for a in models.Audit.select().where(models.Audit.tabel == tp.TABEL)
            .order_by(models.Audit.id)]
    assert aksi == ["buat", "ubah", "ubah", "pulihkan", "unduh", "unduh"]
    with pytest.raises(ValidationError):
        tp.pulihkan_templat("surat-domisili")  # not shipped: nothing to restore


def test_only_the_admin_manages_templates() -> None:
    session.set_actor(session.Actor("loket", "Petugas", "petugas_loket"))
    for attempt in (lambda: tp.tambah_templat("x", docx_with("{{ nama }}")),
                    lambda: tp.pulihkan_templat("undangan"),
                    lambda: tp.unduh_templat("undangan")):
        with pytest.raises(session.PermissionDenied):
            attempt()
    assert tp.daftar_templat()  # listing is for everyone


@pytest.mark.postgres
def test_on_postgresql_templates_keep_their_bytes_and_a_letter_is_numbered(
        pg_url: str) -> None:
    models.close_database()
    models.open_database(pg_url)
    isi_pejabat()
    content = docx_with("Nomor {{ nomor }}", "Yth. {{ kepada }}", "{{ hal }}", "{{ qr }}",
                        "{{ ttd_nama }}")
    tp.tambah_templat("uji-pg", content, klasifikasi="005")
    assert tp.unduh_templat("uji-pg")[1] == content  # bytea back as the same bytes
    request = permohonan()
    hasil = buat_naskah("rekomendasi-skck", layanan_id=request.id, isian=SKCK_ISIAN, now=NOW)
    assert hasil.nomor == "331/1/415.67/2026"
    assert models.SuratKeluar.get_by_id(hasil.surat_keluar_id).permohonan_id == request.id
    with pytest.raises(ValidationError):
        buat_naskah("uji-pg", kepada="Kepala Desa {{ x }}", perihal="Uji", now=NOW)
    assert counter_value() == 1


def test_the_shipped_templates_are_what_tools_make_templates_builds(tmp_path) -> None:
    """The committed .docx files are reproducible from the script (fixed times and names)."""
    import importlib.util

    from tests.conftest import REPO_ROOT

    spec = importlib.util.spec_from_file_location("make_templates",
                                                  REPO_ROOT / "tools" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path)]) == 0
    for info in BAWAAN:
        built = (tmp_path / f"{info.nama}.docx").read_bytes()
        shipped = (REPO_ROOT / "resources" / "templat" / f"{info.nama}.docx").read_bytes()
        assert built == shipped, f"{info.nama}: run python tools/make_templates.py"


def test_a_letter_is_made_again_with_its_number_template_version_and_typed_values() -> None:
    from jogoroto_desktop.naskah.buat import buat_ulang_naskah, surat_dari_templat
    from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, update_surat_keluar

    isi_pejabat()
    request = permohonan()
    first = buat_naskah("rekomendasi-skck", layanan_id=request.id, isian=SKCK_ISIAN,
                        tembusan=["Kepala Desa Sumbermulyo"], now=NOW)
    # the office replaces the template afterwards: the letter is made again from its own version
    tp.ganti_templat("rekomendasi-skck", docx_with("{{ nomor }} versi baru {{ qr }}"))
    surat = models.SuratKeluar.get_by_id(first.surat_keluar_id)
    update_surat_keluar(surat, SuratKeluarInput(
        klasifikasi=surat.klasifikasi, kepada="Kapolsek Jogoroto", perihal=surat.perihal,
        sifat=surat.sifat, pengolah=surat.pengolah, lampiran=surat.lampiran,
        tanggal=surat.tanggal), now=NOW)
    again = buat_ulang_naskah(first.surat_keluar_id, kertas="A4")
    assert (again.nomor, again.qr_payload, again.templat.versi) == (
        first.nomor, first.qr_payload, 0)
    text = teks_docx(again.docx)
    assert "Karyawan Swasta" in text and "1. Kepala Desa Sumbermulyo" in text
    assert "Yth.\tKapolsek Jogoroto" in text and "versi baru" not in text
    assert counter_value() == 1
    assert [s.nomor for s in surat_dari_templat(request.id)] == [first.nomor]
    void_surat_keluar(models.SuratKeluar.get_by_id(first.surat_keluar_id), "Rusak", now=NOW)
    with pytest.raises(ValidationError) as refused:
        buat_ulang_naskah(first.surat_keluar_id)
    assert "dibatalkan" in refused.value.problems["surat"]


def test_a_tag_left_anywhere_is_found_even_split_over_runs() -> None:
    from docx import Document

    from jogoroto_desktop.naskah.isi import sisa_isian

    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Yth. {{ ke").bold = True
    paragraph.add_run("pada }}")
    document.add_table(rows=1, cols=1).rows[0].cells[0].paragraphs[0].add_run("{% if x %}")
    document.sections[0].header.paragraphs[0].add_run("Kop {{ kop_instansi }}")
    document.add_paragraph("Tidak ada tanda di sini; kurung { } biasa boleh.")
    assert sisa_isian(document) == ["Yth. {{ kepada }}", "{% if x %}",
                                    "Kop {{ kop_instansi }}"]


@pytest.mark.postgres
def test_on_postgresql_two_pcs_making_the_same_letter_get_one_number(pg_url: str) -> None:
    """Two threads (two connections) make the letter of one request at once: the request's
    row lock lets one through; the other sees its letter and is refused."""
    import threading

    models.close_database()
    models.open_database(pg_url)
    isi_pejabat()
    request = permohonan()
    results: list[str] = []
    start = threading.Barrier(2)

    def make() -> None:
        with session.acting_as(session.SETUP_ADMIN):
            start.wait()
            try:
                results.append(buat_naskah("rekomendasi-skck", layanan_id=request.id,
                                           isian=SKCK_ISIAN, now=NOW).nomor)
            except ValidationError as exc:
                results.append(exc.problems["layanan"])
            finally:
                models.db.close()

    threads = [threading.Thread(target=make) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results)[0] == "331/1/415.67/2026", results
    assert "sudah punya" in sorted(results)[1]
    assert models.SuratKeluar.select().count() == 1 and counter_value() == 1
