"""User accounts: password hashing, login with lockout, password changes and user management.

Passwords are hashed with scrypt; the cost parameters travel in the hash string
(``scrypt$N$r$p$salt$hash``) so they can be raised later: a login with an older, cheaper hash
re-hashes the password with the current parameters.  Failed logins are counted in the database
(``pengguna.gagal_masuk``), so a lockout holds on every PC sharing it.

A database without accounts is worked as :data:`session.SETUP_ADMIN` until the first-run setup
creates the ``admin`` account (:func:`buat_admin_awal`).  Logins, failures and logouts are
written to the audit trail; password hashes never are.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from jogoroto_desktop import audit, session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.session import ROLES, Actor
from jogoroto_desktop.validation import Checker, ValidationError
from models import Pejabat, Pengguna, db

#: scrypt cost: N = 2**15, r = 8 uses 32 MiB and about 0.1 s on an office PC; raise it here
#: (old hashes keep working and are upgraded at the next login).
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32

#: Lockout: this many wrong passwords in a row lock the account for LOCK_MINUTES.
MAX_GAGAL = 5
LOCK_MINUTES = 15

MIN_SANDI = 8
MAX_SANDI = 128
ADMIN = "admin"
_NAMA_PENGGUNA = re.compile(r"[a-z][a-z0-9._-]{2,31}")
#: Passwords people pick first; refused whatever the rules say.
_SANDI_UMUM = frozenset({
    "password", "password1", "12345678", "123456789", "1234567890", "qwerty123", "abcd1234",
    "admin123", "admin1234", "jogoroto", "jogoroto1", "jombang1", "kecamatan1", "bismillah1",
    "rahasia1", "rahasia123", "sandi123",
})
#: Fields of ``pengguna`` the audit trail shows (never the hash).
_AUDIT_FIELDS = ("nama_pengguna", "nama", "peran", "pejabat", "harus_ganti_sandi", "aktif",
                 "terkunci_sampai")


class LoginError(Exception):
    """Login refused; the message is for people, in Indonesian."""


# --- hashing -----------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(sandi: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # maxmem must cover 128 * N * r bytes (plus a little) or OpenSSL refuses
    return hashlib.scrypt(sandi.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=128 * n * r * p + 2**20, dklen=HASH_BYTES)


def hash_sandi(sandi: str, *, n: int | None = None, r: int | None = None,
               p: int | None = None) -> str:
    """The stored form of a password: ``scrypt$N$r$p$salt$hash`` (base64 salt and hash)."""
    n, r, p = n or SCRYPT_N, r or SCRYPT_R, p or SCRYPT_P
    salt = secrets.token_bytes(SALT_BYTES)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(_scrypt(sandi, salt, n, r, p))}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        return n, r, p, base64.b64decode(parts[4]), base64.b64decode(parts[5])
    except ValueError:
        return None


def cocok_sandi(sandi: str, stored: str) -> bool:
    """True when ``sandi`` is the password of ``stored`` (compared in constant time)."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(sandi, salt, n, r, p), expected)


def perlu_hash_ulang(stored: str) -> bool:
    """True when ``stored`` was made with weaker parameters than the current ones."""
    parsed = _parse(stored)
    return parsed is None or parsed[:3] < (SCRYPT_N, SCRYPT_R, SCRYPT_P)


# A hash to compare against when the user name is unknown, so an unknown name takes as long
# as a wrong password (no telling which names exist from the timing).
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None or perlu_hash_ulang(_DUMMY_HASH):
        _DUMMY_HASH = hash_sandi(secrets.token_hex(8))
    return _DUMMY_HASH


# --- rules -------------------------------------------------------------------------------

def masalah_sandi(sandi: str, nama_pengguna: str = "") -> str | None:
    """Why ``sandi`` may not be used as a password, or None when it may."""
    if len(sandi) < MIN_SANDI:
        return f"Sandi minimal {MIN_SANDI} karakter."
    if len(sandi) > MAX_SANDI:
        return f"Sandi paling banyak {MAX_SANDI} karakter."
    if sandi != sandi.strip():
        return "Sandi tidak boleh diawali atau diakhiri spasi."
    if not re.search(r"[A-Za-z]", sandi) or not re.search(r"\d", sandi):
        return "Sandi harus memuat huruf dan angka."
    lowered = sandi.lower()
    if nama_pengguna and nama_pengguna.lower() in lowered:
        return "Sandi tidak boleh memuat nama pengguna."
    if lowered in _SANDI_UMUM or len(set(lowered)) < 4:
        return "Sandi ini terlalu mudah ditebak; pilih yang lain."
    return None


def normalisasi_nama_pengguna(nama_pengguna: str) -> str:
    return (nama_pengguna or "").strip().lower()


def _check_nama_pengguna(nama_pengguna: str) -> str:
    name = normalisasi_nama_pengguna(nama_pengguna)
    if not _NAMA_PENGGUNA.fullmatch(name):
        raise ValidationError({"nama_pengguna": (
            "Nama pengguna 3-32 karakter: huruf kecil, angka, titik, garis bawah atau tanda "
            "hubung, diawali huruf (mis. siti.agendaris).")})
    return name


def _check_new_password(sandi: str, nama_pengguna: str, field: str = "sandi") -> None:
    problem = masalah_sandi(sandi, nama_pengguna)
    if problem:
        raise ValidationError({field: problem})


# --- accounts ----------------------------------------------------------------------------

def ada_pengguna() -> bool:
    """True once the database has any account (then nobody works as the setup admin)."""
    return Pengguna.select().exists()


def actor_of(pengguna: Pengguna) -> Actor:
    """The acting user a login gives: the account's role and official position."""
    return Actor(pengguna.nama_pengguna, pengguna.nama, pengguna.peran, pengguna.pejabat_id)


def _now() -> dt.datetime:
    return registers.now_seconds()


def sandi_awal_acak() -> str:
    """A temporary password that is easy to read out and type (no 0/O, 1/l)."""
    letters = "abcdefghjkmnpqrstuvwxyz"
    digits = "23456789"
    while True:
        text = "".join(secrets.choice(letters + digits) for _ in range(10))
        if masalah_sandi(text) is None:
            return text


def buat_admin_awal(sandi: str | None = None, nama: str = "Admin",
                    now: dt.datetime | None = None) -> str:
    """First run: create the ``admin`` account on a database without accounts.

    With ``sandi`` (the GUI asks the person for it, typed twice) that password is the admin's
    own and works at once.  Without it a random temporary password is made and returned, and
    the admin must change it at the first login (the CLI prints it once).  Refused when the
    database already has accounts.
    """
    temporary = sandi is None
    password = sandi_awal_acak() if sandi is None else sandi
    if not temporary:
        _check_new_password(password, ADMIN)
    now = now or _now()
    with db.atomic():
        if ada_pengguna():
            raise ValidationError({"nama_pengguna": "Basis data ini sudah punya akun; akun admin "
                                                    "awal hanya dibuat sekali."})
        _create(ADMIN, nama, "admin", None, password, "Akun admin awal dibuat", now,
                must_change=temporary, oleh=session.SETUP_ADMIN.label)
    return password


@dataclass(frozen=True)
class HasilMasuk:
    actor: Actor
    harus_ganti_sandi: bool


def masuk(nama_pengguna: str, sandi: str, now: dt.datetime | None = None,
          lewat: str = "") -> HasilMasuk:
    """Check a login; the caller makes the returned actor the acting user.

    Wrong name and wrong password give the same message.  After :data:`MAX_GAGAL` wrong
    passwords in a row the account is locked for :data:`LOCK_MINUTES` minutes.  ``lewat``
    ("CLI") is noted in the audit row.
    """
    now = now or _now()
    name = normalisasi_nama_pengguna(nama_pengguna)
    wrong = "Nama pengguna atau sandi salah."
    pengguna = Pengguna.get_or_none(Pengguna.nama_pengguna == name) if name else None
    if pengguna is None or not pengguna.aktif:
        cocok_sandi(sandi, _dummy_hash())
        reason = "akun tidak ada" if pengguna is None else "akun nonaktif"
        with db.atomic():
            audit.catat("gagal_masuk", "pengguna", pengguna.id if pengguna else None,
                        f"Gagal masuk sebagai \u201c{name}\u201d: {reason}",
                        oleh=name or "(kosong)", pada=now)
        if pengguna is not None:
            raise LoginError("Akun ini sudah dinonaktifkan. Hubungi admin.")
        raise LoginError(wrong)
    if pengguna.terkunci_sampai is not None and pengguna.terkunci_sampai > now:
        with db.atomic():
            audit.catat("gagal_masuk", "pengguna", pengguna.id,
                        f"Gagal masuk sebagai {name}: akun terkunci", oleh=name, pada=now)
        raise LoginError(_locked_message(pengguna.terkunci_sampai))
    if not cocok_sandi(sandi, pengguna.sandi_hash):
        raise LoginError(_count_failure(pengguna, now) or wrong)
    changes: dict = {"gagal_masuk": 0, "terkunci_sampai": None}
    if perlu_hash_ulang(pengguna.sandi_hash):
        changes["sandi_hash"] = hash_sandi(sandi)
    with db.atomic():
        Pengguna.update(**changes).where(Pengguna.id == pengguna.id).execute()
        audit.catat("masuk", "pengguna", pengguna.id,
                    f"{pengguna.nama} masuk" + (f" lewat {lewat}" if lewat else ""),
                    oleh=pengguna.nama or name, pada=now)
    return HasilMasuk(actor_of(pengguna), bool(pengguna.harus_ganti_sandi))


def _locked_message(until: dt.datetime) -> str:
    return (f"Akun terkunci sampai pukul {until:%H.%M} karena {MAX_GAGAL} kali salah sandi. "
            "Coba lagi nanti atau minta admin membukanya.")


def _count_failure(pengguna: Pengguna, now: dt.datetime) -> str | None:
    """Count a wrong password in the database (atomic increment, so failures on several PCs
    add up); lock the account on the MAX_GAGAL-th.  Returns the lock message when it locked."""
    with db.atomic():
        (Pengguna.update(gagal_masuk=Pengguna.gagal_masuk + 1)
         .where(Pengguna.id == pengguna.id).execute())
        count = Pengguna.select(Pengguna.gagal_masuk).where(Pengguna.id == pengguna.id).scalar()
        locked_until = None
        if count >= MAX_GAGAL:
            locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            (Pengguna.update(gagal_masuk=0, terkunci_sampai=locked_until)
             .where(Pengguna.id == pengguna.id).execute())
        summary = f"Gagal masuk sebagai {pengguna.nama_pengguna}: sandi salah ({count}x)"
        if locked_until is not None:
            summary += f"; akun dikunci {LOCK_MINUTES} menit"
        audit.catat("gagal_masuk", "pengguna", pengguna.id, summary,
                    oleh=pengguna.nama_pengguna, pada=now)
    return _locked_message(locked_until) if locked_until else None


def keluar(now: dt.datetime | None = None) -> None:
    """Log the acting user out (audited) and act as nobody."""
    actor = session.current_actor()
    if actor is not None and actor is not session.SETUP_ADMIN and db.obj is not None:
        pengguna = Pengguna.get_or_none(Pengguna.nama_pengguna == actor.nama_pengguna)
        with db.atomic():
            audit.catat("keluar", "pengguna", pengguna.id if pengguna else None,
                        f"{actor.label} keluar", oleh=actor.label, pada=now or _now())
    session.set_actor(None)


def ganti_sandi(nama_pengguna: str, sandi_lama: str, sandi_baru: str,
                now: dt.datetime | None = None) -> None:
    """A user changes their own password (also the forced change at first login)."""
    name = normalisasi_nama_pengguna(nama_pengguna)
    pengguna = Pengguna.get_or_none(Pengguna.nama_pengguna == name)
    if pengguna is None or not cocok_sandi(sandi_lama, pengguna.sandi_hash):
        raise ValidationError({"sandi_lama": "Sandi lama salah."})
    _check_new_password(sandi_baru, name, "sandi_baru")
    if sandi_baru == sandi_lama:
        raise ValidationError({"sandi_baru": "Sandi baru harus berbeda dari sandi lama."})
    registers.update(pengguna, {"sandi_hash": hash_sandi(sandi_baru),
                                "harus_ganti_sandi": False},
                     f"{pengguna.nama} mengganti sandi", now=now or _now(),
                     stale="Akun ini baru saja diubah di komputer lain; ulangi.",
                     problem="sandi_baru", audited=_AUDIT_FIELDS, oleh=pengguna.nama or name)


# --- user management (admin) -------------------------------------------------------------

def daftar_pengguna() -> list[Pengguna]:
    return list(Pengguna.select().order_by(Pengguna.aktif.desc(), Pengguna.nama_pengguna))


def get_pengguna(nama_pengguna: str) -> Pengguna:
    pengguna = Pengguna.get_or_none(
        Pengguna.nama_pengguna == normalisasi_nama_pengguna(nama_pengguna))
    if pengguna is None:
        raise ValidationError({"nama_pengguna": f"Pengguna \u201c{nama_pengguna}\u201d tidak "
                                                "ada."})
    return pengguna


def _check_peran(peran: str, pejabat_id: int | None) -> None:
    problems = {}
    if peran not in ROLES:
        problems["peran"] = f"Peran \u201c{peran}\u201d tidak dikenal."
    if pejabat_id is not None and Pejabat.get_or_none(Pejabat.id == pejabat_id) is None:
        problems["pejabat"] = "Jabatan yang dipilih tidak ada."
    if problems:
        raise ValidationError(problems)


def buat_pengguna(nama_pengguna: str, nama: str, peran: str, sandi_awal: str,
                  pejabat_id: int | None = None, now: dt.datetime | None = None) -> Pengguna:
    """Admin creates an account; its owner must change the initial password at first login."""
    session.require("pengguna.kelola")
    name = _check_nama_pengguna(nama_pengguna)
    check = Checker()
    if not check.plain("nama", "Nama lengkap", nama):
        check.raise_if_any()
    full_name = " ".join((nama or "").split())
    if not full_name:
        raise ValidationError({"nama": "Nama lengkap wajib diisi."})
    if len(full_name) > 100:
        raise ValidationError({"nama": "Nama lengkap paling banyak 100 karakter."})
    _check_peran(peran, pejabat_id)
    _check_new_password(sandi_awal, name)
    now = now or _now()
    with db.atomic():
        if Pengguna.select().where(Pengguna.nama_pengguna == name).exists():
            raise ValidationError({"nama_pengguna": f"Nama pengguna \u201c{name}\u201d sudah "
                                                    "dipakai."})
        pengguna = _create(name, full_name, peran, pejabat_id, sandi_awal,
                           f"Akun {name} ({ROLES[peran]}) dibuat", now, must_change=True)
    return pengguna


def _create(nama_pengguna: str, nama: str, peran: str, pejabat_id: int | None, sandi: str,
            ringkasan: str, now: dt.datetime, must_change: bool,
            oleh: str | None = None) -> Pengguna:
    """Insert an account (the password hash stays out of the audit row)."""
    return registers.register(
        Pengguna, ringkasan, now, audited=_AUDIT_FIELDS, oleh=oleh,
        nama_pengguna=nama_pengguna, nama=nama, peran=peran, pejabat=pejabat_id,
        sandi_hash=hash_sandi(sandi), harus_ganti_sandi=must_change, gagal_masuk=0,
        terkunci_sampai=None, aktif=True)


def _update(pengguna: Pengguna, changes: dict, ringkasan: str, now: dt.datetime) -> None:
    """Apply ``changes`` if nobody changed the account since it was read; audit old -> new
    (the password hash stays out of the trail)."""
    registers.update(pengguna, changes, ringkasan, now=now, audited=_AUDIT_FIELDS,
                     stale="Akun ini baru saja diubah di komputer lain; muat ulang lalu ulangi.")


def _other_active_admins(pengguna: Pengguna) -> int:
    return (Pengguna.select().where((Pengguna.peran == "admin") & (Pengguna.aktif == True)  # noqa: E712
                                    & (Pengguna.id != pengguna.id)).count())


def ubah_peran(pengguna: Pengguna, peran: str, pejabat_id: int | None,
               nama: str | None = None, now: dt.datetime | None = None) -> None:
    """Admin changes an account's role, official position (and name)."""
    session.require("pengguna.kelola")
    _check_peran(peran, pejabat_id)
    if pengguna.peran == "admin" and peran != "admin" and _other_active_admins(pengguna) == 0:
        raise ValidationError({"peran": "Ini satu-satunya admin aktif; buat admin lain dulu."})
    changes: dict = {"peran": peran, "pejabat": pejabat_id}
    if nama is not None:
        full_name = " ".join(nama.split())
        if not full_name:
            raise ValidationError({"nama": "Nama lengkap wajib diisi."})
        changes["nama"] = full_name
    _update(pengguna, changes, f"Peran akun {pengguna.nama_pengguna}: {ROLES[peran]}",
            now or _now())


def reset_sandi(pengguna: Pengguna, sandi_baru: str, now: dt.datetime | None = None) -> None:
    """Admin sets a new temporary password (the user must change it) and lifts a lockout."""
    session.require("pengguna.kelola")
    _check_new_password(sandi_baru, pengguna.nama_pengguna)
    _update(pengguna, {"sandi_hash": hash_sandi(sandi_baru), "harus_ganti_sandi": True,
                       "gagal_masuk": 0, "terkunci_sampai": None},
            f"Sandi akun {pengguna.nama_pengguna} disetel ulang oleh admin", now or _now())


def set_aktif(pengguna: Pengguna, aktif: bool, now: dt.datetime | None = None) -> None:
    """Admin deactivates an account (never deleted: the audit trail names it) or reactivates
    it; reactivating also lifts a lockout."""
    actor = session.require("pengguna.kelola")
    if not aktif:
        if pengguna.nama_pengguna == actor.nama_pengguna:
            raise ValidationError({"aktif": "Anda tidak dapat menonaktifkan akun sendiri."})
        if pengguna.peran == "admin" and _other_active_admins(pengguna) == 0:
            raise ValidationError({"aktif": "Ini satu-satunya admin aktif; tidak bisa "
                                            "dinonaktifkan."})
        changes: dict = {"aktif": False}
        summary = f"Akun {pengguna.nama_pengguna} dinonaktifkan"
    else:
        changes = {"aktif": True, "gagal_masuk": 0, "terkunci_sampai": None}
        summary = f"Akun {pengguna.nama_pengguna} diaktifkan"
    _update(pengguna, changes, summary, now or _now())
