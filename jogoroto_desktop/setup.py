"""First-run setup: what the wizard asks and how it is stored. No widgets.

The wizard (`ui/first_run_wizard.py`) only collects the answers; this module checks them and
writes them, all in one transaction, with the audit trail. Everything it stores is also what
Pengaturan edits later, so the wizard is a guided first pass over the same settings:

- the kop surat (lines and optional logo) is `kop_settings` (Pengaturan > Kop Surat);
- the unit code (415.67) lives in the outgoing-letter numbering template
  (`surat_keluar.TEMPLATE_SETTING`, Pengaturan > Penomoran);
- the Camat and the Sekcam are rows of the officials table (Pengaturan > Pejabat);
- the default paper is the setting :data:`PAPER_SETTING`;
- :data:`SETUP_SETTING` marks a database as set up (the time the wizard was finished), so the
  wizard is shown once per database, not once per PC.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jogoroto_desktop import audit, session
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.kop_settings import (
    KOP_FIELDS,
    KopInput,
    check_logo,
    load_kop_input,
    simpan_kop,
    validate_kop,
)
from jogoroto_desktop.nip import normalize_nip
from jogoroto_desktop.registers.kepegawaian import PANGKAT, parse_pangkat
from jogoroto_desktop.registers.surat_keluar import (
    DEFAULT_TEMPLATE,
    TEMPLATE_SETTING,
    format_nomor,
    nomor_template,
    validate_template,
)
from jogoroto_desktop.validation import Checker, ValidationError

SETUP_SETTING = "setup_selesai"
PAPER_SETTING = "kertas_bawaan"
PAPERS: dict[str, str] = {"A4": "A4 (210 \u00d7 297 mm)", "F4": "F4 / folio (215 \u00d7 330 mm)"}
DEFAULT_PAPER = "A4"
DEFAULT_UNIT = "415.67"
SAMPLE_KODE = "005"  # the classification code of the example numbers in the settings
JABATAN_CAMAT = "Camat"
JABATAN_SEKCAM = "Sekretaris Camat"
MAX_NAMA = 120
MAX_PANGKAT = 60

# A unit code is numbers joined by dots ("415.67"); in the template it sits between slashes.
_UNIT_RE = re.compile(r"\d{1,4}(?:\.\d{1,4})+")
_TEMPLATE_UNIT_RE = re.compile(r"(?<=/)\d{1,4}(?:\.\d{1,4})+(?=/)")


# --- what is set up ------------------------------------------------------------------------

def is_setup_done() -> bool:
    from models import get_setting

    return bool(get_setting(SETUP_SETTING))


def needs_setup() -> bool:
    """True for a database nobody has set up yet: no marker and no records. A database the
    office already works in (made before the wizard existed) is not asked again."""
    from models import SuratKeluar, SuratMasuk

    if is_setup_done():
        return False
    return not (SuratMasuk.select().exists() or SuratKeluar.select().exists())


# --- unit code -----------------------------------------------------------------------------

def unit_code(template: str | None = None) -> str:
    """The unit code written in the numbering template ("" if the template has none)."""
    match = _TEMPLATE_UNIT_RE.search(template if template is not None else nomor_template())
    return match.group(0) if match else ""


def validate_unit_code(text: str | None) -> str:
    code = "".join((text or "").split())
    if not code:
        raise ValidationError({"kode_unit": "Kode unit wajib diisi (Kecamatan Jogoroto: "
                                            f"{DEFAULT_UNIT})."})
    if not _UNIT_RE.fullmatch(code):
        raise ValidationError({"kode_unit": f"Kode unit \u201c{code}\u201d tidak sah: tulis "
                                            f"angka bertitik seperti {DEFAULT_UNIT}."})
    return code


def template_with_unit(template: str, code: str) -> str:
    """`template` with its unit code replaced by `code`; a template without a unit code gets
    the standard form `{kode}/{urut}/<code>/{tahun}`."""
    if _TEMPLATE_UNIT_RE.search(template):
        result = _TEMPLATE_UNIT_RE.sub(code, template, count=1)
    else:
        result = DEFAULT_TEMPLATE.replace(DEFAULT_UNIT, code)
    return validate_template(result)


def contoh_nomor(kode_unit: str, today: dt.date | None = None) -> str | None:
    """The first outgoing number the numbering template gives with this unit code (and an
    example classification code); None while the unit code is not valid."""
    try:
        template = template_with_unit(nomor_template(), validate_unit_code(kode_unit))
    except ValidationError:
        return None
    return format_nomor(template, SAMPLE_KODE, 1, today or dt.date.today())


# --- paper ---------------------------------------------------------------------------------

def default_paper() -> str:
    """The office's default paper for documents that come in A4 or F4."""
    from models import get_setting

    value = get_setting(PAPER_SETTING, DEFAULT_PAPER)
    return value if value in PAPERS else DEFAULT_PAPER


def office_paper_for(papers: Sequence[str]) -> str:
    """The paper a form offered on `papers` starts on: for a full-page form (first paper A4 or
    F4) the office's default paper when the form comes on it; a form with its own paper
    (half-folio disposisi, kartu kendali card) keeps it. The database must be open."""
    if papers[0] not in PAPERS:
        return papers[0]
    office = default_paper()
    return office if office in papers else papers[0]


def default_paper_of(target: str) -> str:
    """The default paper stored in the database at `target`, without creating or changing
    anything: A4 when the database does not exist yet or cannot be read."""
    import models

    if "://" not in target and not Path(target).is_file():
        return DEFAULT_PAPER
    try:
        models.open_database(target, migrate=False)
    except models.DatabaseOpenError:
        return DEFAULT_PAPER
    try:
        return default_paper()
    finally:
        models.close_database()


def validate_paper(value: str | None) -> str:
    if value not in PAPERS:
        raise ValidationError({"kertas": "Pilih kertas A4 atau F4."})
    return value


# --- officials -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PejabatInput:
    nama: str
    pangkat: str
    nip: str


def pangkat_choices() -> list[str]:
    """The PNS ranks, highest first (officials are usually Penata and up)."""
    return [f"{pangkat}, {golongan}" for golongan, pangkat in reversed(PANGKAT)]


def validate_pejabat(prefix: str, label: str, data: PejabatInput) -> dict[str, str]:
    """The cleaned values of one official; problems are keyed "<prefix>_nama" etc."""
    check = Checker()
    values = {
        "nama": check.text(f"{prefix}_nama", f"Nama {label}", data.nama, MAX_NAMA),
        "pangkat": check.text(f"{prefix}_pangkat", f"Pangkat {label}", data.pangkat,
                              MAX_PANGKAT),
    }
    if values["pangkat"]:  # kept as typed ("Pembina Tk. I"), but it must be a real rank
        try:
            parse_pangkat(values["pangkat"])
        except ValueError as exc:
            check.fail(f"{prefix}_pangkat", f"Pangkat {label}: {exc}")
    try:
        values["nip"] = normalize_nip(data.nip, required=True)
    except ValueError as exc:
        check.fail(f"{prefix}_nip", f"NIP {label}: {exc}")
    check.raise_if_any()
    return values


def load_pejabat(jabatan: str) -> PejabatInput:
    from models import Pejabat

    row = Pejabat.get_or_none(Pejabat.jabatan == jabatan)
    if row is None or not row.nama.strip():
        # A row without a name is the placeholder the migration seeded from the SOP book's
        # signer: its pangkat and NIP are someone else's, never offered to a new Camat.
        return PejabatInput("", "", "")
    return PejabatInput(row.nama, row.pangkat, row.nip)


# --- database of this PC --------------------------------------------------------------------

def pc_uses_server() -> bool:
    """Whether this PC's komputer.ini points at the office server (Berkas > Basis Data)."""
    from jogoroto_desktop.storage import dbconfig

    return dbconfig.load_config().mode == dbconfig.MODE_SERVER


def restart_needed(open_is_server: bool) -> bool:
    """True when this PC was just pointed at the server while a local database is open: the
    setup goes on (or is already done) on the server after the program is opened again."""
    return pc_uses_server() and not open_is_server


def use_local_database() -> None:
    """Point this PC back at its own SQLite file (the server settings are kept for later)."""
    from dataclasses import replace

    from jogoroto_desktop.storage import dbconfig

    config = dbconfig.load_config()
    if config.mode != dbconfig.MODE_LOCAL:
        dbconfig.save_config(replace(config, mode=dbconfig.MODE_LOCAL))


# --- the whole setup -----------------------------------------------------------------------

@dataclass(frozen=True)
class SetupData:
    """Everything the wizard asks. `logo`: the new logo's bytes, None for no logo, False to
    keep the stored one (as in `kop_settings.simpan_kop`)."""

    kode_unit: str
    camat: PejabatInput
    sekcam: PejabatInput
    kertas: str
    kop: KopInput = field(default_factory=lambda: KopInput(**_default_kop()))
    logo: bytes | None | bool = False


def _default_kop() -> dict[str, str]:
    """The kop of DESIGN.md section 3 (the defaults of the printed forms)."""
    default = Kop()
    return {name: getattr(default, name) for name in KOP_FIELDS}


def load_setup_data() -> SetupData:
    """The answers as stored now (the defaults on a new database), to fill the wizard."""
    return SetupData(
        kode_unit=unit_code() or DEFAULT_UNIT,
        camat=load_pejabat(JABATAN_CAMAT),
        sekcam=load_pejabat(JABATAN_SEKCAM),
        kertas=default_paper(),
        kop=load_kop_input(),
    )


def validate_logo(content: bytes | None | bool) -> None:
    if isinstance(content, bytes):
        check_logo(content)


def validate_setup(data: SetupData) -> dict:
    """Every answer checked at once; ValidationError names each wrong field."""
    problems: dict[str, str] = {}
    values: dict = {}
    checks = (
        ("kop", lambda: validate_kop(data.kop)),
        ("logo", lambda: validate_logo(data.logo)),
        ("kode_unit", lambda: validate_unit_code(data.kode_unit)),
        ("camat", lambda: validate_pejabat("camat", JABATAN_CAMAT, data.camat)),
        ("sekcam", lambda: validate_pejabat("sekcam", JABATAN_SEKCAM, data.sekcam)),
        ("kertas", lambda: validate_paper(data.kertas)),
    )
    for name, check in checks:
        try:
            values[name] = check()
        except ValidationError as exc:
            problems.update(exc.problems)
    if problems:
        raise ValidationError(problems)
    return values


def _store_setting(key: str, value: str, ringkasan: str) -> None:
    from models import get_setting, set_setting

    old = get_setting(key)
    if old != value:
        set_setting(key, value)
        audit.catat("ubah", "setting", None, ringkasan, {key: [old, value]})


def _store_pejabat(jabatan: str, values: dict[str, str]) -> None:
    from models import Pejabat

    row = Pejabat.get_or_none(Pejabat.jabatan == jabatan)
    if row is None:  # renamed in Pengaturan before the wizard ran: add it back
        urutan = (Pejabat.select().count() or 0) + 1
        row = Pejabat.create(jabatan=jabatan, seksi="" if jabatan == JABATAN_CAMAT
                             else "sekretariat", urutan=urutan, aktif=True, **values)
        audit.catat_buat(row, f"Pejabat {jabatan} ditambahkan (penyiapan awal)")
        return
    lama = audit.snapshot(row, ("nama", "pangkat", "nip"))
    if lama != values:
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        audit.catat_ubah(row, lama, f"Pejabat {jabatan} diisi (penyiapan awal)")


def save_setup(data: SetupData, now: dt.datetime | None = None) -> None:
    """Check and store every answer in one transaction, then mark the database as set up.
    Nothing is written when anything is wrong. Needs the "pengaturan.ubah" permission."""
    from models import db

    session.require("pengaturan.ubah")
    values = validate_setup(data)
    now = now or dt.datetime.now()
    with db.atomic():
        simpan_kop(data.kop, data.logo)
        template = template_with_unit(nomor_template(), values["kode_unit"])
        _store_setting(TEMPLATE_SETTING, template, "Kode unit pada template nomor surat")
        _store_pejabat(JABATAN_CAMAT, values["camat"])
        _store_pejabat(JABATAN_SEKCAM, values["sekcam"])
        _store_setting(PAPER_SETTING, values["kertas"], "Kertas bawaan")
        _store_setting(SETUP_SETTING, now.isoformat(sep=" ", timespec="seconds"),
                       "Penyiapan awal selesai")


# --- next steps ----------------------------------------------------------------------------

#: Set (to the time) when the administrator closed the "Langkah berikutnya" panel.
NEXT_STEPS_SETTING = "langkah_berikutnya_ditutup"


@dataclass(frozen=True)
class NextStep:
    """One of the first jobs after the setup, with the permission it needs."""

    key: str
    judul: str
    keterangan: str
    izin: str


#: What an office does after the first-run setup, in order; each opens its place.
NEXT_STEPS: tuple[NextStep, ...] = (
    NextStep("akun", "Buat akun pengguna",
             "Satu akun untuk setiap petugas (agendaris, Camat, Sekcam, seksi), agar setiap "
             "catatan dan disposisi tercatat atas nama yang mengerjakannya.", "pengguna.kelola"),
    NextStep("kop", "Periksa kop surat",
             "Logo, nama kantor dan alamat yang tercetak di setiap formulir.",
             "pengaturan.ubah"),
    NextStep("impor", "Impor agenda lama",
             "Surat masuk tahun ini dari buku agenda Excel/CSV, dengan nomor agendanya.",
             "agenda.nomor"),
)


def next_steps_for(actor: session.Actor | None) -> tuple[NextStep, ...]:
    """The next steps `actor` may take, while the panel is wanted: the database was set up
    with the wizard and nobody closed the panel yet (the administrator closes it)."""
    from models import get_setting

    if actor is None or not actor.may("pengaturan.ubah"):
        return ()
    if not is_setup_done() or get_setting(NEXT_STEPS_SETTING):
        return ()
    return tuple(step for step in NEXT_STEPS if actor.may(step.izin))


def close_next_steps(now: dt.datetime | None = None) -> None:
    """Close the "Langkah berikutnya" panel for the office (audited)."""
    from models import db

    session.require("pengaturan.ubah")
    now = now or dt.datetime.now()
    with db.atomic():
        _store_setting(NEXT_STEPS_SETTING, now.isoformat(sep=" ", timespec="seconds"),
                       "Panel langkah berikutnya ditutup")
