"""First-run setup: the headless rules (jogoroto_desktop.setup) and the wizard driven as a
person would."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QRadioButton, QWizard

import models
from jogoroto_desktop import session, setup
from jogoroto_desktop.registers.surat import pejabat_by_jabatan
from jogoroto_desktop.registers.surat_keluar import (
    DEFAULT_TEMPLATE,
    SuratKeluarInput,
    nomor_template,
    register_surat_keluar,
)
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
from jogoroto_desktop.validation import ValidationError

GOOD = setup.SetupData(
    kode_unit="415.67",
    camat=setup.PejabatInput("Dra. Sri Wahyuni, M.Si.", "Pembina Tk. I", "196908141997032003"),
    sekcam=setup.PejabatInput("Drs. Bambang Hariyanto", "Pembina", "19700312 199803 1 006"),
    kertas="F4",
)


@pytest.fixture
def database(tmp_path: Path):
    models.open_database(tmp_path / "baru.db")
    yield
    models.close_database()


def test_a_new_database_needs_setup_and_not_after_saving(database) -> None:
    assert setup.needs_setup()
    setup.save_setup(GOOD, now=dt.datetime(2026, 3, 2, 8, 0))
    assert not setup.needs_setup()
    assert models.get_setting(setup.SETUP_SETTING) == "2026-03-02 08:00:00"


def test_a_database_already_in_use_is_not_asked(database) -> None:
    register_surat_masuk(SuratMasukInput("Polsek Jogoroto", "B/1/2026", "2026-03-02",
                                         "Patroli"), now=dt.datetime(2026, 3, 2, 9))
    assert not setup.needs_setup()


def test_saving_stores_each_answer_where_pengaturan_edits_it(database) -> None:
    setup.save_setup(GOOD)
    camat = pejabat_by_jabatan("Camat")
    assert (camat.nama, camat.pangkat, camat.nip) == (
        "Dra. Sri Wahyuni, M.Si.", "Pembina Tk. I", "19690814 199703 2 003")
    sekcam = pejabat_by_jabatan("Sekretaris Camat")
    assert sekcam.nip == "19700312 199803 1 006"
    assert setup.default_paper() == "F4"
    assert nomor_template() == "{kode}/{urut}/415.67/{tahun}"
    # the values come back into the wizard as they are now
    assert setup.load_setup_data() == setup.SetupData(
        "415.67", setup.PejabatInput("Dra. Sri Wahyuni, M.Si.", "Pembina Tk. I",
                                     "19690814 199703 2 003"),
        setup.PejabatInput("Drs. Bambang Hariyanto", "Pembina", "19700312 199803 1 006"), "F4")


def test_another_unit_code_changes_the_next_outgoing_number(database) -> None:
    setup.save_setup(setup.SetupData("415.68", GOOD.camat, GOOD.sekcam, "A4"))
    assert nomor_template() == "{kode}/{urut}/415.68/{tahun}"
    surat = register_surat_keluar(SuratKeluarInput("005", "Kepala Desa Janti", "Undangan"),
                                  langsung_diagendakan=True, now=dt.datetime(2026, 3, 2, 9))
    assert surat.nomor == "005/1/415.68/2026"
    assert setup.unit_code() == "415.68"


def test_unit_code_kept_in_a_customised_template() -> None:
    assert setup.template_with_unit("{kode}/{urut}/415.67/{bulan}/{tahun}", "415.70") == \
        "{kode}/{urut}/415.70/{bulan}/{tahun}"
    assert setup.template_with_unit("SK-{urut}-{tahun}", "415.67") == \
        "{kode}/{urut}/415.67/{tahun}"
    assert setup.unit_code("{kode}/{urut}/{tahun}") == ""


def test_every_wrong_answer_is_named_and_nothing_is_written(database) -> None:
    bad = setup.SetupData(
        kode_unit="Jogoroto",
        camat=setup.PejabatInput("", "Pembina Tk. I", "19690814 199703 2 00"),
        sekcam=setup.PejabatInput("Drs. Bambang", "", "19701312 199803 1 006"),
        kertas="Letter",
    )
    with pytest.raises(ValidationError) as info:
        setup.save_setup(bad)
    problems = info.value.problems
    assert set(problems) == {"kode_unit", "camat_nama", "camat_nip", "sekcam_pangkat",
                             "sekcam_nip", "kertas"}
    assert "18 angka" in problems["camat_nip"]
    assert "tanggal lahir" in problems["sekcam_nip"]  # 1970-13-12 does not exist
    assert setup.needs_setup()
    assert pejabat_by_jabatan("Camat").nama == ""
    assert models.Audit.select().count() == 0


def test_only_an_admin_may_run_the_setup(database) -> None:
    loket = session.Actor("loket", "Petugas", "petugas_loket")
    with session.acting_as(loket), pytest.raises(session.PermissionDenied):
        setup.save_setup(GOOD)
    assert setup.needs_setup()


def test_the_setup_is_in_the_audit_trail(database) -> None:
    setup.save_setup(GOOD)
    rows = list(models.Audit.select().order_by(models.Audit.id))
    assert {r.ringkasan for r in rows} >= {"Pejabat Camat diisi (penyiapan awal)",
                                           "Kertas bawaan", "Penyiapan awal selesai"}
    camat = next(r for r in rows if r.tabel == "pejabat" and "Camat" in r.ringkasan)
    # the Camat's NIP was already the SOP book's: only what changed is in the trail
    assert json.loads(camat.perubahan) == {"nama": ["", "Dra. Sri Wahyuni, M.Si."]}
    # saving the same answers again changes nothing and audits nothing new but the marker
    before = models.Audit.select().count()
    setup.save_setup(GOOD, now=dt.datetime(2030, 1, 1))
    assert models.Audit.select().count() == before + 1


# --- the wizard ----------------------------------------------------------------------------

@pytest.fixture
def wizard(qtbot, database):
    from ui.first_run_wizard import FirstRunWizard

    widget = FirstRunWizard()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def _next(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_wizard_walks_through_and_stores_everything(qtbot, wizard, tmp_path: Path) -> None:
    assert wizard.currentPage() is wizard.intro
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.database
    assert wizard.database.local.isChecked()  # a new PC works on its own database
    assert not wizard.database.configure.isEnabled()
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kop
    edits = wizard.kop.tab.edits
    assert [edits[n].text() for n in ("pemerintah", "instansi", "alamat", "telepon")] == [
        "PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN JOGOROTO", "Jln. Raya Jogoroto No. 01",
        "Telp. 0321-864403"]  # DESIGN.md section 3
    _type(qtbot, edits["alamat"], "Jl. Raya Jogoroto No. 1, Jombang 61485")
    logo = tmp_path / "garuda.png"
    image = QImage(200, 220, QImage.Format.Format_RGB32)
    image.fill(QColor("#d4a017"))
    assert image.save(str(logo))
    wizard.kop.tab.choose_logo_file = lambda: logo
    assert wizard.kop.tab.choose_logo()
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kantor
    assert wizard.kantor.kode_unit.text() == "415.67"  # the default, from the template
    assert wizard.kantor.preview.text() == f"005/1/415.67/{dt.date.today().year}"
    _next(qtbot, wizard)
    page = wizard.pejabat
    assert wizard.currentPage() is page
    nama, pangkat, nip = page.fields["camat"]
    _type(qtbot, nama, "Dra. Sri Wahyuni, M.Si.")
    _type(qtbot, pangkat.lineEdit(), "Pembina Tk. I")
    _type(qtbot, nip, "196908141997032003")
    snama, spangkat, snip = page.fields["sekcam"]
    _type(qtbot, snama, "Drs. Bambang Hariyanto")
    _type(qtbot, spangkat.lineEdit(), "Pembina")
    _type(qtbot, snip, "197003121998031006")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kertas
    assert snip.text() == "19700312 199803 1 006"  # tidied when leaving the field
    f4 = wizard.kertas.findChild(QRadioButton, "kertasF4")
    qtbot.mouseClick(f4, Qt.MouseButton.LeftButton, pos=QPoint(6, f4.height() // 2))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.selesai
    summary = wizard.selesai.summary.text()
    assert "Drs. Bambang Hariyanto" in summary and "F4" in summary
    assert "Jombang 61485" in summary and "dengan logo" in summary
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not setup.needs_setup()
    assert pejabat_by_jabatan("Sekretaris Camat").nama == "Drs. Bambang Hariyanto"
    assert pejabat_by_jabatan("Camat").nama == "Dra. Sri Wahyuni, M.Si."
    assert setup.default_paper() == "F4"
    from jogoroto_desktop.kop_settings import load_kop_input, logo_bytes

    assert load_kop_input().alamat == "Jl. Raya Jogoroto No. 1, Jombang 61485"
    assert logo_bytes() == logo.read_bytes()


def test_wizard_stays_on_a_page_with_wrong_answers(qtbot, wizard) -> None:
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    _type(qtbot, wizard.kop.tab.edits["instansi"], "")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kop
    assert "wajib" in wizard.kop.messages.message("instansi")
    _type(qtbot, wizard.kop.tab.edits["instansi"], "KECAMATAN JOGOROTO")
    _next(qtbot, wizard)
    _type(qtbot, wizard.kantor.kode_unit, "415-67")
    assert wizard.kantor.preview.text() == "-"
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kantor
    assert "tidak sah" in wizard.kantor.messages.message("kode_unit")
    _type(qtbot, wizard.kantor.kode_unit, "415.67")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.pejabat
    _next(qtbot, wizard)  # Camat's name and the Sekcam are still empty
    assert wizard.currentPage() is wizard.pejabat
    messages = wizard.pejabat.messages
    assert messages.message("camat_nama") == "Nama Camat wajib diisi."
    assert "NIP Sekretaris Camat" in messages.message("sekcam_nip")
    assert setup.needs_setup()


def _to_pejabat(qtbot, wizard) -> None:
    for _ in range(4):
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.pejabat


def test_the_officials_start_empty_not_with_the_books_signer(qtbot, wizard) -> None:
    # migration 3 seeds the Camat row with the SOP book's pangkat and NIP but no name:
    # a new Camat must not save that NIP onto every Lembar Disposisi
    assert pejabat_by_jabatan("Camat").nip
    _to_pejabat(qtbot, wizard)
    for prefix in ("camat", "sekcam"):
        nama, pangkat, nip = wizard.pejabat.fields[prefix]
        assert (nama.text(), pangkat.currentText(), nip.text()) == ("", "", "")
    assert setup.load_setup_data().camat == setup.PejabatInput("", "", "")


def test_a_bad_nip_is_refused_in_view_without_moving_fields_and_cleared_when_right(
        qtbot, wizard) -> None:
    _to_pejabat(qtbot, wizard)
    page = wizard.pejabat
    nama, pangkat, nip = page.fields["camat"]
    snama, spangkat, snip = page.fields["sekcam"]
    _type(qtbot, nama, "Dra. Sri Wahyuni, M.Si.")
    _type(qtbot, pangkat.lineEdit(), "Pembina Tk. I")
    _type(qtbot, nip, "1969081419970320")  # two digits short
    _type(qtbot, snama, "Drs. Bambang Hariyanto")
    _type(qtbot, spangkat.lineEdit(), "Pembina")
    _type(qtbot, snip, "197003121998031006")
    widgets = [w for fields in page.fields.values() for w in fields]
    before = [w.geometry() for w in widgets]
    _next(qtbot, wizard)
    assert wizard.currentPage() is page
    label = page.messages.labels["camat_nip"]
    assert "NIP Camat" in label.text() and label.isVisible()
    assert label.height() >= label.heightForWidth(label.width())  # the whole message shows
    assert [w.geometry() for w in widgets] == before  # nothing jumped
    _type(qtbot, pangkat.lineEdit(), "Pangeran")  # still wrong NIP, message stays
    assert "NIP Camat" in page.messages.message("camat_nip")
    assert page.messages.message("camat_pangkat") == ""  # not complained about yet
    _type(qtbot, nip, "196908141997032003")
    assert page.messages.message("camat_nip") == ""  # gone as soon as it is right
    assert [w.geometry() for w in widgets] == before
    _type(qtbot, pangkat.lineEdit(), "Pembina Tk. I")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kertas


def test_cancelling_the_wizard_stores_nothing(qtbot, wizard) -> None:
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    _type(qtbot, wizard.kantor.kode_unit, "415.99")
    wizard.reject()
    assert setup.needs_setup()
    assert nomor_template() == DEFAULT_TEMPLATE


def test_the_demo_counts_as_set_up(tmp_path: Path) -> None:
    from jogoroto_desktop import demo

    demo.buat_database_demo(tmp_path / "demo.db", today=dt.date(2026, 3, 18))
    models.open_database(tmp_path / "demo.db")
    try:
        assert not setup.needs_setup()
        assert setup.default_paper() == "F4"
    finally:
        models.close_database()


def test_pangkat_and_nip_are_checked_like_the_pegawai_master(database) -> None:
    data = setup.SetupData("415.67",
                           setup.PejabatInput("Drs. Suyanto", "Pembina Tk. IX", GOOD.camat.nip),
                           setup.PejabatInput("Drs. Bambang", "Pembina, IV/a",
                                              "19700312 198003 1 006"), "A4")
    with pytest.raises(ValidationError) as info:
        setup.save_setup(data)
    assert set(info.value.problems) == {"camat_pangkat", "sekcam_nip"}
    assert "tidak dikenal" in info.value.problems["camat_pangkat"]
    assert "18 tahun" in info.value.problems["sekcam_nip"]
    # "Tk. I" as the office writes it is accepted and kept as typed
    setup.save_setup(GOOD)
    assert pejabat_by_jabatan("Camat").pangkat == "Pembina Tk. I"
    assert setup.pangkat_choices()[0] == "Pembina Utama, IV/e"


def test_choosing_the_office_server_ends_the_wizard_for_a_restart(qtbot, wizard,
                                                                  monkeypatch) -> None:
    from jogoroto_desktop.storage import dbconfig

    _next(qtbot, wizard)
    page = wizard.database
    page.server.setChecked(True)
    assert page.configure.isEnabled()
    assert not page.isComplete()  # the server is not set up for this PC yet
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    def configure_server() -> None:  # what Berkas > Basis Data's dialog saves
        dbconfig.save_config(dbconfig.PcConfig(
            mode=dbconfig.MODE_SERVER, server=dbconfig.ServerConfig(host="192.168.1.10")))
        page._changed()

    monkeypatch.setattr(page, "open_server_dialog", configure_server)
    page.configure.clicked.disconnect()
    page.configure.clicked.connect(page.open_server_dialog)
    qtbot.mouseClick(page.configure, Qt.MouseButton.LeftButton)
    assert page.isComplete() and page.restart_needed()
    assert "buka program lagi" in page.state.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted and wizard.restart_needed
    assert setup.needs_setup()  # nothing stored in the local database
    assert setup.pc_uses_server()


def test_going_back_to_this_pc_switches_komputer_ini_to_local(qtbot, wizard) -> None:
    from jogoroto_desktop.storage import dbconfig

    dbconfig.save_config(dbconfig.PcConfig(
        mode=dbconfig.MODE_SERVER, server=dbconfig.ServerConfig(host="192.168.1.10")))
    _next(qtbot, wizard)
    wizard.database.local.setChecked(True)
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.kop
    config = dbconfig.load_config()
    assert config.mode == dbconfig.MODE_LOCAL and config.server.host == "192.168.1.10"


def test_sop_pdf_uses_the_default_paper_of_the_office(tmp_path: Path, capsys) -> None:
    import pypdfium2

    from jogoroto_desktop.cli.main import main

    target = tmp_path / "kantor.db"
    assert setup.default_paper_of(str(target)) == "A4"
    assert not target.exists()  # asking never creates a database
    models.open_database(target)
    setup.save_setup(GOOD)  # F4
    models.close_database()
    assert main(["--db", str(target), "sop", "pdf", "surat-masuk", "-o",
                 str(tmp_path / "sm.pdf")]) == 0
    assert main(["--db", str(target), "sop", "pdf", "surat-masuk", "--paper", "A4", "-o",
                 str(tmp_path / "sm-a4.pdf")]) == 0
    capsys.readouterr()
    sizes = []
    for name in ("sm.pdf", "sm-a4.pdf"):
        pdf = pypdfium2.PdfDocument(tmp_path / name)
        sizes.append(sorted(round(x / 72 * 25.4) for x in pdf[0].get_size()))
        pdf.close()
    assert sizes == [[215, 330], [210, 297]]


def test_kop_and_logo_are_stored_with_the_rest_or_not_at_all(database) -> None:
    from dataclasses import replace

    from jogoroto_desktop.kop_settings import KopInput, load_kop_input, logo_bytes

    kop = KopInput("PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN JOGOROTO",
                   "Jl. Raya Jogoroto No. 1", "Telp. (0321) 864403", "Jogoroto")
    with pytest.raises(ValidationError) as info:
        setup.save_setup(replace(GOOD, kop=kop, logo=b"not an image", kode_unit=""))
    assert set(info.value.problems) == {"logo", "kode_unit"}
    assert load_kop_input().telepon == "Telp. 0321-864403"  # unchanged default
    setup.save_setup(replace(GOOD, kop=kop))
    assert load_kop_input() == kop and logo_bytes() is None
    assert setup.load_setup_data().kop == kop


@pytest.mark.parametrize("actor", [None, session.Actor("loket", "Petugas", "petugas_loket")])
def test_the_wizard_is_offered_only_to_someone_who_may_change_settings(database, actor) -> None:
    from jogoroto_desktop.gui import offer_first_run_setup

    # Asked after sign-in: nobody signed in, or a loket clerk, is not shown the wizard (it
    # would be refused on saving); the database stays waiting for the administrator.
    with session.acting_as(actor):
        assert offer_first_run_setup(None, "uji") == ""
    assert setup.needs_setup()
