"""The SOP editor, the approval view and the versions in the catalog, driven as the office
would: the Kasi/Kasubag edits by keyboard and saves or submits, the Sekretaris Camat forwards or
returns, the Camat sees the changes and approves."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jogoroto_desktop import session
from jogoroto_desktop.session import Actor
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.catalog import default_catalog
from ui.sop_approval import PengesahanDialog
from ui.sop_editor import SopEditor, field_label, place_of
from ui.sop_versions_ui import PengesahanPage, VersionsPane, open_editor, open_versi

KASUBAG_UMUM = Actor("umum", "Kasubag Umum", "kasubag_umum")
KASI_TRANTIB = Actor("trantib", "Kasi Trantib", "kasi_trantib")
KASI_TAPEM = Actor("tapem", "Kasi Tapem", "kasi_tapem")
SEKCAM = Actor("sekcam", "Sekretaris Camat", "sekcam")
CAMAT = Actor("camat", "Camat Jogoroto", "camat")


@pytest.fixture
def host(qtbot) -> QWidget:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def answer(monkeypatch: pytest.MonkeyPatch, choice: str) -> list[str]:
    """Make every question box answer `choice` (its button text); returns the questions."""
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        for button in box.buttons():
            if button.text() == choice:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def editor_for(qtbot, host: QWidget, sop_id: str, actor: Actor) -> SopEditor:  # noqa: ANN001
    session.set_actor(actor)
    editor = open_editor(host, sop_id, lambda _text: None)
    assert isinstance(editor, SopEditor)
    editor.resize(1366, 768)
    qtbot.waitExposed(editor)
    editor.activateWindow()  # the offscreen platform does not activate it (shortcuts need it)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def press(qtbot, widget: QWidget, key: Qt.Key,  # noqa: ANN001
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)
    qtbot.wait(1)


def steps_texts(editor: SopEditor) -> list[str]:
    return [step.kegiatan for step in editor.sop.steps]


# -- the editor --------------------------------------------------------------------------------

def test_field_places_and_labels() -> None:
    assert place_of("langkah 3: pelaksana").row == 2
    assert place_of("langkah 3: pelaksana").column == "pelaksana"
    assert place_of("dasar_hukum 2").widget == "dasar_hukum"
    assert place_of("actors").widget == "actors"
    assert place_of("disahkan_oleh.nama") is None
    assert field_label("langkah 3: waktu") == "Langkah 3, Waktu"
    assert field_label("dasar_hukum 2") == "Dasar Hukum, butir 2"
    assert field_label("actors 1") == "Pelaksana, butir 1"


def test_editing_a_field_and_saving_a_draft(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    assert "Revisi baru dari versi 1" in editor.subtitle.text()
    assert editor.is_dirty()  # a new revision is not stored until saved
    editor.nomor.selectAll()
    qtbot.keyClicks(editor.nomor, "065/04.SOP.SEK/415.67/2027")
    assert editor.sop.nomor == "065/04.SOP.SEK/415.67/2027"
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.is_dirty()
    assert editor.status.text() == "Draf versi 2 disimpan."
    draft = versions.draf_terbuka("legalisir")
    assert draft is not None and draft.versi == 2 and draft.status == versions.DRAF
    assert draft.sop.nomor == "065/04.SOP.SEK/415.67/2027"
    # A second save updates the same draft, not a third version.
    editor.nomor.setFocus()
    qtbot.keyClicks(editor.nomor, "-A")
    assert editor.save_draft()
    assert [item.versi for item in versions.daftar_versi("legalisir")] == [1, 2]
    assert versions.draf_terbuka("legalisir").sop.nomor.endswith("2027-A")


def test_keyboard_step_operations(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    original = steps_texts(editor)
    editor.tabs.setCurrentIndex(2)
    table = editor.steps_table
    table.setFocus()
    table.setCurrentIndex(editor.steps_model.index(2, 0))  # step 3, Kegiatan
    press(qtbot, table, Qt.Key.Key_Insert)  # a new step 4 below
    assert len(editor.sop.steps) == len(original) + 1
    assert table.currentIndex().row() == 3
    press(qtbot, table, Qt.Key.Key_F2)  # opens the cell
    cell = QApplication.focusWidget()
    assert cell is not table
    qtbot.keyClicks(cell, "Petugas memeriksa keaslian dokumen")
    press(qtbot, cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.sop.step(4).kegiatan == "Petugas memeriksa keaslian dokumen")
    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # move it down
    assert editor.sop.step(5).kegiatan == "Petugas memeriksa keaslian dokumen"
    assert table.currentIndex().row() == 4
    press(qtbot, table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.sop.step(4).kegiatan == "Petugas memeriksa keaslian dokumen"
    press(qtbot, table, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)  # above it
    assert editor.sop.step(4).kegiatan == ""
    press(qtbot, table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert steps_texts(editor) == original
    # The decision's Ya target followed its step through the insertions and back.
    assert (editor.sop.step(2).ya, editor.sop.step(2).tidak) == (3, 1)


def test_combo_columns(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    editor.tabs.setCurrentIndex(2)
    model = editor.steps_model
    assert model.setData(model.index(2, model.column_of("pelaksana")), "Camat")
    assert model.setData(model.index(2, model.column_of("symbol")), "decision")
    qtbot.waitUntil(lambda: editor.sop.step(3).symbol == "decision")
    assert editor.sop.step(3).pelaksana == "Camat"
    # Editable targets only on a decision; the combo lists the other steps.
    assert not model.flags(model.index(3, model.column_of("ya"))) & Qt.ItemFlag.ItemIsEditable
    table = editor.steps_table
    index = model.index(2, model.column_of("ya"))
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.findChild(QWidget, "combo_ya")
    assert combo is not None
    assert combo.count() == len(editor.sop.steps)  # "(belum dipilih)" + the other steps
    combo.setCurrentIndex(combo.findData(5))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: editor.sop.step(3).ya == 5)


def test_checks_shown_and_cleared(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    assert editor.problems == [] and editor.submit_button.isEnabled()
    model = editor.steps_model
    model.setData(model.index(2, model.column_of("kegiatan")), "")
    model.setData(model.index(4, model.column_of("waktu")), "sebentar saja")
    qtbot.waitUntil(lambda: len(editor.problems) == 2, timeout=2000)
    assert not editor.submit_button.isEnabled()
    texts = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert texts[0] == "Langkah 3, Kegiatan: Kegiatan tidak boleh kosong"
    assert texts[1].startswith("Langkah 5, Waktu: ")
    # The rows are marked, the reason is the cell's tooltip.
    vertical = Qt.Orientation.Vertical
    assert model.headerData(2, vertical, Qt.ItemDataRole.DisplayRole) == "\u26a0 3"
    assert model.index(2, model.column_of("kegiatan")).data(
        Qt.ItemDataRole.ToolTipRole) == "Kegiatan tidak boleh kosong"
    assert "2 langkah bermasalah" in editor.messages.labels["steps"].text()
    # Activating a problem goes to its cell.
    editor.tabs.setCurrentIndex(0)
    editor.problem_list.itemActivated.emit(editor.problem_list.item(1))
    assert editor.tabs.currentIndex() == 2
    current = editor.steps_table.currentIndex()
    assert (current.row(), current.column()) == (4, model.column_of("waktu"))
    # A draft with problems can be saved, not submitted.
    assert editor.save_draft()
    assert not editor.submit()
    assert versions.draf_terbuka("legalisir").status == versions.DRAF
    # Fixed: the messages go and Ajukan is possible again.
    model.setData(model.index(2, model.column_of("kegiatan")), "Petugas menerima berkas")
    model.setData(model.index(4, model.column_of("waktu")), "5 menit")
    qtbot.waitUntil(lambda: editor.problems == [], timeout=2000)
    assert editor.submit_button.isEnabled()
    assert model.headerData(2, vertical, Qt.ItemDataRole.DisplayRole) == "3"
    assert editor.messages.labels["steps"].isHidden()


def test_a_nomor_another_sop_has_is_a_problem(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    renja = default_catalog().get("renja")
    editor.nomor.selectAll()
    qtbot.keyClicks(editor.nomor, renja.nomor)
    qtbot.waitUntil(lambda: bool(editor.problems), timeout=2000)
    assert editor.messages.labels["nomor"].text() == f"{renja.nomor!r} sudah dipakai oleh SOP renja"
    assert not editor.submit_button.isEnabled()


def test_checks_follow_typing_in_a_cell(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    editor.tabs.setCurrentIndex(2)
    table = editor.steps_table
    table.setFocus()
    table.setCurrentIndex(editor.steps_model.index(4, editor.steps_model.column_of("waktu")))
    press(qtbot, table, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert cell.objectName() == "line_waktu"
    cell.selectAll()
    qtbot.keyClicks(cell, "sebentar")
    # Checked while the cell is still open, before anything is committed.
    qtbot.waitUntil(lambda: [p.field for p in editor.problems] == ["langkah 5: waktu"],
                    timeout=2000)
    assert editor.sop.step(5).waktu == "1 menit"
    assert not editor.submit_button.isEnabled()
    press(qtbot, cell, Qt.Key.Key_Escape)  # cancelled: the problem goes with it
    qtbot.waitUntil(lambda: editor.problems == [], timeout=2000)
    assert editor.sop.step(5).waktu == "1 menit"


def test_identitas_list_problem_next_to_its_field(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    dasar = editor.list_editors["dasar_hukum"]
    count = len(editor.sop.dasar_hukum)
    dasar.list.setFocus()
    dasar.list.setCurrentRow(count - 1)
    press(qtbot, dasar.list, Qt.Key.Key_Insert)  # an empty item, open for typing
    line = QApplication.focusWidget()
    qtbot.keyClicks(line, "Perbup")
    line.insert("\x07")  # a pasted control character (no key types it): checked while typing
    line.textEdited.emit(line.text())
    qtbot.waitUntil(lambda: "karakter kendali" in editor.messages.labels["dasar_hukum"].text(),
                    timeout=2000)
    assert editor.sop.dasar_hukum[-1] == ""  # nothing committed yet
    line.clear()
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    editor.refresh_now()
    assert editor.sop.dasar_hukum[-1] == ""
    assert editor.messages.labels["dasar_hukum"].text() == (
        f"Butir {count + 1}: Butir tidak boleh kosong")
    assert dasar.list.item(count).toolTip() == "Butir tidak boleh kosong"
    item = dasar.list.item(count)
    item.setText("Peraturan Bupati Jombang Nomor 5 Tahun 2027")
    editor.refresh_now()
    assert editor.sop.dasar_hukum[-1] == "Peraturan Bupati Jombang Nomor 5 Tahun 2027"
    assert editor.messages.labels["dasar_hukum"].isHidden()
    press(qtbot, dasar.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.sop.dasar_hukum[-2] == "Peraturan Bupati Jombang Nomor 5 Tahun 2027"
    press(qtbot, dasar.list, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.sop.dasar_hukum) == count


def test_renaming_a_pelaksana_renames_its_steps(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    loket_steps = [s.no for s in editor.sop.steps if s.pelaksana == "Petugas Loket"]
    editor.actors.list.item(1).setText("Petugas Pelayanan")
    assert editor.sop.actors == ("Pemohon", "Petugas Pelayanan", "Camat")
    assert [s.no for s in editor.sop.steps if s.pelaksana == "Petugas Pelayanan"] == loket_steps
    editor.actors.list.setCurrentRow(1)
    editor.actors.move_item(+1)
    assert editor.sop.actors == ("Pemohon", "Camat", "Petugas Pelayanan")
    editor.refresh_now()
    assert editor.problems == []
    assert editor.flowchart.layout_result is not None
    assert [lane.label for lane in editor.flowchart.layout_result.lanes][1] == "Camat"


def test_closing_with_unsaved_changes_asks(qtbot, database, host,  # noqa: ANN001
                                           monkeypatch) -> None:
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    asked = answer(monkeypatch, "Lanjut mengubah")
    editor.reject()
    assert asked and "belum disimpan" in asked[0]
    assert editor.isVisible()
    answer(monkeypatch, "Simpan draf")
    editor.reject()
    assert not editor.isVisible()
    assert versions.draf_terbuka("legalisir") is not None
    # A saved, unchanged draft closes without a question.
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    assert "Draf versi 2" in editor.subtitle.text()
    asked = answer(monkeypatch, "Buang perubahan")
    editor.reject()
    assert asked == [] and not editor.isVisible()


def test_a_writer_of_another_seksi_is_refused(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASI_TAPEM)
    assert not editor.save_draft()
    assert "tidak berwenang mengubah SOP seksi Sekretariat" in editor.messages.general.text()
    assert versions.draf_terbuka("legalisir") is None


def test_live_flowchart_follows_edits(qtbot, database, host) -> None:  # noqa: ANN001
    editor = editor_for(qtbot, host, "renja", KASUBAG_UMUM)
    before = editor.flowchart.layout_result
    assert before is not None
    editor.tabs.setCurrentIndex(2)
    model = editor.steps_model
    model.setData(model.index(2, model.column_of("symbol")), "decision")
    qtbot.waitUntil(lambda: editor.sop.step(3).symbol == "decision")
    editor.refresh_now()
    # A decision without targets cannot be drawn: the panel says why.
    assert editor.flowchart.is_empty_state()
    assert "Langkah 3 adalah keputusan" in editor.flowchart.empty_body.text()
    model.setData(model.index(2, model.column_of("ya")), 4)
    model.setData(model.index(2, model.column_of("tidak")), 2)
    qtbot.waitUntil(lambda: editor.sop.step(3).tidak == 2)
    editor.refresh_now()
    assert not editor.flowchart.is_empty_state()
    assert editor.flowchart.layout_result.symbol(3).kind == "decision"


# -- approval ----------------------------------------------------------------------------------

def submitted_legalisir(qtbot, host) -> versions.SopVersi:  # noqa: ANN001
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    model = editor.steps_model
    model.setData(model.index(2, model.column_of("waktu")), "15 menit")
    qtbot.waitUntil(lambda: editor.sop.step(3).waktu == "15 menit")
    assert editor.submit()
    item = versions.draf_terbuka("legalisir")
    assert item is not None and item.status == versions.DIAJUKAN
    return item


def approval(qtbot, host, item: versions.SopVersi, actor: Actor) -> PengesahanDialog:  # noqa: ANN001
    session.set_actor(actor)
    dialog = open_versi(host, item, lambda _text: None)
    dialog.resize(1366, 768)
    qtbot.waitExposed(dialog)
    return dialog


def test_approval_by_role(qtbot, database, host) -> None:  # noqa: ANN001
    item = submitted_legalisir(qtbot, host)
    # The writer only looks.
    dialog = approval(qtbot, host, item, KASUBAG_UMUM)
    assert not any(b.isVisible() for b in (dialog.forward_button, dialog.return_button,
                                           dialog.approve_button))
    assert "Menunggu tinjauan" in dialog.turn.text()
    # A refusal by the domain is shown, in Indonesian, nothing written.
    assert not dialog.approve()
    assert "tidak berwenang mengesahkan SOP" in dialog.messages.general.text()
    dialog.close()
    # The Sekcam forwards.
    dialog = approval(qtbot, host, item, SEKCAM)
    assert dialog.forward_button.isVisible() and dialog.return_button.isVisible()
    assert not dialog.approve_button.isVisible()
    assert dialog.forward()
    item = versions.draf_terbuka("legalisir")
    assert item.diteruskan_oleh == "Sekretaris Camat"
    # The Camat sees what changed and approves from today.
    dialog = approval(qtbot, host, item, CAMAT)
    assert dialog.approve_button.isVisible() and not dialog.forward_button.isVisible()
    html = dialog.changes.toPlainText()
    assert "Perubahan terhadap versi 1 yang berlaku: 1 langkah diubah" in html
    assert "Langkah 3 diubah" in html and "Waktu: (tidak terbaca) → “15 menit”" in html
    assert dialog.old_side.panel.layout_result is not None
    assert dialog.new_side.panel.layout_result is not None
    assert dialog.effective.date().toPython() == dt.date.today()
    assert dialog.approve()
    assert versions.versi_berlaku("legalisir").versi == 2
    assert default_catalog().get("legalisir").step(3).waktu == "15 menit"


def test_sekcam_returns_with_a_note(qtbot, database, host) -> None:  # noqa: ANN001
    item = submitted_legalisir(qtbot, host)
    dialog = approval(qtbot, host, item, SEKCAM)
    note = dialog.ask_return()
    assert not note.save()  # the note is required
    assert note.error_text("alasan")
    note.alasan.setPlainText("Waktu langkah 3 terlalu lama untuk legalisir.")
    assert note.save()
    returned = versions.draf_terbuka("legalisir")
    assert returned.status == versions.DRAF
    assert returned.catatan == "Waktu langkah 3 terlalu lama untuk legalisir."
    # The writer sees the note when opening the draft again.
    editor = editor_for(qtbot, host, "legalisir", KASUBAG_UMUM)
    assert "Dikembalikan: Waktu langkah 3 terlalu lama" in editor.subtitle.text()


def test_pages_list_versions_and_waiting(qtbot, database, host) -> None:  # noqa: ANN001
    item = submitted_legalisir(qtbot, host)
    session.set_actor(SEKCAM)
    page = PengesahanPage()
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Pelayanan Legalisir"
    assert "1 menunggu tindakan Anda" in page.heading.text()
    session.set_actor(KASUBAG_UMUM)
    page.refresh()
    assert "0 menunggu tindakan Anda" in page.heading.text()
    pane = VersionsPane()
    qtbot.addWidget(pane)
    pane.show_sop("legalisir")
    assert [pane.model.index(r, 0).data() for r in range(2)] == ["2", "1"]
    assert pane.model.index(0, 1).data() == "Diajukan"
    assert pane.model.index(1, 1).data() == "Berlaku"
    assert pane.model.index(1, 5).data() == "4 Januari 2022"  # the book's date
    viewed = pane.open_selected()
    assert viewed is not None and viewed.versi.versi == item.versi
    viewed.close()
    # Any version prints through the catalog's own document (the submitted one here).
    preview = pane.print_selected()
    assert preview is not None
    qtbot.waitUntil(preview.is_ready, timeout=20000)
    assert preview.document.pageCount() >= 2  # the identitas page, then the flowchart
    preview.close()


# -- the walk ---------------------------------------------------------------------------

IMB_ACTORS = ("Pemohon", "Petugas Loket", "Kasi Trantib", "Camat")
IMB_STEPS = (
    # kegiatan, pelaksana, symbol, kelengkapan, waktu, ya, tidak
    ("Pemohon mengajukan permohonan rekomendasi IMB", "Pemohon", "terminator",
     "Formulir permohonan, Fotokopi KTP, Fotokopi sertifikat tanah", "", None, None),
    ("Petugas loket memverifikasi kelengkapan berkas", "Petugas Loket", "decision", "",
     "10 menit", 3, 1),
    ("Kasi Trantib meninjau lokasi dan membuat konsep rekomendasi", "Kasi Trantib", "process",
     "", "2 hari", None, None),
    ("Camat menandatangani rekomendasi", "Camat", "process", "", "1 hari", None, None),
    ("Pemohon menerima rekomendasi IMB", "Pemohon", "terminator", "", "", None, None),
)


def test_done_when_walk(qtbot, database) -> None:  # noqa: ANN001
    """The Kasi Trantib details "Pelayanan Rekomendasi IMB" from nothing in the catalog's
    editor and submits it; the Sekretaris Camat forwards it; the Camat sees the changes and
    approves; the catalog and the loket's service follow the new version."""
    from jogoroto_desktop.registers import layanan as ly
    from ui.app import create_main_window

    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    session.set_actor(KASI_TRANTIB)
    window.show_actor(KASI_TRANTIB)
    tab = next(t for t in window.seksi_tabs if t.seksi.id == "trantib")
    window.tabs.setCurrentWidget(tab)
    assert tab.select_sop("rekomendasi-imb")
    detail = tab.detail
    detail.show_sop(tab.current_sop)
    assert detail.edit_button.isVisibleTo(detail)
    assert detail.edit_button.text() == "Buat &revisi\u2026"

    editor = detail.edit_sop()
    assert isinstance(editor, SopEditor)
    assert editor.flowchart.is_empty_state()  # nothing to draw yet
    for name in IMB_ACTORS:
        editor.actors.list.setCurrentRow(editor.actors.list.count() - 1)
        editor.actors.add_item()
        editor.actors.list.currentItem().setText(name)
    assert editor.sop.actors == IMB_ACTORS
    editor.tabs.setCurrentIndex(2)
    model = editor.steps_model
    for row, (kegiatan, pelaksana, symbol, kelengkapan, waktu, _ya, _tidak) in enumerate(
            IMB_STEPS):
        editor.steps_table.setCurrentIndex(model.index(row - 1, 1) if row else QModelIndex())
        editor.insert_step()
        values = {"kegiatan": kegiatan, "pelaksana": pelaksana, "symbol": symbol,
                  "kelengkapan": kelengkapan, "waktu": waktu}
        for field, value in values.items():
            model.setData(model.index(row, model.column_of(field)), value)
            qtbot.waitUntil(lambda r=row, f=field, v=value: getattr(editor.sop.steps[r], f) == v)
    # The decision's targets, once the steps they lead to are there.
    for row, (*_texts, ya, tidak) in enumerate(IMB_STEPS):
        for field, value in (("ya", ya), ("tidak", tidak)):
            if value is not None:
                model.setData(model.index(row, model.column_of(field)), value)
                qtbot.waitUntil(lambda r=row, f=field, v=value: getattr(editor.sop.steps[r], f)
                                == v)
    editor.list_editors["dasar_hukum"].add_item()
    editor.list_editors["dasar_hukum"].list.currentItem().setText(
        "Peraturan Daerah Kabupaten Jombang tentang Bangunan Gedung")
    editor.refresh_now()
    assert editor.problems == []
    assert not editor.flowchart.is_empty_state() and editor.flowchart.page_count() == 1
    # The service's requirements and time standard, as the loket will use them, live.
    assert editor.syarat.isVisibleTo(editor)
    assert "Fotokopi sertifikat tanah" in editor.syarat.text()
    assert "Standar waktu:</b> 3 hari" in editor.syarat.text()
    assert editor.submit()
    assert detail.edit_button.text() == "Lihat &pengajuan\u2026"

    # The Sekretaris Camat forwards it from the Pengesahan SOP page.
    session.set_actor(SEKCAM)
    window.show_actor(SEKCAM)
    sekretariat = window.seksi_tabs[0]
    index = next(i for i in range(sekretariat.sections.count())
                 if sekretariat.sections.tabText(i) == "Pengesahan SOP")
    page = sekretariat.open_section(index)
    assert isinstance(page, PengesahanPage)
    page.refresh()
    assert page.model.index(0, 0).data() == "Pelayanan Rekomendasi IMB"
    dialog = page.open_selected()
    assert dialog is not None and dialog.forward_button.isVisible()
    assert dialog.forward()

    # The Camat sees what changed (and both flowcharts) and approves.
    session.set_actor(CAMAT)
    window.show_actor(CAMAT)
    page.refresh()
    assert "1 menunggu tindakan Anda" in page.heading.text()
    dialog = page.open_selected()
    text = dialog.changes.toPlainText()
    assert "5 langkah ditambahkan" in text
    assert "Langkah 1 ditambahkan: “Pemohon mengajukan permohonan rekomendasi IMB”" in text
    assert "Pelaksana ditambah: “Kasi Trantib”" in text
    assert "Status: “Belum dirinci” → “Rinci”" in text
    assert dialog.old_side.panel.is_empty_state()  # version 1 had no steps
    assert dialog.new_side.panel.page_count() == 1
    assert dialog.approve()
    assert page.model.rowCount() == 0

    # The catalog shows the version in force; the loket's service follows it.
    sop = tab.current_sop
    assert sop is not None and not sop.is_draft and len(sop.steps) == 5
    assert versions.versi_berlaku("rekomendasi-imb").versi == 2
    assert ly.syarat_sop(default_catalog().get("rekomendasi-imb")) == [
        "Formulir permohonan", "Fotokopi KTP", "Fotokopi sertifikat tanah"]
    assert ly.standar_waktu(sop) == dt.timedelta(days=3, minutes=10)
    assert window.statusBar().currentMessage().startswith("Versi 2 disahkan, berlaku")


def test_windows_fit_a_small_screen(qtbot, database, host) -> None:  # noqa: ANN001
    """1366x768 at 125% scaling leaves 1093x614 logical pixels, less the window frame."""
    room = (1093 - 16, 614 - 48)
    editor = editor_for(qtbot, host, "renja", KASUBAG_UMUM)
    hint = editor.minimumSizeHint()
    assert hint.width() <= room[0] and hint.height() <= room[1], hint
    dialog = approval(qtbot, host, versions.versi_berlaku("renja"), CAMAT)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= room[0] and hint.height() <= room[1], hint
