"""Pengaturan: the officials (names, ranks, NIP for signature blocks and disposisi), the
numbering template of outgoing letters, the kop surat and the QR signing key (its fingerprint,
export as a file or a printed page, rotation by the admin: those act at once, audited, as
`jogoroto_desktop.qr_keys` does them). Otherwise nothing is written until "Simpan";
officials are never deleted (old disposisi name them), only set inactive. The checks and the
save are `jogoroto_desktop.pengaturan`'s: this dialog collects what was typed and shows the
problems it gets back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import qr_keys, session
from jogoroto_desktop.desa import daftar_desa, desa_bawaan
from jogoroto_desktop.kop_settings import (
    KOP_FIELDS,
    KopInput,
    check_logo,
    load_kop_input,
    logo_bytes,
)
from jogoroto_desktop.nip import normalize_nip
from jogoroto_desktop.pengaturan import (
    PejabatDraft,
    PengaturanInput,
    PengaturanProblems,
    check_kop,
    check_pejabat_at,
    daftar_pejabat,
    preview_nomor,
    simpan_pengaturan,
)
from jogoroto_desktop.registers.surat import klasifikasi_table
from jogoroto_desktop.registers.surat_keluar import nomor_template
from jogoroto_desktop.setup import PAPERS, SAMPLE_KODE, default_paper
from jogoroto_desktop.sop.catalog import SEKSI, SEKSI_BY_ID
from jogoroto_desktop.validation import ValidationError
from ui.registers.forms import (
    ERROR_COLOR,
    EnterMovesOn,
    FieldMessages,
    form_layout,
    make_buttons,
    name_window,
    named_line,
    set_tab_order,
)
from ui.registers.table import MUTED_COLOR, pick_table

NO_SEKSI = "(tanpa seksi)"


class PejabatTab(QWidget):
    """The list of officials with a form for the selected one."""

    COLUMNS = ("Jabatan", "Nama", "Seksi", "Aktif")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts = daftar_pejabat()
        self._original = [replace(d) for d in self.drafts]
        self._loading = False

        self.table = pick_table("pejabatTable", self.COLUMNS)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 190)
        self.table.setColumnWidth(2, 150)
        self.table.setColumnWidth(3, 50)
        self.table.currentCellChanged.connect(lambda row, *_: self._load(row))

        self.add_button = QPushButton("&Tambah Pejabat")
        self.add_button.setObjectName("tambahPejabat")
        self.add_button.clicked.connect(self.add)
        self.up_button = QPushButton("&Naik")
        self.up_button.setToolTip("Pindahkan ke atas (urutan di lembar disposisi)")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("T&urun")
        self.down_button.setToolTip("Pindahkan ke bawah (urutan di lembar disposisi)")
        self.down_button.clicked.connect(lambda: self.move(1))
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.up_button)
        list_buttons.addWidget(self.down_button)

        self.jabatan = named_line("jabatan")
        self.nama = named_line("nama", "mis. Drs. Suyanto, M.Si.")
        self.pangkat = named_line("pangkat", "mis. Pembina Tk. I")
        self.nip = named_line("nip", "18 angka, mis. 19690814 199703 2 003 (boleh kosong)")
        self.seksi = QComboBox()
        self.seksi.setObjectName("seksi")
        self.seksi.addItem(NO_SEKSI, "")
        for seksi in SEKSI:
            self.seksi.addItem(seksi.name, seksi.id)
        self.seksi.setToolTip("Disposisi kepada pejabat ini masuk ke kotak masuk seksi ini")
        self.aktif = QCheckBox("&Aktif (bisa dipilih untuk disposisi dan tanda tangan)")
        self.aktif.setObjectName("aktif")
        self.aktif.setToolTip("Pejabat tidak pernah dihapus karena namanya ada di disposisi "
                              "lama; hilangkan centang bila sudah tidak menjabat.")

        self.messages = FieldMessages()
        form = self.messages.form((("&Jabatan:", "jabatan", self.jabatan),
                                   ("Na&ma:", "nama", self.nama),
                                   ("&Pangkat:", "pangkat", self.pangkat),
                                   ("N&IP:", "nip", self.nip),
                                   ("&Seksi:", "seksi", self.seksi)))
        form.addRow("", self.aktif)
        self.form_box = QWidget()
        form_layout = QVBoxLayout(self.form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(form)
        form_layout.addWidget(self.messages.general)
        form_layout.addStretch(1)

        for edit in (self.jabatan, self.nama, self.pangkat, self.nip):
            edit.textEdited.connect(self._store)
        self.nip.editingFinished.connect(self._check_nip)
        self.seksi.currentIndexChanged.connect(self._store)
        self.aktif.toggled.connect(self._store)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(list_buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addSpacing(8)
        layout.addWidget(self.form_box, 2)
        set_tab_order([self.table, self.add_button, self.up_button, self.down_button,
                       self.jabatan, self.nama, self.pangkat, self.nip, self.seksi, self.aktif])
        self._fill_table()
        self.table.setCurrentCell(0 if self.drafts else -1, 0)
        self._load(self.table.currentRow())

    # list
    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.drafts))
        for row in range(len(self.drafts)):
            self._fill_row(row)

    def _fill_row(self, row: int, bad: bool = False) -> None:
        draft = self.drafts[row]
        seksi = SEKSI_BY_ID[draft.seksi].name if draft.seksi in SEKSI_BY_ID else NO_SEKSI
        texts = (draft.jabatan or "(jabatan baru)", draft.nama or "(belum diisi)", seksi,
                 "Ya" if draft.aktif else "Tidak")
        for column, text in enumerate(texts):
            item = self.table.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, column, item)
            item.setText(text)
            item.setToolTip(text)
            color = ERROR_COLOR if bad else (MUTED_COLOR if not draft.aktif
                                             or (column == 1 and not draft.nama) else None)
            item.setForeground(color if color is not None else QColor(
                self.table.palette().text().color()))

    def current_draft(self) -> PejabatDraft | None:
        row = self.table.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def select(self, row: int) -> None:
        self.table.setCurrentCell(row, 0)

    def add(self) -> None:
        urutan = max((d.urutan for d in self.drafts), default=0) + 1
        self.drafts.append(PejabatDraft(None, "", "", "", "", "", urutan, True))
        self.table.setRowCount(len(self.drafts))
        self._fill_row(len(self.drafts) - 1)
        self.select(len(self.drafts) - 1)
        self.jabatan.setFocus()

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if not (0 <= row < len(self.drafts) and 0 <= other < len(self.drafts)):
            return
        a, b = self.drafts[row], self.drafts[other]
        a.urutan, b.urutan = b.urutan, a.urutan
        self.drafts[row], self.drafts[other] = b, a
        self._fill_row(row)
        self._fill_row(other)
        self.select(other)

    # form
    def _load(self, row: int) -> None:
        draft = self.drafts[row] if 0 <= row < len(self.drafts) else None
        self.form_box.setEnabled(draft is not None)
        self._loading = True
        self.jabatan.setText(draft.jabatan if draft else "")
        self.nama.setText(draft.nama if draft else "")
        self.pangkat.setText(draft.pangkat if draft else "")
        self.nip.setText(draft.nip if draft else "")
        self.seksi.setCurrentIndex(max(self.seksi.findData(draft.seksi if draft else ""), 0))
        self.aktif.setChecked(draft.aktif if draft else False)
        self._loading = False
        self.up_button.setEnabled(draft is not None and row > 0)
        self.down_button.setEnabled(draft is not None and row < len(self.drafts) - 1)
        problems = self.problems_of(row) if draft is not None else {}
        if problems:
            self.messages.show(problems)
        else:
            self.messages.clear()

    def _store(self) -> None:
        draft = self.current_draft()
        if draft is None or self._loading:
            return
        draft.jabatan = self.jabatan.text()
        draft.nama = self.nama.text()
        draft.pangkat = self.pangkat.text()
        draft.nip = self.nip.text()
        draft.seksi = self.seksi.currentData()
        draft.aktif = self.aktif.isChecked()
        self._fill_row(self.table.currentRow())

    def _check_nip(self) -> None:
        try:
            text = normalize_nip(self.nip.text())
        except ValueError as exc:
            self.messages.labels["nip"].setText(str(exc))
            self.messages.labels["nip"].show()
            return
        self.messages.labels["nip"].hide()
        if text != self.nip.text():
            self.nip.setText(text)
            self._store()

    # saving
    def problems_of(self, row: int) -> dict[str, str]:
        return check_pejabat_at(self.drafts, row)

    def show_problems(self, problems: dict[str, str], row: int | None) -> None:
        """Show the problems of the save, at the official they concern (if one)."""
        if row is not None:
            self.select(row)
            self._fill_row(row, bad=True)
        self.messages.show(problems)

    def read_as(self) -> list[PejabatDraft]:
        """The officials as the dialog read them (to tell what changed)."""
        return self._original


class PenomoranTab(QWidget):
    """The outgoing-number template with a preview of the next number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = QLineEdit(nomor_template())
        self.template.setObjectName("template")
        intro = QLabel(
            "Nomor surat keluar dibuat dari template ini saat surat diagendakan. "
            "Bagian yang bisa dipakai:<br>"
            "<b>{kode}</b> kode klasifikasi arsip (mis. 005), <b>{urut}</b> nomor urut "
            "tahun berjalan (wajib), <b>{tahun}</b> tahun surat (wajib), <b>{bulan}</b> "
            "bulan surat (angka).<br>"
            "Contoh: <tt>{kode}/{urut}/415.67/{tahun}</tt> \u2192 005/12/415.67/2026")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.preview = QLabel()
        self.preview.setObjectName("pratinjauNomor")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.preview.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.preview.setFont(font)
        self.messages = FieldMessages()
        form = form_layout()
        label = QLabel("&Template nomor:")
        label.setBuddy(self.template)
        form.addRow(label, self.messages.field("template", self.template))
        form.addRow("Nomor berikutnya:", self.preview)
        self.example = QLabel(f"(dengan kode contoh {SAMPLE_KODE} "
                              f"{klasifikasi_table().get(SAMPLE_KODE, '')})")
        form.addRow("", self.example)
        self.kertas = QComboBox()
        self.kertas.setObjectName("kertasBawaan")
        for key, label in PAPERS.items():
            self.kertas.addItem(label, key)
        self.kertas.setCurrentIndex(max(self.kertas.findData(default_paper()), 0))
        paper_label = QLabel("&Kertas bawaan:")
        paper_label.setBuddy(self.kertas)
        form.addRow(paper_label, self.kertas)
        form.addRow("", QLabel("(dipakai surat pengantar, tanda terima dan PDF SOP bila "
                               "kertasnya belum pernah dipilih di PC ini)"))
        from jogoroto_desktop.pengaturan import ambang_monitoring

        self.ambang = QSpinBox()
        self.ambang.setObjectName("ambangMonitoring")
        self.ambang.setRange(1, 100)
        self.ambang.setSuffix(" %")
        self.ambang.setValue(ambang_monitoring())
        ambang_label = QLabel("&Ambang tepat waktu:")
        ambang_label.setBuddy(self.ambang)
        form.addRow(ambang_label, self.messages.field("ambang", self.ambang))
        form.addRow("", QLabel("(monitoring SOP mengusulkan \u201cBerjalan dengan baik\u201d "
                               "bila sekurang-kurangnya sebanyak ini tepat waktu)"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.messages.general)
        layout.addStretch(1)
        self.template.textChanged.connect(self.update_preview)
        self.update_preview()

    def show_problems(self, problems: dict[str, str]) -> None:
        self.update_preview()  # shows the template's problem beside it
        if set(problems) - {"template"}:
            self.messages.show(problems)
        self.template.setFocus()

    def update_preview(self) -> None:
        try:
            text = preview_nomor(self.template.text().strip())
        except ValidationError as exc:
            self.preview.setText("-")
            self.messages.show(exc.problems)
            self.messages.general.hide()
            return
        self.messages.clear()
        self.preview.setText(text)

    def paper(self) -> str:
        return str(self.kertas.currentData())


class KopTab(QWidget):
    """The kop surat of every printed form and SOP: its lines, the place before the date and
    an optional logo (checked: a real PNG/JPEG that fits), with a live preview drawn by the
    same code that prints it."""

    PREVIEW_WIDTH = 640

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        stored = load_kop_input()
        self.edits: dict[str, QLineEdit] = {}
        self.messages = FieldMessages()
        form = form_layout()
        for name, (_key, label_text, longest) in KOP_FIELDS.items():
            edit = QLineEdit(getattr(stored, name))
            edit.setObjectName(f"kop_{name}")
            edit.setMaxLength(longest)
            edit.textChanged.connect(self.update_preview)
            self.edits[name] = edit
            label = QLabel(f"{label_text}:")
            label.setBuddy(edit)
            form.addRow(label, self.messages.field(name, edit))
        self.logo_label = QLabel()
        self.logo_label.setObjectName("kop_logo_nama")
        self.choose_logo_button = QPushButton("Pilih &logo…")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("&Tanpa logo")
        self.remove_logo_button.clicked.connect(self.remove_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        logo_box = QWidget()
        logo_box.setLayout(logo_row)
        logo_row.setContentsMargins(0, 0, 0, 0)
        form.addRow("Logo:", self.messages.field("logo", logo_box))
        self.preview = QLabel()
        self.preview.setObjectName("pratinjauKop")
        self.preview.setFrameShape(QLabel.Shape.Box)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        intro = QLabel("Kop surat dicetak pada semua formulir resmi dan SOP. Logo: berkas PNG "
                       "atau JPEG, kurang lebih persegi, paling besar 1 MB.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.messages.general)
        layout.addWidget(QLabel("Pratinjau:"))
        layout.addWidget(self.preview)
        layout.addStretch(1)
        # The logo: False = keep what is stored, None = remove, bytes = a new one.
        self.logo: bytes | None | bool = False
        self._stored_logo = logo_bytes()
        self._update_logo_label()
        self.preview_image: QImage | None = None  # the kop drawn last, once it is made
        self._preview_wanted = 0
        self.update_preview()

    def current_logo(self) -> bytes | None:
        return self._stored_logo if self.logo is False else self.logo  # type: ignore[return-value]

    def _update_logo_label(self) -> None:
        logo = self.current_logo()
        self.logo_label.setText("(tanpa logo)" if not logo else
                                f"logo {len(logo) // 1024 or 1} KB"
                                + (" (baru)" if isinstance(self.logo, bytes) else ""))
        self.remove_logo_button.setEnabled(bool(logo))

    def choose_logo_file(self) -> Path | None:
        """Ask for the logo file (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(self, "Pilih logo kop surat", "",
                                                    "Gambar (*.png *.jpg *.jpeg)")
        return Path(name) if name else None

    def choose_logo(self) -> bool:
        source = self.choose_logo_file()
        if source is None:
            return False
        try:
            content = source.read_bytes()
            check_logo(content, source.name)
        except OSError as exc:
            self.messages.show({"logo": f"Berkas tidak bisa dibaca: {exc.strerror}"})
            return False
        except ValidationError as exc:
            self.messages.show(exc.problems)
            self.messages.general.hide()
            return False
        self.messages.clear()
        self.logo = content
        self._update_logo_label()
        self.update_preview()
        return True

    def remove_logo(self) -> None:
        self.logo = None
        self._update_logo_label()
        self.update_preview()

    def values(self) -> KopInput:
        return KopInput(**{name: edit.text() for name, edit in self.edits.items()})

    def problems(self) -> dict[str, str]:
        return check_kop(self.values(), self.logo)

    def update_preview(self) -> None:
        """Draw the kop as it will print (reportlab, through a BackgroundOp), then show it as
        an image; a preview asked for later wins over one still being made."""
        from ui.operations import Operation, run_in_background

        values = self.values()
        logo = self.current_logo()
        self._preview_wanted += 1
        wanted = self._preview_wanted

        def work(_op: Operation) -> Path:
            import tempfile

            from jogoroto_desktop.kop import Kop
            from printing.sop_document import build_kop_pdf

            folder = Path(tempfile.mkdtemp(prefix="jogoroto-kop-"))
            logo_path = None
            if logo:
                logo_path = folder / "logo"
                logo_path.write_bytes(logo)
            kop = Kop(pemerintah=values.pemerintah, instansi=values.instansi,
                      alamat=values.alamat, telepon=values.telepon,
                      tempat=values.tempat or Kop().tempat, logo=logo_path)
            target = folder / "kop.pdf"
            try:
                build_kop_pdf(kop, target)
            except BaseException:
                _remove_folder(folder)
                raise
            return target

        def shown(target: Path) -> None:
            try:
                if wanted == self._preview_wanted:
                    self._show_preview(target)
            finally:
                _remove_folder(target.parent)

        def failed(_error: Exception) -> None:
            if wanted == self._preview_wanted:
                self.preview.setText("Logo tidak bisa digambar.")

        run_in_background(self, work, expected=(ValueError,), success=shown, failure=failed)

    def _show_preview(self, pdf: Path) -> None:
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QPixmap
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument()
        document.load(str(pdf))
        size = document.pagePointSize(0)
        width = self.PREVIEW_WIDTH
        image = document.render(0, QSize(width, round(width * size.height() / size.width())))
        document.close()
        self.preview_image = image
        self.preview.setPixmap(QPixmap.fromImage(image))

    def saved(self) -> None:
        """The kop as typed is now the stored one."""
        self.logo = False
        self._stored_logo = logo_bytes()


class DesaTab(QWidget):
    """The kecamatan's desa offered in the layanan request form: one name a row, edited in
    place (double-click or F2); "Simpan" stores it with the rest of Pengaturan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel("Desa yang ditawarkan pada isian Desa/kelurahan permohonan layanan. "
                       "Alamat di luar kecamatan tetap bisa diketik langsung pada isian itu.")
        intro.setWordWrap(True)
        self.names = QListWidget()
        self.names.setObjectName("daftarDesa")
        self.names.setEditTriggers(QListWidget.EditTrigger.DoubleClicked
                                   | QListWidget.EditTrigger.EditKeyPressed)
        self.set_names(daftar_desa())
        self.add_button = QPushButton("&Tambah Desa")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("&Keluarkan dari Daftar")
        self.remove_button.clicked.connect(self.remove)
        self.default_button = QPushButton("Kembalikan Daftar &Bawaan")
        self.default_button.clicked.connect(lambda: self.set_names(desa_bawaan()))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.default_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.names, 1)
        row.addLayout(buttons)
        self.messages = FieldMessages()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.messages.general)

    def set_names(self, names: list[str]) -> None:
        self.names.clear()
        for name in names:
            self._append(name)

    def _append(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.names.addItem(item)
        return item

    def add(self) -> None:
        item = self._append("")
        self.names.setCurrentItem(item)
        self.names.editItem(item)

    def remove(self) -> None:
        for item in self.names.selectedItems():
            self.names.takeItem(self.names.row(item))

    def values(self) -> list[str]:
        return [self.names.item(row).text() for row in range(self.names.count())]


class KunciTab(QWidget):
    """The office's QR signing key: the fingerprint people compare, the rotated-out keys,
    the public key exported to a file or printed on a page, and rotation (admin only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            "Kode QR pada dokumen ditandatangani dengan kunci privat PC ini (disimpan di "
            "folder data PC ini, tidak di basis data). Kunci publik kantor (tidak "
            "rahasia) memungkinkan PC lain, instalasi ulang, Polsek atau KUA memeriksa "
            "keaslian dokumen tanpa basis data kantor. Tombol di bawah langsung berlaku, "
            "tidak menunggu Simpan.")
        intro.setWordWrap(True)
        self.fingerprint, self.retired, self.status = (
            _named_label(name) for name in ("sidikJariKunci", "kunciLama", "kunciStatus"))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton("&Ekspor ke berkas…")
        self.export_button.clicked.connect(self.export_file)
        self.print_button = QPushButton("C&etak halaman kunci…")
        self.print_button.clicked.connect(self.print_page)
        self.rotate_button = QPushButton("&Ganti kunci…")
        self.rotate_button.setObjectName("gantiKunci")
        self.rotate_button.clicked.connect(self.rotate)
        actor = session.current_actor()
        self.rotate_button.setEnabled(actor is not None and actor.may("pengaturan.ubah"))
        self.rotate_button.setToolTip("Hanya admin. Kunci lama tetap dipakai untuk memeriksa "
                                      "dokumen yang sudah dicetak.")
        self.preview = None
        form = form_layout()
        form.addRow("Sidik jari kunci:", self.fingerprint)
        self.others = _named_label("kunciPcLain")
        form.addRow("Kunci PC lain:", self.others)
        form.addRow("Kunci lama:", self.retired)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.print_button, self.rotate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        info = qr_keys.key_info()
        self.fingerprint.setText(f"<b>{info.fingerprint}</b>")
        self.retired.setText(", ".join(info.retired) or "(belum pernah diganti)")
        self.others.setText(", ".join(info.others) or "(belum ada)")

    def choose_export_file(self) -> Path | None:
        """Ask where to write the key file (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            self, "Ekspor kunci publik QR", "kunci-publik-jogoroto.txt", "Teks (*.txt)")
        return Path(name) if name else None

    def export_file(self) -> Path | None:
        target = self.choose_export_file()
        if target is None:
            return None
        try:
            qr_keys.export_public_keys(target)
        except OSError as exc:
            self.status.setText(f"Berkas {target} tidak dapat ditulis ({exc.strerror or exc}).")
            return None
        self.status.setText(f"Kunci publik ditulis ke {target}.")
        return target

    def print_page(self) -> QDialog | None:
        from jogoroto_desktop import documents
        from printing.forms.kunci_publik import PAPERS, build_kunci_publik
        from ui.pdf_preview import FormJob, open_form_preview

        data = documents.kunci_publik_data()
        self.preview = open_form_preview(self, FormJob(
            "kunci", "Kunci Publik Kode QR", PAPERS,
            lambda path, paper: build_kunci_publik(data, path, paper)))
        return self.preview

    def confirm_rotation(self) -> bool:
        """Ask before rotating (tests replace this)."""
        answer = QMessageBox.question(
            self, "Ganti kunci QR",
            "Buat kunci baru untuk dokumen yang dicetak mulai sekarang? Kunci lama tetap "
            "disimpan untuk memeriksa dokumen lama. Ekspor ulang kunci publik untuk PC lain, "
            "Polsek dan KUA sesudahnya.")
        return answer == QMessageBox.StandardButton.Yes

    def rotate(self) -> bool:
        if not self.confirm_rotation():
            return False
        try:
            info = qr_keys.rotate_signing_key()
        except session.PermissionDenied as exc:
            self.status.setText(str(exc))
            return False
        self.refresh()
        self.status.setText(f"Kunci baru {info.fingerprint} berlaku. Ekspor ulang kunci publik.")
        return True


class PengaturanDialog(QDialog):
    """Tabs "Pejabat", "Penomoran" and "Kop Surat"; "Simpan" has the domain check everything,
    then write it in one transaction. `saved` is True after a successful save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_window(self, "Pengaturan", "pengaturanDialog", (1100, 580))
        self.saved = False
        self.tabs = QTabWidget()
        self.pejabat_tab = PejabatTab()
        self.penomoran_tab = PenomoranTab()
        self.tabs.addTab(self.pejabat_tab, "&Pejabat")
        self.tabs.addTab(self.penomoran_tab, "Pe&nomoran dan Kertas")
        self.kop_tab = KopTab()
        self.tabs.addTab(self.kop_tab, "&Kop Surat")
        self.desa_tab = DesaTab()
        self.tabs.addTab(self.desa_tab, "&Desa")
        self.kunci_tab = KunciTab()
        self.tabs.addTab(self.kunci_tab, "Kunci &QR")
        self.templat_tab = _templat_tab()
        self.tabs.addTab(self.templat_tab, "&Templat Naskah")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(make_buttons(self, "&Simpan", self.save))
        self.enter = EnterMovesOn(self)
        tab = self.pejabat_tab
        self.enter.watch(tab.jabatan, tab.nama, tab.pangkat, tab.nip, tab.seksi, tab.aktif,
                         self.penomoran_tab.template)

    def collected(self) -> PengaturanInput:
        return PengaturanInput(
            pejabat=self.pejabat_tab.drafts,
            pejabat_dibaca=self.pejabat_tab.read_as(),
            template=self.penomoran_tab.template.text(),
            kertas=self.penomoran_tab.paper(),
            ambang=self.penomoran_tab.ambang.value(),
            kop=self.kop_tab.values(),
            logo=self.kop_tab.logo,
            desa=self.desa_tab.values(),
        )

    def save(self) -> None:
        """Save every tab through the domain; nothing is written when anything is wrong, and
        the problems are shown on the first tab that has one."""
        problems = simpan_pengaturan(self.collected())
        if problems:
            self.show_problems(problems)
            return
        self.kop_tab.saved()
        self.saved = True
        self.accept()

    def show_problems(self, problems: PengaturanProblems) -> None:
        if problems.izin:  # the whole dialog is refused: say so on both tabs
            for tab in (self.pejabat_tab, self.kop_tab):
                tab.messages.show({"izin": problems.izin})
        elif problems.pejabat:
            self.tabs.setCurrentWidget(self.pejabat_tab)
            self.pejabat_tab.show_problems(problems.pejabat, problems.pejabat_row)
        elif problems.penomoran:
            self.tabs.setCurrentWidget(self.penomoran_tab)
            self.penomoran_tab.show_problems(problems.penomoran)
        elif problems.kop:
            self.tabs.setCurrentWidget(self.kop_tab)
            self.kop_tab.messages.show(problems.kop)
        elif problems.desa:
            self.tabs.setCurrentWidget(self.desa_tab)
            self.desa_tab.messages.show(problems.desa)


def _templat_tab() -> QWidget:
    """Pengaturan > Templat Naskah (built when the dialog opens: python-docx is loaded only
    when a template is checked)."""
    from ui.naskah_templat import TemplatNaskahTab

    return TemplatNaskahTab()


def _named_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _remove_folder(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
