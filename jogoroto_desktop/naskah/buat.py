""""Buat Surat": a letter from a template, with the values from the records, the next number
of the Agenda Surat Keluar and a signed QR code, all in one transaction.

When a letter may be made for a service request (decided from the SOP steps recorded, which
the request's status follows): once its verification said "Ya" and until it is handed over,
i.e. status Diverifikasi, Menunggu tanda tangan, Ditandatangani or Siap diambil (a draft SOP:
Diproses or Selesai). The letter is made before the Camat signs (it is what the Camat signs),
so "Menunggu tanda tangan" is the usual moment. Refused: a request not yet verified (Diterima),
kurang lengkap, ditolak, dibatalkan or already collected (Diambil); a request of another
service than the template's; a request that already has a letter from this template that was
not voided (void it in the Agenda Surat Keluar to make it again).

Everything that can refuse the letter is checked before the number is taken; the number, the
register row, the SOP steps and the filled document are made in one transaction, so a letter
that cannot be filled takes no number either. :func:`buat_ulang_naskah` makes a numbered letter
again (same number, QR, template version and typed-in values) without a new number.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jogoroto_desktop import audit, session
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.naskah.bawaan import LAYANAN
from jogoroto_desktop.naskah.isi import KERTAS_MM, Gambar, isi_docx, isian_templat, qr_png
from jogoroto_desktop.naskah.isian import DAFTAR, GAMBAR, ISIAN, PARAGRAF, TANGGAL, Isian
from jogoroto_desktop.naskah.templat import InfoTemplat, info_templat, info_versi, isi_templat
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.validation import Checker, ValidationError
from models import Pejabat, Permohonan, SuratKeluar, db

QR_LEBAR_MM = 24.0
LOGO_LEBAR_MM = 22.0
MAX_ISIAN = 2000
JABATAN_CAMAT = "Camat"
JABATAN_SEKCAM = "Sekretaris Camat"
#: Fields filled from the request; a letter using them needs one.
_DARI_PERMOHONAN = frozenset(name for name, isian in ISIAN.items()
                             if isian.kelompok in ("pemohon", "permohonan"))
#: The signature block's fields; a template without them needs no signer.
_TTD = frozenset({"ttd_jabatan", "ttd_nama", "ttd_pangkat", "ttd_nip"})


@dataclass(frozen=True)
class NaskahHasil:
    """A letter made: its number, its register row, the filled .docx and the values used."""

    nomor: str  # the Agenda Surat Keluar number (the request's register number for a stamp)
    surat_keluar_id: int | None  # None for a template that takes no number (legalisir stamp)
    docx: bytes
    nilai: dict[str, Any]  # field -> value written (images as a short description)
    templat: InfoTemplat
    qr_payload: str
    kertas: str | None  # the paper the letter was set to; None: the template's own
    permohonan_id: int | None = None
    nama_berkas: str = ""  # a file name to offer: "Rekomendasi SKCK 331-12-415.67-2026.docx"


@dataclass(frozen=True)
class PermintaanNaskah:
    """What "Buat Surat" is asked (the GUI's dialog and the CLI fill it)."""

    templat: str
    layanan: int | str | None = None  # request id or register number (legalisir/12/2026)
    kepada: str | None = None
    di: str | None = None
    perihal: str | None = None
    sifat: str | None = None
    lampiran: str | None = None
    klasifikasi: str | None = None
    pengolah: str | None = None
    penandatangan: str | None = None  # jabatan; default: the template's
    tembusan: Sequence[str] = ()
    isian: Mapping[str, str] = field(default_factory=dict)
    kertas: str | None = None


# --- what a template needs -------------------------------------------------------------------

def isian_dipakai(nama_templat: str) -> list[Isian]:
    """Every field the template in use writes, in the registry's order."""
    used = isian_templat(isi_templat(info_templat(nama_templat)))
    return [isian for name, isian in ISIAN.items() if name in used]


def isian_diperlukan(nama_templat: str) -> list[Isian]:
    """The fields to type in at "Buat Surat" for this template (what the dialog asks)."""
    return [isian for isian in isian_dipakai(nama_templat) if isian.diisi]


# --- values from the records ------------------------------------------------------------------

def _kecamatan(instansi: str) -> str:
    return re.sub(r"(?i)^\s*kecamatan\s+", "", instansi).strip().title()


def _kabupaten(pemerintah: str) -> str:
    found = re.search(r"(?i)\b(?:kabupaten|kota)\s+(.+)$", pemerintah.strip())
    return found.group(1).strip().title() if found else pemerintah.strip().title()


@dataclass(frozen=True)
class _Kantor:
    """The office as a letter needs it, read in two statements (settings, officials)."""

    values: dict[str, Any]
    pejabat: dict[str, Pejabat]  # by jabatan: the Camat, the Sekcam and the signer
    nomor_template: str


def _kantor(penandatangan: str | None = None) -> _Kantor:
    import base64

    from jogoroto_desktop.kop import Kop
    from jogoroto_desktop.kop_settings import KOP_FIELDS, LOGO_DATA_SETTING
    from jogoroto_desktop.registers.surat_keluar import DEFAULT_TEMPLATE, TEMPLATE_SETTING
    from jogoroto_desktop.setup import unit_code
    from models import Setting

    keys = [key for key, _label, _max in KOP_FIELDS.values()]
    stored = {row.key: row.value for row in Setting.select().where(
        Setting.key.in_([*keys, LOGO_DATA_SETTING, TEMPLATE_SETTING]))}
    default = Kop()
    kop = {name: stored.get(key, getattr(default, name)) or ""
           for name, (key, _label, _max) in KOP_FIELDS.items()}
    template = stored.get(TEMPLATE_SETTING) or DEFAULT_TEMPLATE
    values: dict[str, Any] = {
        "kop_pemerintah": kop["pemerintah"], "kop_instansi": kop["instansi"],
        "kop_alamat": kop["alamat"], "kop_telepon": kop["telepon"], "tempat": kop["tempat"],
        "kecamatan": _kecamatan(kop["instansi"]), "kabupaten": _kabupaten(kop["pemerintah"]),
        "kode_unit": unit_code(template),
    }
    logo = stored.get(LOGO_DATA_SETTING)
    values["logo"] = Gambar(base64.b64decode(logo), LOGO_LEBAR_MM) if logo else ""
    wanted = {JABATAN_CAMAT, JABATAN_SEKCAM} | ({penandatangan} if penandatangan else set())
    officials = {p.jabatan: p for p in Pejabat.select().where(Pejabat.jabatan.in_(wanted))}
    for prefix, jabatan in (("camat", JABATAN_CAMAT), ("sekcam", JABATAN_SEKCAM)):
        row = officials.get(jabatan)
        for part in ("nama", "pangkat", "nip"):
            values[f"{prefix}_{part}"] = getattr(row, part, "").strip() if row else ""
    return _Kantor(values, officials, template)


def nilai_kantor() -> dict[str, Any]:
    """The office's fields: kop lines and logo, place, unit code, Camat and Sekcam."""
    return _kantor().values


def nilai_pemohon(permohonan: Permohonan, tanggal: dt.date) -> dict[str, Any]:
    """The request's fields: the pemohon (birth date and sex read from the NIK) and the
    request itself."""
    from jogoroto_desktop.nik import JENIS_KELAMIN_LABELS, NikError, periksa_nik
    from jogoroto_desktop.registers.layanan import get_sop, nomor_register, nomor_tanda_terima

    values: dict[str, Any] = {
        "nama": permohonan.pemohon_nama, "nik": permohonan.pemohon_nik,
        "alamat": permohonan.pemohon_alamat, "desa": permohonan.pemohon_desa,
        "layanan": get_sop(permohonan.sop_id).name,
        "nomor_register": nomor_register(permohonan),
        "nomor_tanda_terima": nomor_tanda_terima(permohonan),
        "keperluan": permohonan.keperluan,
        "tanggal_permohonan": format_tanggal(permohonan.diterima_pada.date()),
        "tanggal_lahir": "", "jenis_kelamin": "", "umur": "",
    }
    try:
        nik = periksa_nik(permohonan.pemohon_nik, tanggal)
    except NikError:
        return values  # a stored NIK is checked at registration; a field left empty refuses
    born = nik.tanggal_lahir
    years = tanggal.year - born.year - ((tanggal.month, tanggal.day) < (born.month, born.day))
    values.update(tanggal_lahir=format_tanggal(born),
                  jenis_kelamin=JENIS_KELAMIN_LABELS[nik.jenis_kelamin], umur=str(years))
    return values


def nilai_penandatangan(jabatan: str, kecamatan: str) -> dict[str, Any]:
    """The signature block of the official holding ``jabatan``: "a.n. CAMAT ..." with the
    Sekcam's own line when the Sekcam signs, and "u.b." one level further. ValidationError
    (problem "penandatangan") when the official or their name or NIP is not in Pengaturan."""
    return _ttd(jabatan, Pejabat.get_or_none(Pejabat.jabatan == jabatan), kecamatan)


def _ttd(jabatan: str, row: Pejabat | None, kecamatan: str) -> dict[str, Any]:
    if row is None:
        known = ", ".join(p.jabatan for p in Pejabat.select().order_by(Pejabat.urutan))
        raise ValidationError({"penandatangan": f"Penanda tangan \u201c{jabatan}\u201d tidak ada "
                                                f"di daftar pejabat ({known})."})
    missing = [label for label, value in (("nama", row.nama), ("NIP", row.nip))
               if not value.strip()]
    if missing or not row.aktif:
        why = "tidak aktif" if not missing else f"{' dan '.join(missing)}-nya belum diisi"
        raise ValidationError({"penandatangan": f"Penanda tangan {jabatan} {why} di Pengaturan > "
                                                "Pejabat. Lengkapi dulu; surat tidak dibuat."})
    camat = f"CAMAT {kecamatan.upper()}"
    if jabatan == JABATAN_CAMAT:
        lines = [f"{camat},"]
    elif jabatan == JABATAN_SEKCAM:
        lines = [f"a.n. {camat}", "Sekretaris,"]
    else:
        lines = [f"a.n. {camat}", "Sekretaris", "u.b.", f"{jabatan},"]
    return {"ttd_jabatan": lines, "ttd_nama": row.nama.strip(),
            "ttd_pangkat": row.pangkat.strip(), "ttd_nip": row.nip.strip()}


def _typed_values(check: Checker, isian: Mapping[str, str]) -> dict[str, Any]:
    """The typed-in fields, each in the shape its template loop or text wants."""
    values: dict[str, Any] = {}
    for name, raw in isian.items():
        spec = ISIAN.get(name)
        if spec is None or not spec.diisi:
            check.fail(name, f"\u201c{name}\u201d bukan isian yang diisi saat membuat surat.")
            continue
        text = raw if isinstance(raw, str) else "\n".join(raw)
        if not check.plain(name, spec.label, text.replace("\n", " ")):
            continue
        if len(text) > MAX_ISIAN:
            check.fail(name, f"{spec.label} terlalu panjang ({len(text)} karakter).")
        elif spec.jenis == TANGGAL:
            day = check.date(name, spec.label, text.strip(), required=False)
            values[name] = format_tanggal(day, with_weekday=True) if day else ""
        elif spec.jenis == DAFTAR:
            values[name] = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        elif spec.jenis == PARAGRAF:
            values[name] = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)
                            if block.strip()]
        else:
            values[name] = " ".join(text.split())
    return values


# --- the request -----------------------------------------------------------------------------

def _find_permohonan(kunci: int | str) -> Permohonan:
    from jogoroto_desktop.registers.layanan import cari_permohonan

    found = cari_permohonan(str(kunci))
    if found is None:
        raise ValidationError({"layanan": f"Permohonan \u201c{kunci}\u201d tidak ditemukan "
                                          "(tulis id atau nomor register, mis. "
                                          "rekomendasi-skck/12/2026)."})
    return found


def _locked(permohonan: Permohonan) -> Permohonan:
    """The request read again with its row locked until the transaction ends, on PostgreSQL:
    two PCs making its letter at once would both pass the check for an earlier letter (READ
    COMMITTED); the second now waits and then sees the first. On SQLite every transaction
    takes the write lock at its BEGIN (IMMEDIATE), so the second already waits there."""
    import peewee

    if not isinstance(db.obj, peewee.PostgresqlDatabase):
        return permohonan
    return Permohonan.select().where(Permohonan.id == permohonan.id).for_update().get()


def alasan_tidak_bisa(permohonan: Permohonan) -> str | None:
    """Why no letter may be made for this request now (None when it may); see the module."""
    from jogoroto_desktop.registers import layanan

    label = layanan.nomor_register(permohonan)
    status = permohonan.status
    boleh = (layanan.DIVERIFIKASI, layanan.MENUNGGU_TTD, layanan.DITANDATANGANI,
             layanan.SIAP_DIAMBIL, layanan.DIPROSES, layanan.SELESAI)
    if status in boleh:
        return None
    shown = layanan.STATUS_LABELS.get(status, status)
    if status in (layanan.DITERIMA, layanan.KURANG_LENGKAP):
        return (f"Permohonan {label} belum diverifikasi (status {shown}); surat dibuat setelah "
                "berkasnya dinyatakan lengkap.")
    return f"Permohonan {label} berstatus {shown}; surat tidak dibuat."


def _check_request(info: InfoTemplat, permohonan: Permohonan) -> None:
    from jogoroto_desktop.registers.layanan import nomor_register

    if info.sop_id and permohonan.sop_id != info.sop_id:
        raise ValidationError({"layanan": (
            f"Permohonan {nomor_register(permohonan)} bukan permohonan layanan templat "
            f"{info.judul} ({info.sop_id}).")})
    reason = alasan_tidak_bisa(permohonan)
    if reason:
        raise ValidationError({"layanan": reason})
    earlier = (SuratKeluar.select(SuratKeluar.nomor)
               .where((SuratKeluar.permohonan == permohonan.id)
                      & (SuratKeluar.templat == info.nama)
                      & (SuratKeluar.status != registers.DIBATALKAN)).first())
    if earlier is not None:
        raise ValidationError({"layanan": (
            f"Permohonan {nomor_register(permohonan)} sudah punya {info.judul} nomor "
            f"{earlier.nomor}. Batalkan surat itu di Agenda Surat Keluar bila harus dibuat "
            "ulang.")})


# --- making the letter -------------------------------------------------------------------------

def buat_naskah(nama_templat: str, actor: session.Actor | None = None, *,
                layanan_id: int | str | None = None, kepada: str | None = None,
                perihal: str | None = None, di: str | None = None, sifat: str | None = None,
                lampiran: str | None = None, klasifikasi: str | None = None,
                pengolah: str | None = None, penandatangan: str | None = None,
                tembusan: Sequence[str] = (), isian: Mapping[str, str] | None = None,
                kertas: str | None = None, now: dt.datetime | None = None) -> NaskahHasil:
    """Make a letter from the template ``nama_templat`` as ``actor`` (default: the acting
    user): numbered in the Agenda Surat Keluar (kepada, perihal, pengolah, the link to the
    request), carrying that number and its signed QR. ValidationError (Indonesian, keyed by
    the field) and no number taken when anything is wrong."""
    with session.acting_as(actor or session.current_actor()):
        return _buat(PermintaanNaskah(
            nama_templat, layanan_id, kepada, di, perihal, sifat, lampiran, klasifikasi,
            pengolah, penandatangan, tuple(tembusan), dict(isian or {}), kertas), now)


def buat_dari_permintaan(permintaan: PermintaanNaskah, actor: session.Actor | None = None,
                         now: dt.datetime | None = None) -> NaskahHasil:
    """:func:`buat_naskah` from a filled :class:`PermintaanNaskah`."""
    with session.acting_as(actor or session.current_actor()):
        return _buat(permintaan, now)


def _buat(req: PermintaanNaskah, now: dt.datetime | None) -> NaskahHasil:
    """One transaction: whatever refuses the letter is found before the number is taken, and
    a refusal (or a letter that cannot be filled) after it rolls the number back."""
    actor = session.require("naskah.buat")
    now = registers.now_seconds(now)
    info = info_templat(req.templat)
    content = isi_templat(info)
    used = isian_templat(content)
    with db.atomic():
        letter, values, permohonan = _prepare(req, info, used, now.date())
        if letter is not None:
            surat, payload = _register_letter(info, letter, permohonan, actor.label, now,
                                              _kept_request(req, values),
                                              values.pop("nomor_template"))
            nomor, surat_id = surat.nomor, surat.id
        else:
            nomor, payload = _stamp(info, permohonan, now)
            surat_id = None
        docx = _fill(content, used, values, nomor, payload, req.kertas)
    return NaskahHasil(nomor, surat_id, docx, _shown(values, used), info, payload, req.kertas,
                       permohonan.id if permohonan is not None else None,
                       _file_name(info, nomor))


def _prepare(req: PermintaanNaskah, info: InfoTemplat, used: frozenset[str],
             tanggal: dt.date) -> tuple[dict | None, dict[str, Any], Permohonan | None]:
    """(the letter's register fields, or None for a template without a number; every value
    but the number and QR; the request) after every check; ValidationError otherwise."""
    from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, validate_surat_keluar

    check = Checker()
    permohonan = None
    if req.layanan not in (None, ""):
        permohonan = _locked(_find_permohonan(req.layanan))
        _check_request(info, permohonan)
    elif info.jenis == LAYANAN or used & _DARI_PERMOHONAN:
        check.fail("layanan", f"Templat {info.judul} memakai data permohonan layanan; pilih "
                              "permohonannya (id atau nomor register).")
    values = _record_values(check, info, used, req, permohonan, tanggal)
    kepada = req.kepada if req.kepada is not None else (
        info.kepada or (permohonan.pemohon_nama if permohonan is not None else ""))
    letter = None
    if info.bernomor:
        try:
            letter = validate_surat_keluar(SuratKeluarInput(
                klasifikasi=req.klasifikasi or info.klasifikasi, kepada=kepada,
                perihal=req.perihal if req.perihal is not None else info.perihal,
                sifat=req.sifat, pengolah=pengolah_of(info, req.pengolah),
                lampiran=req.lampiran, tanggal=tanggal), today=tanggal)
        except ValidationError as exc:
            check.problems.update(exc.problems)
        else:
            values.update(_letter_values(letter))
    else:
        values.update(kepada=" ".join(kepada.split()), hal=req.perihal or info.perihal,
                      sifat="Biasa", lampiran=req.lampiran or "-",
                      klasifikasi=req.klasifikasi or info.klasifikasi)
    check.raise_if_any()
    _refuse_missing(used, values, info)
    return letter, values, permohonan


def buat_ulang_naskah(surat_keluar_id: int, actor: session.Actor | None = None, *,
                      kertas: str | None = None) -> NaskahHasil:
    """The letter made from a template again, with its number, date and QR (a lost file, a
    printout spoiled): the same template version and typed-in values, the register's kepada,
    perihal, sifat and lampiran as they are now (a correction there shows), the records' data
    as they are now. Takes no number; audited as a print. A voided letter is refused."""
    with session.acting_as(actor or session.current_actor()):
        session.require("naskah.buat")
        surat = SuratKeluar.get_or_none(SuratKeluar.id == surat_keluar_id)
        if surat is None or not surat.templat:
            raise ValidationError({"surat": "Surat ini tidak dibuat dari templat; tidak ada "
                                            "yang bisa dibuat ulang."})
        if surat.status == registers.DIBATALKAN:
            raise ValidationError({"surat": f"Surat {surat.nomor} sudah dibatalkan; tidak "
                                            "dibuat ulang."})
        kept = json.loads(surat.naskah_isian or "{}")
        req = PermintaanNaskah(
            surat.templat, surat.permohonan_id, di=kept.get("di"),
            penandatangan=kept.get("penandatangan"), tembusan=kept.get("tembusan", ()),
            isian=kept.get("isian", {}), kertas=kertas or kept.get("kertas"))
        info = info_versi(surat.templat, surat.templat_versi or 0)
        content = isi_templat(info)
        used = isian_templat(content)
        permohonan = (Permohonan.get_by_id(surat.permohonan_id)
                      if surat.permohonan_id is not None else None)
        check = Checker()
        values = _record_values(check, info, used, req, permohonan, surat.tanggal)
        values.pop("nomor_template")
        values.update(_letter_values(audit.snapshot(surat)))
        check.raise_if_any()
        _refuse_missing(used, values, info)
        payload = signed_payload("SK", surat.tahun, surat.urut)
        docx = _fill(content, used, values, surat.nomor, payload, req.kertas)
        audit.catat("cetak", "surat_keluar", surat.id,
                    f"{info.judul} {surat.nomor} dibuat ulang dari templat")
    return NaskahHasil(surat.nomor, surat.id, docx, _shown(values, used), info, payload,
                       req.kertas, surat.permohonan_id, _file_name(info, surat.nomor))


def surat_dari_templat(permohonan_id: int) -> list[SuratKeluar]:
    """The letters made from templates for a request, newest first (voided ones too)."""
    return list(SuratKeluar.select().where(SuratKeluar.permohonan == permohonan_id)
                .order_by(SuratKeluar.id.desc()))


def _record_values(check: Checker, info: InfoTemplat, used: frozenset[str],
                   req: PermintaanNaskah, permohonan: Permohonan | None,
                   tanggal: dt.date) -> dict[str, Any]:
    """Every value but the letter's register fields, its number and its QR: the office, the
    date, the request, the signer, the typed-in fields, tembusan and di. Problems go to
    ``check``."""
    if req.kertas is not None and req.kertas not in KERTAS_MM:
        check.fail("kertas", f"Kertas \u201c{req.kertas}\u201d tidak dikenal; pilih A4 atau F4.")
    signer = req.penandatangan or info.penandatangan
    kantor = _kantor(signer)
    values = dict(kantor.values, nomor_template=kantor.nomor_template)
    values.update(judul=info.judul, tahun=str(tanggal.year), tanggal=format_tanggal(tanggal))
    if permohonan is not None:
        values.update(nilai_pemohon(permohonan, tanggal))
    if used & _TTD or req.penandatangan:  # a template without a signature block needs none
        try:
            values.update(_ttd(signer, kantor.pejabat.get(signer), values["kecamatan"]))
        except ValidationError as exc:
            check.problems.update(exc.problems)
    values.update(_typed_values(check, req.isian))
    tembusan = [" ".join(t.split()) for t in req.tembusan if t and t.strip()]
    for item in tembusan:
        check.plain("tembusan", "Tembusan", item)
    values.update(di=" ".join((req.di if req.di is not None else info.di).split()),
                  tembusan=tembusan)
    return values


def _letter_values(letter: Mapping[str, Any]) -> dict[str, Any]:
    """The fields written from the letter's register row (validated, or as stored)."""
    from jogoroto_desktop.registers.surat import SIFAT_LABELS

    return {"kepada": letter["kepada"], "hal": letter["perihal"],
            "sifat": SIFAT_LABELS.get(letter["sifat"], letter["sifat"]),
            "lampiran": letter["lampiran"] or "-", "klasifikasi": letter["klasifikasi"]}


def _kept_request(req: PermintaanNaskah, values: Mapping[str, Any]) -> str:
    """What :func:`buat_ulang_naskah` needs that the register row does not hold (JSON)."""
    return json.dumps({"isian": dict(req.isian), "tembusan": values["tembusan"],
                       "di": values["di"], "penandatangan": req.penandatangan,
                       "kertas": req.kertas}, ensure_ascii=False, sort_keys=True)


def _fill(content: bytes, used: frozenset[str], values: dict[str, Any], nomor: str,
          payload: str, kertas: str | None) -> bytes:
    values.update(nomor=nomor, qr_kode=payload, qr=Gambar(qr_png(payload), QR_LEBAR_MM))
    return isi_docx(content, {name: values.get(name, "") for name in used}, kertas=kertas)


def pengolah_of(info: InfoTemplat, pengolah: str | None) -> str:
    """The seksi handling the letter: as asked, else the service's seksi, else sekretariat."""
    if pengolah:
        return pengolah
    if info.sop_id:
        from jogoroto_desktop.sop.catalog import default_catalog

        sop = default_catalog().get(info.sop_id)
        if sop is not None and sop.seksi:
            return sop.seksi
    return "sekretariat"


def _refuse_missing(used: frozenset[str], values: Mapping[str, Any], info: InfoTemplat) -> None:
    """Refuse, naming each, the fields the template writes that have no value."""
    check = Checker()
    for name in sorted(used):
        spec = ISIAN.get(name)
        if spec is None:
            check.fail(name, f"Templat {info.nama} memakai isian tidak dikenal {{{{ {name} }}}}.")
            continue
        if name in ("nomor", "qr", "qr_kode") or not spec.wajib or spec.jenis == GAMBAR:
            continue
        if values.get(name) in (None, "", []):
            if spec.diisi:
                check.fail(name, f"Isian \u201c{name}\u201d ({spec.label}) wajib diisi untuk "
                                 f"templat {info.judul}.")
            elif spec.kelompok == "kantor":
                check.fail(name, f"{spec.label} belum diisi di Pengaturan; surat tidak dibuat.")
            else:
                check.fail(name, f"{spec.label} kosong pada data; lengkapi dulu.")
    check.raise_if_any()


def _register_letter(info: InfoTemplat, letter: dict, permohonan: Permohonan | None,
                     oleh: str, now: dt.datetime, kept: str,
                     template: str) -> tuple[SuratKeluar, str]:
    """Number and register the letter (status Diagendakan) with its SOP steps; returns it with
    its signed QR payload. The caller holds the transaction."""
    import peewee

    from jogoroto_desktop.registers.surat import JENIS_KELUAR, SOP_SURAT_KELUAR
    from jogoroto_desktop.registers.surat_keluar import next_nomor_keluar
    from models import Langkah

    tanggal = letter["tanggal"]
    urut, nomor = next_nomor_keluar(letter["klasifikasi"], tanggal, template)
    try:
        surat = registers.register(
            SuratKeluar, f"Surat keluar kepada {letter['kepada']} dibuat dari templat "
                         f"{info.nama}, nomor {nomor}", now,
            tahun=tanggal.year, urut=urut, nomor=nomor, status="diagendakan", dibuat_oleh=oleh,
            permohonan=permohonan.id if permohonan is not None else None, templat=info.nama,
            templat_versi=info.versi, naskah_isian=kept, **letter)
    except peewee.IntegrityError:  # the UNIQUE backstop: a template without {urut}
        raise ValidationError({"nomor": f"Nomor {nomor} sudah dipakai surat lain; periksa "
                                        "template nomor di Pengaturan."}) from None
    # The SOP Pengelolaan Surat Keluar: drafted (from the template) and numbered, one INSERT.
    Langkah.insert_many([
        {"jenis": JENIS_KELUAR, "rekaman_id": surat.id, "sop_id": SOP_SURAT_KELUAR,
         "langkah": no, "oleh": oleh, "pada": now, "catatan": catatan}
        for no, catatan in ((1, f"Konsep dibuat dari templat {info.judul}"),
                            (5, f"Diagendakan dengan nomor {nomor}"))]).execute()
    return surat, signed_payload("SK", tanggal.year, urut)


def _stamp(info: InfoTemplat, permohonan: Permohonan | None,
           now: dt.datetime) -> tuple[str, str]:
    """A template without its own number (the legalisir stamp): the request's register number
    and its tanda terima QR; the making is audited on the request."""
    from jogoroto_desktop.registers.layanan import nomor_register

    assert permohonan is not None  # a stamp template is a service template
    nomor = nomor_register(permohonan)
    audit.catat("cetak", "permohonan", permohonan.id, f"{info.judul} {nomor} dibuat",
                pada=now)
    return nomor, signed_payload("TT", permohonan.tahun, permohonan.nomor_tanda_terima)


def signed_payload(kind: str, year: int, number: int) -> str:
    """The record's QR payload signed with this PC's key (made at its first need)."""
    from jogoroto_desktop.qr import RecordRef, sign_payload
    from jogoroto_desktop.qr_keys import signing_key

    return sign_payload(RecordRef(kind, year, number), signing_key())


def _shown(values: Mapping[str, Any], used: frozenset[str]) -> dict[str, Any]:
    """The values the letter was filled with, images named rather than embedded."""
    return {name: ("(gambar)" if isinstance(values.get(name), Gambar) else values.get(name, ""))
            for name in sorted(used)}


def _file_name(info: InfoTemplat, nomor: str) -> str:
    safe = re.sub(r"[^0-9A-Za-z.-]+", "-", nomor).strip("-")
    return f"{info.judul} {safe}.docx"
