"""The first-run wizard ("Penyiapan Awal"): a guided first pass over the settings a new office
needs before its first letter. It only collects answers; `jogoroto_desktop.setup` checks and
stores them. Each page checks its own answers before "Lanjut" and shows the problems in red
next to the fields."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from jogoroto_desktop import setup
from jogoroto_desktop.nip import normalize_nip
from jogoroto_desktop.session import PermissionDenied
from jogoroto_desktop.validation import ValidationError
from ui.registers.forms import FieldMessages, contains_completer, form_layout


def _form() -> QFormLayout:
    form = form_layout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    return form


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class _CheckedPage(QWizardPage):
    """A page whose answers are checked by `problems()` before the wizard moves on."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.general = QLabel()
        self.general.setObjectName("pesanHalaman")
        self.general.hide()
        self.messages = FieldMessages(self.general)

    def problems(self) -> dict[str, str]:
        return {}

    def validatePage(self) -> bool:  # noqa: N802
        problems = self.problems()
        if problems:
            self.messages.show(problems)
            return False
        self.messages.clear()
        return True


class IntroPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("halamanPembuka")
        self.setTitle("Selamat datang di Jogoroto Desktop")
        layout = QVBoxLayout(self)
        layout.addWidget(_note(
            "<p>Basis data ini belum disiapkan. Beberapa langkah berikut mengisi yang "
            "diperlukan sebelum surat pertama dicatat:</p>"
            "<ul><li>basis data: PC ini saja atau server kantor,</li>"
            "<li>identitas kantor: kop surat (dengan logo bila ada) dan kode unit pada nomor "
            "surat,</li>"
            "<li>pejabat penanda tangan: Camat dan Sekretaris Camat,</li>"
            "<li>ukuran kertas bawaan.</li></ul>"
            "<p>Semuanya bisa diubah lagi kapan saja lewat menu <b>Berkas \u203a "
            "Pengaturan</b>.</p>"))
        layout.addStretch(1)


class DatabasePage(QWizardPage):
    """This PC's own database or the office server. The server is set up in the same dialog
    as Berkas > Basis Data (with "Tes koneksi"); choosing it ends the wizard here, because the
    program must be opened again on the server, where the setup continues (or is already
    done by another PC)."""

    def __init__(self, database_label: str, open_is_server: bool) -> None:
        super().__init__()
        self.setObjectName("halamanBasisData")
        self.setTitle("Basis data")
        self.setSubTitle("Satu PC saja, atau beberapa PC kantor yang memakai satu server "
                         "bersama?")
        self.database_label = database_label
        self.open_is_server = open_is_server
        self.local = QRadioButton("&Basis data di PC ini saja (SQLite)")
        self.local.setObjectName("basisDataLokal")
        self.server = QRadioButton("&Server kantor (PostgreSQL), dipakai bersama beberapa PC")
        self.server.setObjectName("basisDataServer")
        self.group = QButtonGroup(self)
        self.group.addButton(self.local)
        self.group.addButton(self.server)
        self.configure = QPushButton("&Atur server kantor…")
        self.configure.setObjectName("aturServer")
        self.configure.clicked.connect(self.open_server_dialog)
        self.state = _note("")
        self.state.setObjectName("keadaanBasisData")
        layout = QVBoxLayout(self)
        layout.addWidget(_note(f"Sedang dipakai: {database_label}"))
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        row = QHBoxLayout()
        row.addSpacing(24)
        row.addWidget(self.configure)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.state)
        layout.addStretch(1)
        (self.server if setup.pc_uses_server() else self.local).setChecked(True)
        self.server.toggled.connect(self._changed)
        self._changed()

    def restart_needed(self) -> bool:
        return self.server.isChecked() and setup.restart_needed(self.open_is_server)

    def _changed(self) -> None:
        self.configure.setEnabled(self.server.isChecked())
        if self.restart_needed():
            text = ("Server kantor sudah diatur untuk PC ini. Tekan <b>Selesai</b>, lalu buka "
                    "program lagi: penyiapan dilanjutkan di server (atau langsung siap bila "
                    "PC lain sudah menyiapkannya).")
        elif self.server.isChecked() and not self.open_is_server:
            text = "Tekan <b>Atur server kantor…</b>, isi alamat server, lalu Tes koneksi."
        else:
            text = ""
        self.state.setText(text)
        self.setFinalPage(self.restart_needed())  # makes the wizard show Finish instead of Next
        self.completeChanged.emit()

    def open_server_dialog(self) -> None:
        from ui.database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self.database_label, self)
        dialog.server.setChecked(True)
        dialog.exec()
        self._changed()

    def isComplete(self) -> bool:  # noqa: N802
        return not (self.server.isChecked() and not self.open_is_server
                    and not setup.pc_uses_server())

    def nextId(self) -> int:  # noqa: N802
        return -1 if self.restart_needed() else super().nextId()

    def validatePage(self) -> bool:  # noqa: N802
        if self.local.isChecked():
            setup.use_local_database()
        return True


class KopPage(_CheckedPage):
    """The kop surat: the same editor (with its live preview) as Pengaturan > Kop Surat."""

    def __init__(self) -> None:
        super().__init__("Identitas kantor: kop surat",
                         "Dicetak di atas setiap formulir resmi dan dokumen SOP. Logo boleh "
                         "dipasang nanti.")
        self.setObjectName("halamanKop")
        from ui.settings_dialog import KopTab

        self.tab = KopTab()
        self.messages = self.tab.messages
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tab)

    def problems(self) -> dict[str, str]:
        return self.tab.problems()


class KantorPage(_CheckedPage):
    """The unit code, with the outgoing number it gives."""

    def __init__(self, data: setup.SetupData) -> None:
        super().__init__("Identitas kantor: kode unit",
                         "Kode unit kerja dipakai pada setiap nomor surat keluar.")
        self.setObjectName("halamanKantor")
        self.kode_unit = QLineEdit(data.kode_unit)
        self.kode_unit.setObjectName("kodeUnit")
        self.kode_unit.setPlaceholderText(f"mis. {setup.DEFAULT_UNIT}")
        self.kode_unit.setMaxLength(20)
        self.preview = QLabel()
        self.preview.setObjectName("contohNomor")
        form = _form()
        label = QLabel("&Kode unit:")
        label.setBuddy(self.kode_unit)
        form.addRow(label, self.messages.field("kode_unit", self.kode_unit))
        form.addRow("Contoh nomor surat:", self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_note(
            f"Kecamatan Jogoroto memakai <b>{setup.DEFAULT_UNIT}</b>, seperti pada nomor "
            f"005/12/{setup.DEFAULT_UNIT}/2022. Bentuk lengkap nomor diatur di Pengaturan "
            "\u203a Penomoran."))
        layout.addWidget(self.general)
        layout.addStretch(1)
        self.kode_unit.textChanged.connect(self.update_preview)
        self.update_preview()

    def update_preview(self) -> None:
        self.preview.setText(setup.contoh_nomor(self.kode_unit.text()) or "-")

    def problems(self) -> dict[str, str]:
        try:
            setup.validate_unit_code(self.kode_unit.text())
        except ValidationError as exc:
            return exc.problems
        return {}


class PejabatPage(_CheckedPage):
    """Nama, pangkat and NIP of the Camat and the Sekretaris Camat."""

    def __init__(self, data: setup.SetupData) -> None:
        super().__init__("Pejabat penanda tangan",
                         "Nama, pangkat dan NIP dicetak pada lembar disposisi, surat pengantar "
                         "dan tanda terima.")
        self.setObjectName("halamanPejabat")
        # Two lines kept for each message, so no field moves when a message comes or goes.
        self.messages = FieldMessages(self.general, reserve_lines=2)
        layout = QVBoxLayout(self)
        self.fields: dict[str, tuple[QLineEdit, QComboBox, QLineEdit]] = {}
        for prefix, jabatan, current in (("camat", setup.JABATAN_CAMAT, data.camat),
                                         ("sekcam", setup.JABATAN_SEKCAM, data.sekcam)):
            box = QGroupBox(jabatan)
            form = _form()
            nama = QLineEdit(current.nama)
            nama.setObjectName(f"{prefix}Nama")
            nama.setPlaceholderText("mis. Drs. Suyanto, M.Si.")
            pangkat = QComboBox()
            pangkat.setEditable(True)
            pangkat.addItems(setup.pangkat_choices())
            pangkat.setCurrentIndex(-1)  # no rank chosen for the official until one is typed
            pangkat.setCurrentText(current.pangkat)
            pangkat.setObjectName(f"{prefix}Pangkat")
            pangkat.lineEdit().setPlaceholderText("mis. Pembina Tk. I")
            pangkat.setCompleter(contains_completer(setup.pangkat_choices(), pangkat))
            nip = QLineEdit(current.nip)
            nip.setObjectName(f"{prefix}Nip")
            nip.setPlaceholderText("18 angka, mis. 19690814 199703 2 003")
            for text, name, widget in (("Na&ma:" if prefix == "camat" else "Nam&a:", "nama",
                                        nama),
                                       ("&Pangkat:" if prefix == "camat" else "Pang&kat:",
                                        "pangkat", pangkat),
                                       ("N&IP:" if prefix == "camat" else "NI&P:", "nip", nip)):
                label = QLabel(text)
                label.setBuddy(widget)
                form.addRow(label, self.messages.field(f"{prefix}_{name}", widget))
            box.setLayout(form)
            layout.addWidget(box)
            self.fields[prefix] = (nama, pangkat, nip)
            nip.editingFinished.connect(lambda edit=nip: self._tidy_nip(edit))
            for edit in (nama, pangkat.lineEdit(), nip):
                edit.textChanged.connect(self._refresh_messages)
        layout.addWidget(self.general)
        layout.addStretch(1)

    def _refresh_messages(self) -> None:
        self.messages.refresh(self.problems())

    @staticmethod
    def _tidy_nip(edit: QLineEdit) -> None:
        with contextlib.suppress(ValueError):  # the message comes with "Lanjut"
            edit.setText(normalize_nip(edit.text()))

    def validatePage(self) -> bool:  # noqa: N802
        ok = super().validatePage()
        if ok:
            for _nama, _pangkat, nip in self.fields.values():
                self._tidy_nip(nip)
        return ok

    def value(self, prefix: str) -> setup.PejabatInput:
        nama, pangkat, nip = self.fields[prefix]
        return setup.PejabatInput(nama.text(), pangkat.currentText(), nip.text())

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        for prefix, jabatan in (("camat", setup.JABATAN_CAMAT),
                                ("sekcam", setup.JABATAN_SEKCAM)):
            try:
                setup.validate_pejabat(prefix, jabatan, self.value(prefix))
            except ValidationError as exc:
                problems.update(exc.problems)
        return problems


class KertasPage(QWizardPage):
    def __init__(self, data: setup.SetupData) -> None:
        super().__init__()
        self.setObjectName("halamanKertas")
        self.setTitle("Kertas bawaan")
        self.setSubTitle("Ukuran kertas yang dipilih lebih dulu saat mencetak dokumen SOP "
                         "dan formulir yang tersedia dalam A4 dan F4.")
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for paper, label in setup.PAPERS.items():
            button = QRadioButton(label)
            button.setObjectName(f"kertas{paper}")
            button.setChecked(paper == data.kertas)
            button.setProperty("kertas", paper)
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addWidget(_note("Lembar disposisi tetap setengah folio dan kartu kendali "
                               "10 \u00d7 15 cm; kertas setiap formulir bisa dipilih lagi di "
                               "jendela pratinjau cetak."))
        layout.addStretch(1)

    def kertas(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("kertas")) if button is not None else setup.DEFAULT_PAPER


class SelesaiPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("halamanSelesai")
        self.setTitle("Siap disimpan")
        self.setSubTitle("Periksa sekali lagi, lalu tekan Selesai.")
        self.summary = QLabel()
        self.summary.setObjectName("ringkasan")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.general = QLabel()
        self.general.hide()
        self.messages = FieldMessages(self.general)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.general)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        data = wizard.collected()
        kop = data.kop
        logo = ("tanpa logo" if not wizard.kop.tab.current_logo() else "dengan logo")
        rows = [("Kop surat", "<br>".join(filter(None, (kop.pemerintah, kop.instansi,
                                                       kop.alamat, kop.telepon)))
                 + f"<br><i>({logo}; tempat: {kop.tempat})</i>"),
                ("Kode unit", data.kode_unit)]
        for jabatan, person in ((setup.JABATAN_CAMAT, data.camat),
                                (setup.JABATAN_SEKCAM, data.sekcam)):
            rows.append((jabatan, f"{person.nama}<br>{person.pangkat}, NIP "
                                  f"{_nip_text(person.nip)}"))
        rows.append(("Kertas bawaan", setup.PAPERS.get(data.kertas, data.kertas)))
        self.summary.setText("<table cellspacing=6>" + "".join(
            f"<tr><td><b>{label}</b></td><td>{value}</td></tr>" for label, value in rows)
            + "</table>")


def _nip_text(text: str) -> str:
    try:
        return normalize_nip(text)
    except ValueError:
        return text


class FirstRunWizard(QWizard):
    """Shown when a database has never been set up; `accept()` stores everything."""

    def __init__(self, parent: QWidget | None = None, database_label: str = "",
                 open_is_server: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("wizardPenyiapan")
        self.restart_needed = False
        self.setWindowTitle("Penyiapan Awal \u2014 Jogoroto Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "&Lanjut >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Kembali")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Selesai")
        self.setButtonText(QWizard.WizardButton.CancelButton, "&Batal")
        self.resize(720, 560)
        data = setup.load_setup_data()
        self.intro = IntroPage()
        self.database = DatabasePage(database_label, open_is_server)
        self.kop = KopPage()
        self.kantor = KantorPage(data)
        self.pejabat = PejabatPage(data)
        self.kertas = KertasPage(data)
        self.selesai = SelesaiPage()
        for page in (self.intro, self.database, self.kop, self.kantor, self.pejabat,
                     self.kertas, self.selesai):
            self.addPage(page)

    def collected(self) -> setup.SetupData:
        return setup.SetupData(
            kode_unit=self.kantor.kode_unit.text(),
            camat=self.pejabat.value("camat"),
            sekcam=self.pejabat.value("sekcam"),
            kertas=self.kertas.kertas(),
            kop=self.kop.tab.values(),
            logo=self.kop.tab.logo,
        )

    def accept(self) -> None:
        if self.database.restart_needed():  # the setup goes on on the server
            self.restart_needed = True
            super().accept()
            return
        try:
            setup.save_setup(self.collected())
        except ValidationError as exc:
            self.selesai.messages.show(exc.problems)
            return
        except PermissionDenied as exc:
            QMessageBox.warning(self, "Penyiapan Awal", str(exc))
            return
        super().accept()
