"""Issue 17, items 3 and 4: printed forms signed with the office's Ed25519 key, checked on
another PC with only the exported public key; `verify` writes nothing; old HMAC codes keep
verifying on the office database; a voided record verifies as DIBATALKAN (exit 3) and its
form prints with the mark; the signed code still scans at its printed size (150 dpi)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

import models
from jogoroto_desktop import accounts, documents, qr_keys, session
from jogoroto_desktop.cli.main import EXIT_VOIDED, main
from jogoroto_desktop.qr import RecordRef, fingerprint, make_hmac_payload, read_public_keys
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    register_surat_masuk,
    void_surat_masuk,
)
from printing.forms.kartu_kendali import build_kartu_kendali
from printing.forms.lembar_disposisi import build_lembar_disposisi
from printing.forms.surat_pengantar import build_surat_pengantar
from printing.forms.tanda_terima import build_tanda_terima
from tests.test_forms_documents import make_pengantar, make_permohonan
from tests.test_print_cli import register  # noqa: F401  (the fixture)

DPI_150 = 150 / 72
OLD_SECRET = bytes(range(32))


@pytest.fixture
def office(request: pytest.FixtureRequest) -> Path:
    """The office database (test_print_cli's: one incoming letter with a disposisi, one
    numbered outgoing letter) with the old scheme's secret: it printed forms before the key."""
    path: Path = request.getfixturevalue("register")
    models.open_database(path)
    models.set_setting(qr_keys.HMAC_SECRET_SETTING, OLD_SECRET.hex())
    models.close_database()
    return path


def _codes(pdf: Path, scale: float = DPI_150) -> list[list[str]]:
    """The QR codes zxing-cpp reads on each page rendered at `scale` (150 dpi by default)."""
    document = pdfium.PdfDocument(str(pdf))
    return [[r.text for r in zxingcpp.read_barcodes(page.render(scale=scale).to_pil(),
                                                    formats=zxingcpp.BarcodeFormat.QRCode)]
            for page in document]


def _text(pdf: Path) -> str:
    return " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(str(pdf)))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _printed_code(office: Path, tmp_path: Path, capsys) -> str:
    """Print the letter's Lembar Disposisi through the CLI and scan its code at 150 dpi."""
    target = tmp_path / "disposisi.pdf"
    assert main(["--db", str(office), "print", "disposisi", "1/2026", "-o", str(target)]) == 0
    said = capsys.readouterr().out
    [[code]] = _codes(target)
    assert f"Kode QR: {code}" in said and code.startswith("JGR2:SM:2026:1:")
    return code


def test_another_pc_with_its_own_database_and_the_public_key_accepts_a_genuine_form(
        office: Path, tmp_path: Path, capsys) -> None:
    code = _printed_code(office, tmp_path, capsys)
    key_file = tmp_path / "kunci-kantor.txt"
    assert main(["--db", str(office), "kunci", "ekspor", "-o", str(key_file)]) == 0
    capsys.readouterr()
    # No database at all: the --db path is never created.
    nowhere = tmp_path / "pc-lain" / "tidak-ada.db"
    assert main(["--db", str(nowhere), "verify", "--kunci", str(key_file), code]) == 0
    out = capsys.readouterr().out
    assert "Dokumen asli: Surat Masuk 1/2026" in out and "sidik jari" in out
    assert not nowhere.parent.exists()
    # A PC with a database of its own (its own key): its database cannot tell, the key can.
    other = tmp_path / "pc-lain.db"
    models.open_database(other)
    documents.payload_for("SM", 2026, 1)  # that PC printed something: it has a key too
    models.close_database()
    assert main(["--db", str(other), "verify", code]) == 1
    assert "TIDAK SAH" in capsys.readouterr().err
    assert main(["--db", str(other), "verify", "--kunci", str(key_file), code]) == 0
    # A forged code is refused with the key file too.
    forged = code.replace("JGR2:SM:2026:1:", "JGR2:SM:2026:2:")
    assert main(["verify", "--kunci", str(key_file), forged]) == 1
    assert "TIDAK SAH" in capsys.readouterr().err


def test_a_key_file_without_a_key_or_unreadable_is_refused(tmp_path: Path, capsys) -> None:
    code = "JGR2:SM:2026:1:" + "A" * 103
    (tmp_path / "kosong.txt").write_text("bukan kunci\n", encoding="utf-8")
    assert main(["verify", "--kunci", str(tmp_path / "kosong.txt"), code]) == 1
    assert "tidak memuat kunci publik" in capsys.readouterr().err
    assert main(["verify", "--kunci", str(tmp_path / "hilang.txt"), code]) == 1
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_old_hmac_codes_still_verify_on_the_office_database(office: Path, capsys) -> None:
    old = make_hmac_payload(RecordRef("SM", 2026, 1), OLD_SECRET)
    assert main(["--db", str(office), "verify", old]) == 0
    assert "Dokumen asli: Surat Masuk 1/2026" in capsys.readouterr().out
    altered = old[:-1] + ("B" if old.endswith("A") else "A")
    assert main(["--db", str(office), "verify", altered]) == 1
    # Not with a key file: the old scheme's secret is in the office database only.
    key_file = office.parent / "k.txt"
    assert main(["--db", str(office), "kunci", "ekspor", "-o", str(key_file)]) == 0
    assert main(["verify", "--kunci", str(key_file), old]) == 1
    assert "JGR1" in capsys.readouterr().err


def test_verify_leaves_the_database_byte_identical(office: Path, tmp_path: Path,
                                                   capsys) -> None:
    code = _printed_code(office, tmp_path, capsys)
    fresh = tmp_path / "baru.db"  # never signed: no key, no old secret
    models.open_database(fresh)
    models.close_database()
    before = {path: _digest(path) for path in (office, fresh)}
    payloads = (code, code[:-5], make_hmac_payload(RecordRef("SM", 2026, 1), OLD_SECRET),
                make_hmac_payload(RecordRef("SK", 2026, 1), b"x" * 32), "bukan-kode",
                "JGR2:SM:2026:99:" + code.rsplit(":", 1)[1])
    for path in (office, fresh):
        for payload in payloads:
            main(["--db", str(path), "verify", payload])
    capsys.readouterr()
    assert {path: _digest(path) for path in (office, fresh)} == before
    models.open_database(fresh)
    try:
        assert qr_keys.office_public_keys() == []  # no key published into it
        assert models.get_setting(qr_keys.HMAC_SECRET_SETTING) is None
    finally:
        models.close_database()
    missing = tmp_path / "tidak-ada.db"
    assert main(["--db", str(missing), "verify", code]) == 1
    assert not missing.exists()


def test_a_voided_record_verifies_as_dibatalkan_and_prints_with_the_mark(
        office: Path, tmp_path: Path, capsys) -> None:
    code = _printed_code(office, tmp_path, capsys)
    assert "DIBATALKAN" not in _text(tmp_path / "disposisi.pdf")
    models.open_database(office)
    surat = models.SuratMasuk.get(models.SuratMasuk.nomor_agenda == 1)
    void_surat_masuk(surat, "Surat salah alamat, dikembalikan",
                     now=dt.datetime(2026, 11, 25, 9, 30))
    models.close_database()
    assert main(["--db", str(office), "verify", code]) == EXIT_VOIDED == 3
    out = capsys.readouterr().out
    assert "DIBATALKAN: Surat Masuk 1/2026" in out
    assert "Surat salah alamat, dikembalikan" in out and "25 November 2026" in out
    voided_pdf = tmp_path / "disposisi-batal.pdf"
    assert main(["--db", str(office), "print", "disposisi", "1/2026", "-o",
                 str(voided_pdf)]) == 0
    assert "DIBATALKAN" in _text(voided_pdf)
    assert _codes(voided_pdf) == [[code]]  # the mark leaves the code readable


def test_every_form_of_a_voided_record_carries_the_mark_and_a_code_that_scans_at_150_dpi(
        tmp_path: Path) -> None:
    models.open_database(tmp_path / "formulir.db")
    try:
        surat = register_surat_masuk(SuratMasukInput(
            dari="Bagian Pemerintahan", nomor_surat="100/7/415.12/2026",
            tanggal_surat="2026-11-02", perihal="Data batas desa",
            tanggal_diterima="2026-11-03"))
        keluar = register_surat_keluar(
            SuratKeluarInput(klasifikasi="100", kepada="Bagian Pemerintahan",
                             perihal="Data batas desa", tanggal="2026-11-05"),
            langsung_diagendakan=True)
        forms = {
            "disposisi-half": lambda out: build_lembar_disposisi(
                documents.lembar_disposisi_data(surat), out, "HALF_FOLIO"),
            "disposisi-a4": lambda out: build_lembar_disposisi(
                documents.lembar_disposisi_data(surat), out, "A4"),
            "kartu-card": lambda out: build_kartu_kendali(
                documents.kartu_kendali_masuk(surat), out, "CARD"),
            "kartu-a4": lambda out: build_kartu_kendali(  # three cards scaled onto A4
                documents.kartu_kendali_keluar(keluar), out, "A4"),
            "pengantar": lambda out: build_surat_pengantar(
                documents.surat_pengantar_data(pengantar), out, "A4"),
            "tanda-terima": lambda out: build_tanda_terima(
                documents.tanda_terima_data(permohonan), out, "HALF_FOLIO"),
        }
        pengantar = make_pengantar()
        permohonan = make_permohonan()
        for name, build in forms.items():
            build(tmp_path / f"{name}.pdf")
            assert "DIBATALKAN" not in _text(tmp_path / f"{name}.pdf"), name
        void_surat_masuk(surat, "Rangkap")
        models.SuratKeluar.update(status="dibatalkan", batal_alasan="Salah nomor").where(
            models.SuratKeluar.id == keluar.id).execute()
        models.SuratPengantar.update(status="dibatalkan", batal_alasan="Batal kirim").where(
            models.SuratPengantar.id == pengantar.id).execute()
        models.Permohonan.update(status="dibatalkan", batal_alasan="Ditarik").where(
            models.Permohonan.id == permohonan.id).execute()
        surat, keluar, pengantar, permohonan = (
            type(r).get_by_id(r.id) for r in (surat, keluar, pengantar, permohonan))
        for name, build in forms.items():
            target = tmp_path / f"{name}-batal.pdf"
            build(target)
            assert "DIBATALKAN" in _text(target), name
            pages = _codes(target)
            assert all(len(page) >= 1 and page[0].startswith("JGR2:") for page in pages), (
                name, pages)
    finally:
        models.close_database()


def test_rotation_keeps_old_forms_verifying_is_audited_and_admin_only(
        office: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    code = _printed_code(office, tmp_path, capsys)
    assert main(["--db", str(office), "kunci", "ganti"]) == 0
    out = capsys.readouterr().out
    assert "Kunci lama:" in out
    assert main(["--db", str(office), "verify", code]) == 0  # printed with the old key
    models.open_database(office)
    try:
        assert documents.payload_for("SM", 2026, 1) != code
        row = (models.Audit.select().where(models.Audit.ringkasan.contains("Kunci tanda tangan"))
               .get())
        assert row.aksi == "ubah" and row.oleh
        with session.acting_as(session.Actor("agen", "Agendaris", "agendaris")), \
                pytest.raises(session.PermissionDenied):
            qr_keys.rotate_signing_key()
        assert len(qr_keys.office_public_keys()) == 2
    finally:
        models.close_database()
    key_file = tmp_path / "k.txt"
    assert main(["--db", str(office), "kunci", "ekspor", "-o", str(key_file)]) == 0
    assert len(read_public_keys(key_file.read_text(encoding="utf-8"))) == 2
    assert main(["verify", "--kunci", str(key_file), code]) == 0
    # Once the database has accounts, rotating needs --user (and the admin, above).
    models.open_database(office)
    try:
        accounts.buat_admin_awal("Kantor-Baru77")
    finally:
        models.close_database()
    capsys.readouterr()
    assert main(["--db", str(office), "kunci", "ganti"]) == 1
    assert capsys.readouterr().out == ""
    models.open_database(office)
    try:
        assert len(qr_keys.office_public_keys()) == 2
    finally:
        models.close_database()


def test_the_verify_dialog_shows_a_voided_record_in_red(qtbot, office: Path, tmp_path: Path,
                                                      capsys) -> None:
    from ui.verify_dialog import GENUINE_STYLE, VOIDED_STYLE, VerifyDialog, scanned_code

    code = _printed_code(office, tmp_path, capsys)
    models.open_database(office)
    try:
        dialog = VerifyDialog()
        qtbot.addWidget(dialog)
        dialog.code.setText(code)
        assert dialog.check() and dialog.result.styleSheet() == GENUINE_STYLE
        void_surat_masuk(models.SuratMasuk.get(models.SuratMasuk.nomor_agenda == 1), "Rangkap",
                         now=dt.datetime(2026, 11, 25, 9, 30))
        dialog.code.setText(code)
        assert dialog.check() and dialog.record is not None and dialog.record.dibatalkan
        assert dialog.result.styleSheet() == VOIDED_STYLE
        assert "DIBATALKAN" in dialog.result.text() and "Rangkap" in dialog.result.text()
        assert "25 November 2026" in dialog.result.text()
        # Scanned into the register's search box: the record opens, the message is a warning.
        outcome = scanned_code(code, "SM")
        assert outcome is not None and outcome.error and outcome.record_id is not None
        assert "DIBATALKAN" in outcome.message
    finally:
        models.close_database()


def test_the_verify_dialog_on_another_pc_checks_with_the_key_file(
        qtbot, office: Path, tmp_path: Path, capsys) -> None:
    from ui.verify_dialog import VerifyDialog

    code = _printed_code(office, tmp_path, capsys)
    key_file = tmp_path / "kunci.txt"
    assert main(["--db", str(office), "kunci", "ekspor", "-o", str(key_file)]) == 0
    models.open_database(tmp_path / "pc-lain.db")  # this PC's own, empty database
    try:
        dialog = VerifyDialog()
        qtbot.addWidget(dialog)
        dialog.code.setText(code)
        assert not dialog.check()  # its database does not know the office's key
        dialog.choose_key_file = lambda: tmp_path / "hilang.txt"
        assert not dialog.use_key_file() and "tidak dapat dipakai" in dialog.key_label.text()
        dialog.choose_key_file = lambda: key_file
        assert dialog.use_key_file()
        dialog.code.setText(code)
        assert dialog.check() and "Dokumen asli: Surat Masuk 1/2026" in dialog.result.text()
        dialog.code.setText(code.replace(":2026:1:", ":2026:7:"))
        assert not dialog.check() and "TIDAK SAH" in dialog.result.text()
    finally:
        models.close_database()


def test_pengaturan_shows_exports_prints_and_rotates_the_key(qtbot, tmp_path: Path) -> None:
    from ui.settings_dialog import KunciTab

    models.open_database(tmp_path / "pengaturan.db")
    try:
        tab = KunciTab()
        qtbot.addWidget(tab)
        first = qr_keys.key_info().fingerprint
        assert first in tab.fingerprint.text()
        target = tmp_path / "kunci.txt"
        tab.choose_export_file = lambda: target
        assert tab.export_file() == target
        assert len(read_public_keys(target.read_text(encoding="utf-8"))) == 1
        preview = tab.print_page()
        assert preview is not None
        qtbot.waitUntil(preview.is_ready, timeout=15000)
        assert preview.pdf_path is not None and "KUNCI PUBLIK" in _text(preview.pdf_path)
        [[scanned]] = _codes(preview.pdf_path)  # the page's own QR carries the key
        assert fingerprint(read_public_keys(scanned)[0]) == first
        preview.close()
        tab.confirm_rotation = lambda: True
        assert tab.rotate()
        assert first in tab.retired.text() and first not in tab.fingerprint.text()
        with session.acting_as(session.Actor("agen", "Agendaris", "agendaris")):
            other = KunciTab()
            qtbot.addWidget(other)
            assert not other.rotate_button.isEnabled()
            other.confirm_rotation = lambda: True
            assert not other.rotate()
            assert "tidak berwenang" in other.status.text()
    finally:
        models.close_database()


@pytest.mark.postgres
def test_verify_on_postgresql_writes_nothing(pg_url: str, capsys) -> None:
    models.open_database(pg_url)
    register_surat_masuk(SuratMasukInput(
        dari="Bagian Pemerintahan", nomor_surat="100/7/415.12/2026", tanggal_surat="2026-11-02",
        perihal="Data batas desa", tanggal_diterima="2026-11-03"))
    code = documents.payload_for("SM", 2026, 1)

    def state() -> tuple[list[tuple[str, str]], int]:
        settings = sorted(models.Setting.select(models.Setting.key, models.Setting.value)
                          .tuples())
        return settings, models.Audit.select().count()

    before = state()
    models.close_database()
    assert main(["--db", pg_url, "verify", code]) == 0
    assert main(["--db", pg_url, "verify", code[:-4] + "AAAA"]) == 1
    models.open_database(pg_url)
    try:
        assert state() == before
        models.Setting.delete().where(
            models.Setting.key.startswith(qr_keys.PUBLIC_KEY_PREFIX_SETTING)).execute()
    finally:
        models.close_database()
    assert main(["--db", pg_url, "verify", code]) == 1  # a server without a key makes none
    models.open_database(pg_url)
    try:
        assert qr_keys.office_public_keys() == []
    finally:
        models.close_database()
    capsys.readouterr()


def test_a_copied_database_holds_no_private_key_and_cannot_forge_a_form(
        office: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's attack: the database (or a backup of it) copied to another PC.  It carries
    only public keys; what the other PC signs there is refused by the office."""
    import shutil

    code = _printed_code(office, tmp_path, capsys)
    private_hex = qr_keys.private_key_path().read_text(encoding="ascii").strip()
    models.open_database(office)
    try:
        backup_file = tmp_path / "cadangan.db"
        from jogoroto_desktop.storage import backup

        backup.make_backup(str(office), backup_file)
    finally:
        models.close_database()
    copied = tmp_path / "salinan.db"
    shutil.copyfile(office, copied)
    tried = refused = 0
    for leaked in (office, copied, backup_file):
        tried += 1
        assert private_hex.encode() not in leaked.read_bytes(), leaked
        assert bytes.fromhex(private_hex) not in leaked.read_bytes(), leaked
        refused += 1
    # The attacker's PC (its own data folder) signs a form for record 1 on the copy.
    monkeypatch.setenv("JOGOROTO_DATA_DIR", str(tmp_path / "pc-penyerang"))
    models.open_database(copied)
    try:
        forged = documents.payload_for("SM", 2026, 1)
    finally:
        models.close_database()
    assert forged != code
    monkeypatch.setenv("JOGOROTO_DATA_DIR", str(tmp_path / "pc-kantor-lain"))
    tried += 1
    assert main(["--db", str(office), "verify", forged]) == 1  # the office says TIDAK SAH
    assert "TIDAK SAH" in capsys.readouterr().err
    refused += 1
    assert main(["--db", str(office), "verify", code]) == 0  # its own form still genuine
    assert (tried, refused) == (4, 4)


def test_an_old_database_s_private_key_moves_to_this_pc_and_leaves_the_table(
        office: Path, tmp_path: Path, capsys) -> None:
    legacy = qr_keys.new_signing_key()
    models.open_database(office)
    try:
        models.set_setting(qr_keys.LEGACY_SIGNING_KEY_SETTING, legacy.private_bytes_raw().hex())
        from jogoroto_desktop.qr import sign_payload

        old_form = sign_payload(RecordRef("SM", 2026, 1), legacy)
        assert not qr_keys.private_key_path().exists()
        # Verifying before the move reads the old key's public half and writes nothing.
        assert fingerprint(legacy.public_key()) in {
            fingerprint(k) for k in qr_keys.office_public_keys()}
        assert qr_keys.migrate_legacy_key()
        assert models.get_setting(qr_keys.LEGACY_SIGNING_KEY_SETTING) is None
        assert qr_keys.signing_key().private_bytes_raw() == legacy.private_bytes_raw()
        row = models.Audit.select().where(
            models.Audit.ringkasan.contains("dihapus dari basis data")).get()
        assert row.aksi == "ubah" and fingerprint(legacy.public_key()) in row.ringkasan
        assert not qr_keys.migrate_legacy_key()  # once
        for file in (office, office.with_name(office.name + "-wal")):  # even while open
            if file.exists():
                assert legacy.private_bytes_raw().hex().encode() not in file.read_bytes(), file
    finally:
        models.close_database()
    assert main(["--db", str(office), "verify", old_form]) == 0  # old forms stay genuine
    assert legacy.private_bytes_raw().hex().encode() not in office.read_bytes()
