"""Settings the office shares in the database (the officials, the numbering template, the
default paper, the kop surat, the desa list): only admin changes them, every change is
audited, and two PCs editing the same official cannot overwrite each other
(``pejabat.versi``).

The Pengaturan dialog collects what was typed into a :class:`PengaturanInput`;
:func:`simpan_pengaturan` checks all of it and writes it in one transaction, or writes nothing
and returns the problems (field -> message, per tab) for the dialog to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import peewee

from jogoroto_desktop import audit, session
from jogoroto_desktop.desa import DESA_SETTING, daftar_desa, periksa_desa
from jogoroto_desktop.kop_settings import (
    KopInput,
    check_logo,
    load_kop_input,
    simpan_kop,
    validate_kop,
)
from jogoroto_desktop.nip import normalize_nip
from jogoroto_desktop.registers.edits import EditConflict, save_versioned
from jogoroto_desktop.registers.surat_keluar import (
    COUNTER_KELUAR,
    TEMPLATE_SETTING,
    format_nomor,
    nomor_template,
    validate_template,
)
from jogoroto_desktop.setup import PAPER_SETTING, PAPERS, SAMPLE_KODE, default_paper
from jogoroto_desktop.sop.catalog import SEKSI_BY_ID
from jogoroto_desktop.validation import Checker, ValidationError
from models import Counter, Pejabat, db, set_setting

#: Fields of an official edited in Pengaturan, with their labels (for conflicts).
PEJABAT_FIELDS = {
    "jabatan": "Jabatan", "nama": "Nama", "pangkat": "Pangkat", "nip": "NIP",
    "seksi": "Seksi", "urutan": "Urutan", "aktif": "Aktif",
}


def simpan_pejabat(values: dict[str, Any], dibaca: Pejabat | None = None,
                   now: dt.datetime | None = None) -> Pejabat:
    """Create an official (``dibaca`` None) or save the edit of ``dibaca`` (the official as the
    dialog read it).  Raises EditConflict when another PC changed the same fields meanwhile."""
    session.require("pengaturan.ubah")
    now = now or dt.datetime.now()
    unknown = set(values) - set(PEJABAT_FIELDS)
    if unknown:
        raise ValueError(f"kolom pejabat tidak dikenal: {sorted(unknown)}")
    check = Checker()
    for name, value in values.items():
        if isinstance(value, str):
            check.plain(name, PEJABAT_FIELDS[name], value)
    check.raise_if_any()
    with db.atomic():
        if dibaca is None:
            pejabat = Pejabat.create(versi=1, **values)
            audit.catat_buat(pejabat, f"Pejabat {pejabat.jabatan} ditambahkan")
            return pejabat
        changes = {name: value for name, value in values.items()
                   if audit.plain(value) != audit.plain(getattr(dibaca, name))}
        if not changes:
            return Pejabat.get_by_id(dibaca.id)
        return save_versioned(dibaca, changes, PEJABAT_FIELDS, f"Data pejabat {dibaca.jabatan}",
                              f"Data pejabat {values.get('jabatan', dibaca.jabatan)} diubah", now)


def simpan_template_nomor(template: str) -> None:
    """Store the outgoing-letter numbering template (audited with the old value)."""
    session.require("pengaturan.ubah")
    template = validate_template(template.strip())
    old = nomor_template()
    if template == old:
        return
    with db.atomic():
        set_setting(TEMPLATE_SETTING, template)
        audit.catat("ubah", "setting", None, "Template nomor surat keluar diubah",
                    {TEMPLATE_SETTING: [old, template]})


def check_kertas(kertas: str) -> dict[str, str]:
    """The problem of a default paper (field "kertas"), if any."""
    if kertas not in PAPERS:
        return {"kertas": f"Kertas {kertas!r} tidak dikenal; pilih A4 atau F4."}
    return {}


def simpan_kertas_bawaan(kertas: str) -> None:
    """Store the office's default paper for the A4/F4 documents (audited with the old value)."""
    session.require("pengaturan.ubah")
    problems = check_kertas(kertas)
    if problems:
        raise ValidationError(problems)
    _simpan_setting(PAPER_SETTING, kertas, default_paper(), "Kertas bawaan diubah")


def simpan_daftar_desa(names: list[str]) -> None:
    """Store the office's desa list (admin; audited with the old list)."""
    session.require("pengaturan.ubah")
    tidy, problems = periksa_desa(names)
    if problems:
        raise ValidationError(problems)
    _simpan_setting(DESA_SETTING, "\n".join(tidy), "\n".join(daftar_desa()),
                    "Daftar desa diubah")


#: The on-time share (%) from which the monitoring proposes "Berjalan dengan baik".
AMBANG_MONITORING_SETTING = "monitoring_ambang_tepat_waktu"
AMBANG_MONITORING_BAWAAN = 80


def ambang_monitoring() -> int:
    """The office's threshold for the monitoring's proposed assessment (percent on time)."""
    from models import get_setting

    value = get_setting(AMBANG_MONITORING_SETTING)
    return int(value) if value and value.isdigit() and 1 <= int(value) <= 100 \
        else AMBANG_MONITORING_BAWAAN


def check_ambang(persen: object) -> dict[str, str]:
    """The problem of a monitoring threshold (field "ambang"), if any: a whole 1-100."""
    if isinstance(persen, bool) or not isinstance(persen, int) or not 1 <= persen <= 100:
        return {"ambang": "Ambang tepat waktu harus bilangan bulat 1 sampai 100 (persen)."}
    return {}


def simpan_ambang_monitoring(persen: int) -> None:
    """Store the monitoring threshold (admin; audited with the old value)."""
    session.require("pengaturan.ubah")
    problems = check_ambang(persen)
    if problems:
        raise ValidationError(problems)
    _simpan_setting(AMBANG_MONITORING_SETTING, str(persen), str(ambang_monitoring()),
                    "Ambang tepat waktu monitoring SOP diubah")


def _simpan_setting(key: str, value: str, old: str, pesan: str) -> None:
    """Store one shared setting when it changed, audited with its old value."""
    if value == old:
        return
    with db.atomic():
        set_setting(key, value)
        audit.catat("ubah", "setting", None, pesan, {key: [old, value]})


# --- the whole Pengaturan dialog ------------------------------------------------------------

MAX_TEXT = 200  # jabatan, nama, pangkat of an official


@dataclass
class PejabatDraft:
    """One official as edited in the dialog (id None: not saved yet)."""

    id: int | None
    jabatan: str
    nama: str
    pangkat: str
    nip: str
    seksi: str
    urutan: int
    aktif: bool
    read: Pejabat | None = field(default=None, compare=False)  # as read, for the version check

    @classmethod
    def of(cls, pejabat: Pejabat) -> PejabatDraft:
        return cls(pejabat.id, pejabat.jabatan, pejabat.nama, pejabat.pangkat, pejabat.nip,
                   pejabat.seksi, pejabat.urutan, bool(pejabat.aktif), pejabat)


def daftar_pejabat() -> list[PejabatDraft]:
    """Every official, active or not, in the order of the disposisi sheet, ready to edit."""
    return [PejabatDraft.of(p) for p in Pejabat.select().order_by(Pejabat.urutan)]


def check_pejabat(draft: PejabatDraft, others: list[PejabatDraft]) -> dict[str, str]:
    """Problems of one official (field -> message); `others` are the rest of the list."""
    problems: dict[str, str] = {}
    jabatan = " ".join(draft.jabatan.split())
    if not jabatan:
        problems["jabatan"] = "Jabatan wajib diisi."
    elif any(" ".join(o.jabatan.split()).lower() == jabatan.lower() for o in others):
        problems["jabatan"] = f"Jabatan \u201c{jabatan}\u201d sudah ada di daftar."
    for name, label in (("jabatan", "Jabatan"), ("nama", "Nama"), ("pangkat", "Pangkat")):
        if len(getattr(draft, name).strip()) > MAX_TEXT:
            problems.setdefault(name, f"{label} terlalu panjang (paling banyak {MAX_TEXT} "
                                      "karakter).")
    try:
        normalize_nip(draft.nip)
    except ValueError as exc:
        problems["nip"] = str(exc)
    if draft.seksi and draft.seksi not in SEKSI_BY_ID:
        problems["seksi"] = "Seksi tidak dikenal."
    return problems


def check_pejabat_at(drafts: list[PejabatDraft], row: int) -> dict[str, str]:
    """Problems of the official at `row` of the list (names must differ from the others)."""
    return check_pejabat(drafts[row], drafts[:row] + drafts[row + 1:])


def preview_nomor(template: str, today: dt.date | None = None) -> str:
    """The next outgoing number this template would give (with an example code).
    Raises ValidationError with the message for the user."""
    today = today or dt.date.today()
    validate_template(template)
    if "{tahun}" not in template:
        raise ValidationError({"template": "Template nomor harus memuat {tahun}; tanpa tahun "
                                           "nomor tahun depan sama dengan nomor tahun ini."})
    last = (Counter.select(Counter.value)
            .where((Counter.name == COUNTER_KELUAR) & (Counter.year == today.year)).scalar())
    try:
        return format_nomor(template, SAMPLE_KODE, (last or 0) + 1, today)
    except (ValueError, IndexError, KeyError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError({"template": "Template nomor tidak bisa dipakai: periksa tanda "
                                           "kurung kurawal { } (setiap { harus ditutup }). "
                                           }) from None


def check_template(template: str) -> dict[str, str]:
    """The problem of a numbering template (field "template"), if any."""
    try:
        preview_nomor(template.strip())
    except ValidationError as exc:
        return exc.problems
    return {}


def check_kop(kop: KopInput, logo: bytes | None | bool = False) -> dict[str, str]:
    """The problems of the kop lines and of a new logo (fields as in ``KOP_FIELDS``, "logo")."""
    problems: dict[str, str] = {}
    try:
        validate_kop(kop)
    except ValidationError as exc:
        problems.update(exc.problems)
    if isinstance(logo, bytes):
        try:
            check_logo(logo)
        except ValidationError as exc:
            problems.update(exc.problems)
    return problems


@dataclass(frozen=True)
class PengaturanInput:
    """Everything the Pengaturan dialog saves. `pejabat_dibaca`: the officials as the dialog
    read them (only the changed and new ones are written). `logo`: the new logo's bytes, None
    to remove it, False to keep the stored one (as in `kop_settings.simpan_kop`)."""

    pejabat: list[PejabatDraft]
    pejabat_dibaca: list[PejabatDraft]
    template: str
    kertas: str
    kop: KopInput
    logo: bytes | None | bool = False
    desa: list[str] | None = None  # the kecamatan's desa list; None leaves it as stored
    ambang: int | None = None  # the monitoring's on-time threshold (%); None: as stored


@dataclass
class PengaturanProblems:
    """Why nothing was saved, per tab of the dialog (field -> message in Indonesian).
    `pejabat_row` is the first official in the list with a problem (None: the problem is the
    save as a whole, e.g. a conflict with another PC). `izin` concerns the whole dialog."""

    pejabat: dict[str, str] = field(default_factory=dict)
    pejabat_row: int | None = None
    penomoran: dict[str, str] = field(default_factory=dict)
    kop: dict[str, str] = field(default_factory=dict)
    desa: dict[str, str] = field(default_factory=dict)
    izin: str = ""

    def __bool__(self) -> bool:
        return bool(self.pejabat or self.penomoran or self.kop or self.desa or self.izin)


def periksa_pengaturan(data: PengaturanInput) -> PengaturanProblems:
    """Every problem of what the dialog would save; reads nothing but the outgoing counter."""
    problems = PengaturanProblems()
    for row in range(len(data.pejabat)):
        found = check_pejabat_at(data.pejabat, row)
        if found:
            problems.pejabat, problems.pejabat_row = found, row
            break
    problems.penomoran = {**check_template(data.template), **check_kertas(data.kertas),
                          **(check_ambang(data.ambang) if data.ambang is not None else {})}
    problems.kop = check_kop(data.kop, data.logo)
    if data.desa is not None:
        problems.desa = periksa_desa(data.desa)[1]
    return problems


def _pejabat_values(draft: PejabatDraft) -> dict[str, Any]:
    return {
        "jabatan": " ".join(draft.jabatan.split()),
        "nama": " ".join(draft.nama.split()),
        "pangkat": " ".join(draft.pangkat.split()),
        "nip": normalize_nip(draft.nip),
        "seksi": draft.seksi,
        "urutan": draft.urutan,
        "aktif": draft.aktif,
    }


def simpan_pengaturan(data: PengaturanInput) -> PengaturanProblems:
    """Check everything, then write the changed and new officials, the numbering template, the
    default paper and the kop in one transaction, and return no problems (a false value).
    Nothing is written when anything is wrong: the problems come back instead, as they do for
    a conflict with another PC, a missing permission or a jabatan another PC added meanwhile.
    Only once the transaction has committed do the written drafts take their stored id and
    version (a new official left unsaved by a conflict stays new)."""
    problems = periksa_pengaturan(data)
    if problems:
        return problems
    before = {draft.id: draft for draft in data.pejabat_dibaca}
    written: list[tuple[PejabatDraft, Pejabat]] = []
    try:
        with db.atomic():
            for draft in data.pejabat:
                if draft.id is None:
                    written.append((draft, simpan_pejabat(_pejabat_values(draft))))
                elif before.get(draft.id) != draft:
                    written.append((draft, simpan_pejabat(_pejabat_values(draft), draft.read)))
            if data.template.strip() != nomor_template():
                simpan_template_nomor(data.template)
            simpan_kertas_bawaan(data.kertas)
            if data.kop != load_kop_input() or data.logo is not False:
                simpan_kop(data.kop, logo=data.logo)
            if data.desa is not None:
                simpan_daftar_desa(data.desa)
            if data.ambang is not None and data.ambang != ambang_monitoring():
                simpan_ambang_monitoring(data.ambang)
    except EditConflict as exc:
        return PengaturanProblems(pejabat={"simpan": "Tidak tersimpan. "
                                                     + exc.problems["versi"]})
    except session.PermissionDenied as exc:
        return PengaturanProblems(izin=str(exc))
    except peewee.IntegrityError:
        return PengaturanProblems(pejabat={"simpan": "Tidak tersimpan: ada jabatan yang sama "
                                                     "dengan jabatan lain. Periksa daftar."})
    for draft, stored in written:
        draft.id, draft.read = stored.id, stored
    return problems
