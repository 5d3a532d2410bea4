"""The account screens: first-run admin, login, forced password change, menus by role, Kelola
Pengguna, Jejak Audit (lazy model, filters, export off the GUI thread) and editing a letter
that another PC changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog

import models
from jogoroto_desktop import accounts, session
from jogoroto_desktop.registers.surat_keluar import (
    SuratKeluarInput,
    register_surat_keluar,
    update_surat_keluar,
)
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    register_surat_masuk,
    update_surat_masuk,
)
from jogoroto_desktop.sop.catalog import default_catalog
from ui.app import create_main_window
from ui.audit_page import AuditDialog
from ui.login_dialog import LoginDialog, sign_in
from ui.password_dialog import ChangePasswordDialog, FirstAdminDialog
from ui.users_dialog import UsersDialog

SHOTS = Path("/tmp/jogoroto-accounts-shots")


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    path = tmp_path / "ui.sqlite3"
    models.open_database(path)
    yield path
    models.close_database()


def shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


Script = list[Callable[[QDialog], bool]]


def scripted(script: Script) -> Callable[[QDialog], bool]:
    """A dialog runner that plays one step of `script` per dialog shown."""
    def run(dialog: QDialog) -> bool:
        assert script, f"unexpected dialog {type(dialog).__name__}"
        return script.pop(0)(dialog)
    return run


def test_first_run_asks_for_the_admin_password(qtbot) -> None:
    def first(dialog: QDialog) -> bool:
        assert isinstance(dialog, FirstAdminDialog)
        qtbot.addWidget(dialog)
        dialog.new.setText("Kantor-Baru77")
        dialog.repeat.setText("Kantor-Baru78")
        assert not dialog.save()
        assert "tidak sama" in dialog.messages.message("ulangi")
        dialog.repeat.setText("Kantor-Baru77")
        dialog.resize(560, 330)
        shot(dialog, "admin-awal")
        return dialog.save()

    actor = sign_in(None, run=scripted([first]))
    assert actor is not None and actor.peran == "admin"
    assert session.current_actor() == actor
    assert not accounts.get_pengguna("admin").harus_ganti_sandi


def test_closing_the_first_run_dialog_creates_nothing(qtbot) -> None:
    assert sign_in(None, run=scripted([lambda d: qtbot.addWidget(d) or False])) is None
    assert not accounts.ada_pengguna() and session.current_actor() is None


def test_login_refuses_a_wrong_password_then_forces_the_change(qtbot) -> None:
    accounts.buat_pengguna("siti", "Siti Aminah", "agendaris", "Awal2026xy")

    def login(dialog: QDialog) -> bool:
        assert isinstance(dialog, LoginDialog)
        qtbot.addWidget(dialog)
        dialog.nama.setText("siti")
        dialog.sandi.setText("salah-sandi1")
        assert not dialog.try_login()
        assert dialog.error.text() == "Nama pengguna atau sandi salah."
        assert dialog.sandi.text() == ""
        dialog.resize(440, 230)
        shot(dialog, "login-salah")
        dialog.sandi.setText("Awal2026xy")
        return dialog.try_login()

    def change(dialog: QDialog) -> bool:
        assert isinstance(dialog, ChangePasswordDialog)
        qtbot.addWidget(dialog)
        dialog.new.setText("siti2026")
        dialog.repeat.setText("siti2026")
        assert not dialog.save()
        assert "nama pengguna" in dialog.messages.message("sandi_baru")
        dialog.new.setText("Agenda-Jogoroto9")
        dialog.repeat.setText("Agenda-Jogoroto9")
        shot(dialog, "ganti-sandi-wajib")
        return dialog.save()

    actor = sign_in(None, run=scripted([login, change]))
    assert actor == session.Actor("siti", "Siti Aminah", "agendaris", None)
    assert not accounts.masuk("siti", "Agenda-Jogoroto9").harus_ganti_sandi


def test_refusing_the_forced_change_goes_back_to_the_login(qtbot) -> None:
    accounts.buat_pengguna("siti", "Siti Aminah", "agendaris", "Awal2026xy")

    def login(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.nama.setText("siti")
        dialog.sandi.setText("Awal2026xy")
        return dialog.try_login()

    def again(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        assert isinstance(dialog, LoginDialog) and dialog.nama.text() == "siti"
        return False

    assert sign_in(None, run=scripted([login, lambda d: qtbot.addWidget(d) or False,
                                       again])) is None
    assert session.current_actor() is None
    assert models.Audit.select().where(models.Audit.aksi == "keluar").count() == 1


@pytest.mark.parametrize(("role", "users", "audit", "settings"), [
    ("admin", True, True, True),
    ("camat", False, True, False),
    ("sekcam", False, True, False),
    ("agendaris", False, False, False),
    ("petugas_loket", False, False, False),
])
def test_menus_and_status_bar_follow_the_role(qtbot, role, users, audit, settings) -> None:
    window = create_main_window(default_catalog(), "uji.sqlite3")
    qtbot.addWidget(window)
    window.show_actor(session.Actor("u", "Bu Ani", role))
    assert window.user_status.text() == f"Bu Ani ({session.ROLES[role]})"
    assert window.users_action.isVisible() is users
    assert window.audit_action.isVisible() is audit
    assert window.settings_action.isVisible() is settings
    assert window.logout_action.isVisible()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("A&kun") == titles.index("B&antuan") - 1
    window.show_actor(None)
    assert window.user_status.text() == "Belum masuk" and not window.audit_action.isVisible()


def test_logout_then_login_as_someone_else(qtbot, monkeypatch) -> None:
    accounts.buat_admin_awal("Kantor-Baru77")
    accounts.buat_pengguna("camat", "Dra. Camat", "camat", "Awal2026xy")
    accounts.reset_sandi(accounts.get_pengguna("camat"), "Awal2026xy")
    window = create_main_window(default_catalog(), "uji.sqlite3")
    qtbot.addWidget(window)
    window.show()
    session.set_actor(accounts.masuk("admin", "Kantor-Baru77").actor)
    window.show_actor(session.current_actor())
    assert window.users_action.isVisible()

    import ui.login_dialog as login_module

    def as_camat(parent, label, run=None):
        return sign_in(parent, label, run=scripted([login, change]))

    def login(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.nama.setText("camat")
        dialog.sandi.setText("Awal2026xy")
        return dialog.try_login()

    def change(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.new.setText("Pimpinan-2026")
        dialog.repeat.setText("Pimpinan-2026")
        return dialog.save()

    monkeypatch.setattr(login_module, "sign_in", as_camat)
    window.logout_action.trigger()
    assert session.current_actor().peran == "camat"
    assert window.user_status.text() == "Dra. Camat (Camat)"
    assert not window.users_action.isVisible() and window.audit_action.isVisible()
    window.resize(1100, 700)
    shot(window, "jendela-camat")


def test_users_dialog_creates_resets_and_deactivates(qtbot) -> None:
    dialog = UsersDialog()
    qtbot.addWidget(dialog)
    dialog.start_new()
    dialog.nama_pengguna.setText("siti")
    dialog.nama.setText("Siti Aminah")
    dialog.peran.setCurrentIndex(dialog.peran.findData("agendaris"))
    assert dialog.save()
    temporary = dialog.shown_password
    assert accounts.masuk("siti", temporary).harus_ganti_sandi
    assert dialog.current().nama_pengguna == "siti"
    dialog.password_box.close()

    dialog.start_new()
    dialog.nama_pengguna.setText("Siti")
    dialog.nama.setText("Siti Lain")
    assert not dialog.save()
    assert "sudah dipakai" in dialog.messages.message("nama_pengguna")

    dialog.refresh("siti")
    dialog.peran.setCurrentIndex(dialog.peran.findData("camat"))
    dialog.pejabat.setCurrentIndex(dialog.pejabat.findText("Camat"))
    assert dialog.save()
    stored = accounts.get_pengguna("siti")
    assert stored.peran == "camat" and stored.pejabat.jabatan == "Camat"
    assert dialog.reset_password()
    assert dialog.shown_password != temporary
    dialog.password_box.close()
    assert dialog.toggle_active()
    assert not accounts.get_pengguna("siti").aktif
    assert dialog.table.item(dialog.table.currentRow(), 3).text() == "Nonaktif"
    dialog.show()
    shot(dialog, "kelola-pengguna")
    with session.acting_as(session.Actor("x", "X", "camat")), \
            pytest.raises(session.PermissionDenied):
        UsersDialog()


def _trail() -> None:
    base = dt.datetime.now().replace(microsecond=0)
    for index in range(450):
        with session.acting_as(session.Actor(f"u{index % 3}", f"Petugas {index % 3}",
                                             "agendaris")):
            from jogoroto_desktop import audit
            audit.catat("buat" if index % 2 else "ubah", "surat_masuk", index,
                        f"Catatan uji nomor {index}", {"perihal": [None, f"hal {index}"]},
                        pada=base - dt.timedelta(minutes=index))


def test_audit_viewer_is_lazy_filters_and_exports_in_the_background(qtbot, qtmodeltester,
                                                                     tmp_path: Path) -> None:
    _trail()
    with session.acting_as(session.Actor("ani", "Bu Ani", "sekcam")):
        dialog = AuditDialog()
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 450
    assert dialog.model.loaded_pages <= 3  # only what the view looked at
    assert dialog.count.text() == "450 catatan"
    dialog.oleh.setCurrentIndex(dialog.oleh.findData("Petugas 1"))
    assert dialog.model.rowCount() == 150
    dialog.aksi.setCurrentIndex(dialog.aksi.findData("buat"))
    dialog.teks.setText("nomor 7")
    dialog.apply_filters()
    texts = {dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())}
    # each word must appear somewhere ("7" also in 17, 175...)
    assert "Catatan uji nomor 7" in texts and all("7" in t for t in texts)
    assert "Catatan uji nomor 8" not in texts
    first = dialog.model.index(0, 6).data()
    assert first.startswith("perihal: - \u2192 hal 7")
    dialog.teks.clear()
    dialog.apply_filters()
    dialog.resize(1200, 600)
    dialog.show()
    shot(dialog, "jejak-audit")

    target = tmp_path / "jejak.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=20000) as finished:
        dialog.start_export(target)
        assert not dialog.export_button.isEnabled()
    assert dialog.export_op is not None and not dialog.export_op.is_running()
    assert finished.args[0] == dialog.model.rowCount() == 75
    assert dialog.export_button.isEnabled() and "diekspor" in dialog.count.text()
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 76 and {r[1] for r in rows[1:]} == {"Petugas 1"}

    with session.acting_as(session.Actor("x", "X", "agendaris")), \
            pytest.raises(session.PermissionDenied, match="jejak audit"):
        AuditDialog()


def test_editing_a_letter_another_pc_changed(qtbot) -> None:
    from ui.agenda_page import AgendaSuratMasukPage

    surat = register_surat_masuk(SuratMasukInput(
        dari="Bupati Jombang", nomor_surat="005/1/415.10/2026", tanggal_surat=dt.date.today(),
        perihal="Undangan rapat", klasifikasi="005"))
    page = AgendaSuratMasukPage()
    qtbot.addWidget(page)
    page.show()
    page.open_letter(surat.id)
    dialog = page.edit_letter()
    assert dialog is not None and dialog.perihal.toPlainText() == "Undangan rapat"
    assert not dialog.is_dirty()
    # another PC corrects the perihal first
    with session.acting_as(session.Actor("budi", "Budi", "agendaris")):
        update_surat_masuk(models.SuratMasuk.get_by_id(surat.id),
                           SuratMasukInput(dari="Bupati Jombang",
                                           nomor_surat="005/1/415.10/2026",
                                           tanggal_surat=dt.date.today(),
                                           perihal="Undangan rapat kerja", klasifikasi="005"))
    dialog.perihal.setPlainText("Undangan rapat koordinasi")
    assert dialog.save() is None
    message = dialog.error_text("versi")
    assert "oleh Budi" in message and "Undangan rapat kerja" in message
    assert "Undangan rapat koordinasi" in message
    assert dialog.reload_button.isVisible()
    shot(dialog, "ubah-surat-bentrok")
    assert models.SuratMasuk.get_by_id(surat.id).perihal == "Undangan rapat kerja"
    dialog.reload()
    assert dialog.perihal.toPlainText() == "Undangan rapat kerja"
    dialog.lampiran.setText("2 lembar")
    assert dialog.save() is not None
    stored = models.SuratMasuk.get_by_id(surat.id)
    assert (stored.perihal, stored.lampiran, stored.nomor_agenda) == (
        "Undangan rapat kerja", "2 lembar", surat.nomor_agenda)
    assert "diperbarui" in page.banner.text()


def test_disposisi_form_starts_from_the_writers_own_position(qtbot) -> None:
    from ui.agenda_forms import DisposisiDialog

    surat = register_surat_masuk(SuratMasukInput(
        dari="Bupati Jombang", nomor_surat="005/1/415.10/2026", tanggal_surat=dt.date.today(),
        perihal="Undangan rapat", klasifikasi="005"))
    sekcam = models.Pejabat.get(models.Pejabat.jabatan == "Sekretaris Camat")
    with session.acting_as(session.Actor("sek", "Pak Sekcam", "sekcam", sekcam.id)):
        dialog = DisposisiDialog(surat)
        qtbot.addWidget(dialog)
        assert dialog.writer().id == sekcam.id and not dialog.dari.isEnabled()
    admin = DisposisiDialog(surat)  # the setup admin may enter any position's paper disposisi
    qtbot.addWidget(admin)
    assert admin.writer().jabatan == "Camat" and admin.dari.isEnabled()


def test_settings_dialog_shows_what_another_pc_changed(qtbot) -> None:
    from jogoroto_desktop import pengaturan
    from ui.settings_dialog import PengaturanDialog

    dialog = PengaturanDialog()
    qtbot.addWidget(dialog)
    tab = dialog.pejabat_tab
    camat_row = next(i for i, d in enumerate(tab.drafts) if d.jabatan == "Camat")
    # another PC names the Camat first
    pengaturan.simpan_pejabat({"nama": "Dra. Sri Wahyuni"},
                              models.Pejabat.get(models.Pejabat.jabatan == "Camat"))
    tab.select(camat_row)
    tab.nama.setText("Drs. Budi")
    tab._store()
    tab.add()  # a new official in the same save is rolled back with the rest
    tab.jabatan.setText("Kasi Pelayanan")
    tab._store()
    dialog.save()
    assert not dialog.saved
    message = tab.messages.general.text()
    assert "Nama: \u201cDra. Sri Wahyuni\u201d (isian Anda: \u201cDrs. Budi\u201d)" in message
    assert models.Pejabat.get(models.Pejabat.jabatan == "Camat").nama == "Dra. Sri Wahyuni"
    assert not models.Pejabat.select().where(models.Pejabat.jabatan == "Kasi Pelayanan").exists()
    assert tab.drafts[-1].id is None  # still new: the next save creates it
    with session.acting_as(session.Actor("x", "X", "agendaris")):
        tab.nama.setText("Dra. Sri Wahyuni")
        tab._store()
        dialog.save()
    assert not dialog.saved and "tidak berwenang mengubah pengaturan" in \
        tab.messages.general.text()


def test_editing_a_surat_keluar_another_pc_changed(qtbot) -> None:
    from ui.keluar_page import AgendaSuratKeluarPage, UbahSuratKeluarDialog

    data = SuratKeluarInput(klasifikasi="005", kepada="Bupati Jombang", perihal="Laporan")
    surat = register_surat_keluar(data, langsung_diagendakan=True)
    page = AgendaSuratKeluarPage()
    qtbot.addWidget(page)
    page.show()
    assert page.select_id(surat.id)
    page.ubah()
    dialog = page.dialog
    assert isinstance(dialog, UbahSuratKeluarDialog)
    assert dialog.perihal.text() == "Laporan" and not dialog.klasifikasi.isEnabled()
    update_surat_keluar(models.SuratKeluar.get_by_id(surat.id),
                        SuratKeluarInput(klasifikasi="005", kepada="Bupati Jombang",
                                         perihal="Laporan bulanan", tanggal=surat.tanggal))
    dialog.perihal.setText("Laporan tahunan")
    dialog.save()
    assert dialog.isVisible() and dialog.reload_button.isVisible()
    assert "Laporan bulanan" in dialog.messages.general.text()
    dialog.reload()
    dialog.lampiran.setText("1 berkas")
    dialog.save()
    stored = models.SuratKeluar.get_by_id(surat.id)
    assert (stored.perihal, stored.lampiran, stored.nomor) == ("Laporan bulanan", "1 berkas",
                                                               surat.nomor)
