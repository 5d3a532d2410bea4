"""Who is working: the acting user, the roles of the SOP actors and what each role may do.

Permissions are checked here, in the service layer, not only by hiding buttons: every service
that changes an official record calls :func:`require` with the permission it needs.  The GUI sets
the actor after login, the CLI from ``--user``; a database without any account yet (a fresh
install before the first-run setup) is worked on as :data:`SETUP_ADMIN`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from jogoroto_desktop.validation import ValidationError

#: Role id -> the name people see.  The roles follow the SOP book's actors.
ROLES: dict[str, str] = {
    "admin": "Admin",
    "camat": "Camat",
    "sekcam": "Sekretaris Camat",
    "kasubag_umum": "Kasubag Umum dan Kepegawaian",
    "kasubag_keuangan": "Kasubag Keuangan, Penyusunan Program dan Evaluasi",
    "agendaris": "Agendaris",
    "petugas_loket": "Petugas Loket",
    "kasi_tapem": "Kasi Tata Pemerintahan",
    "kasi_pmd": "Kasi Pemberdayaan Masyarakat dan Desa",
    "kasi_trantib": "Kasi Ketentraman dan Ketertiban Umum",
    "kasi_sosbud": "Kasi Sosial Budaya",
    "bendahara": "Bendahara",
}

_KASI = frozenset({"kasi_tapem", "kasi_pmd", "kasi_trantib", "kasi_sosbud"})
_PIMPINAN = frozenset({"camat", "sekcam"})
_KASUBAG = frozenset({"kasubag_umum", "kasubag_keuangan"})

#: Permission -> roles that hold it.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Agenda and letter numbers (surat masuk, surat keluar, surat pengantar, ekspedisi).
    "agenda.nomor": frozenset({"admin", "agendaris"}),
    # Voiding a letter register entry.
    "agenda.batal": frozenset({"admin", "agendaris"}),
    # Writing a disposisi (always from the writer's own position) and following one up.
    "disposisi.tulis": _PIMPINAN | _KASUBAG | _KASI | {"admin"},
    "disposisi.selesai": _PIMPINAN | _KASUBAG | _KASI | {"admin", "agendaris"},
    # Surat keluar moving through its SOP (drafted by a seksi, signed, numbered, sent).
    "surat_keluar.proses": _PIMPINAN | _KASUBAG | _KASI | {"admin", "agendaris"},
    # Citizens' services at the loket: registering, steps, collection.
    "layanan.daftar": frozenset({"admin", "petugas_loket"}) | _KASI,
    "layanan.proses": frozenset({"admin", "petugas_loket"}) | _KASI | _PIMPINAN | _KASUBAG,
    "layanan.batal": frozenset({"admin", "petugas_loket"}) | _KASI,
    # Personnel registers (pegawai, cuti, buku penjagaan).
    "kepegawaian.kelola": frozenset({"admin", "kasubag_umum"}),
    "cuti.ajukan": frozenset({"admin", "kasubag_umum"}),
    "cuti.putuskan": frozenset({"admin", "camat", "sekcam"}),
    # Planning and finance trackers.
    "pelacakan.kelola": frozenset({"admin", "kasubag_keuangan", "bendahara", "sekcam"}) | _KASI,
    # Printing an official form (printing is audited too).
    "cetak": frozenset(ROLES),
    # Accounts, settings, backup/restore.
    "pengguna.kelola": frozenset({"admin"}),
    "pengaturan.ubah": frozenset({"admin"}),
    "cadangan.pulihkan": frozenset({"admin"}),
    # A backup file holds every record: made from the command line by the admin only.
    "cadangan.buat": frozenset({"admin"}),
    # Reading and exporting the audit trail (nobody may change it).
    "audit.lihat": frozenset({"admin", "camat", "sekcam"}),
    # SOP versions (jogoroto_desktop.sop.versions): the owning unit's Kasi/Kasubag (each only
    # their own unit's SOPs, see SOP_PENULIS) and the admin write drafts and submit them; the
    # Sekcam reviews (forwards or returns with a note); only the Camat approves.
    "sop.tulis": _KASUBAG | _KASI | {"admin"},
    "sop.tinjau": frozenset({"sekcam"}),
    "sop.sahkan": frozenset({"camat"}),
}

#: SOP seksi -> the roles that write its SOPs (besides the admin).
SOP_PENULIS: dict[str, frozenset[str]] = {
    "sekretariat": _KASUBAG,
    "tata-pemerintahan": frozenset({"kasi_tapem"}),
    "pmd": frozenset({"kasi_pmd"}),
    "trantib": frozenset({"kasi_trantib"}),
    "sosbud": frozenset({"kasi_sosbud"}),
}

#: What each permission lets one do, for the refusal message.
PERMISSION_LABELS: dict[str, str] = {
    "agenda.nomor": "memberi nomor agenda/surat",
    "agenda.batal": "membatalkan surat di register",
    "disposisi.tulis": "menulis disposisi",
    "disposisi.selesai": "menyelesaikan disposisi",
    "surat_keluar.proses": "memproses surat keluar",
    "layanan.daftar": "mendaftarkan permohonan layanan",
    "layanan.proses": "mencatat langkah layanan",
    "layanan.batal": "membatalkan permohonan layanan",
    "kepegawaian.kelola": "mengelola data pegawai",
    "cuti.ajukan": "mencatat permohonan cuti",
    "cuti.putuskan": "menyetujui atau menolak cuti",
    "pelacakan.kelola": "mengelola pelacakan perencanaan dan keuangan",
    "cetak": "mencetak dokumen resmi",
    "pengguna.kelola": "mengelola pengguna",
    "pengaturan.ubah": "mengubah pengaturan",
    "cadangan.pulihkan": "memulihkan cadangan basis data",
    "cadangan.buat": "membuat cadangan basis data",
    "audit.lihat": "melihat jejak audit",
    "sop.tulis": "menyusun atau mengubah draf SOP",
    "sop.tinjau": "meninjau draf SOP (meneruskan atau mengembalikan)",
    "sop.sahkan": "mengesahkan SOP",
}

assert set(PERMISSION_LABELS) == set(PERMISSIONS), "every permission needs a label"
assert all(roles <= set(ROLES) for roles in PERMISSIONS.values()), "unknown role in PERMISSIONS"


class PermissionDenied(ValidationError):
    """The acting user's role may not do this; the message is for people, in Indonesian.

    A ValidationError (problem ``izin``), so every form that shows a service's validation
    messages also shows a refusal, instead of it reaching the crash handler."""

    def __init__(self, message: str) -> None:
        super().__init__({"izin": message})
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Actor:
    """The person working, as the services see them."""

    nama_pengguna: str
    nama: str
    peran: str
    pejabat_id: int | None = None  # the official position a disposisi is written from

    @property
    def label(self) -> str:
        """How the person is written in registers and the audit trail."""
        return self.nama or self.nama_pengguna

    def may(self, permission: str) -> bool:
        return self.peran in PERMISSIONS[permission]


#: The implicit administrator of a database that has no accounts yet (before first-run setup).
SETUP_ADMIN = Actor("admin", "Admin", "admin")

# A plain global guarded by a lock, not a ContextVar: the GUI's worker threads act for the same
# logged-in person as the window that started them.
_lock = threading.Lock()
_actor: Actor | None = None


def current_actor() -> Actor | None:
    with _lock:
        return _actor


def set_actor(actor: Actor | None) -> None:
    """Make ``actor`` the acting user (``None`` after logout)."""
    global _actor
    with _lock:
        _actor = actor


@contextmanager
def acting_as(actor: Actor | None) -> Iterator[Actor | None]:
    """Act as ``actor`` inside the block, then restore whoever acted before."""
    previous = current_actor()
    set_actor(actor)
    try:
        yield actor
    finally:
        set_actor(previous)


def require(permission: str) -> Actor:
    """Return the acting user when their role holds ``permission``; raise
    :class:`PermissionDenied` with a message naming what was refused otherwise."""
    return require_of(current_actor(), permission)


def require_of(actor: Actor | None, permission: str) -> Actor:
    """:func:`require` for ``actor`` (a service that is told who acts, e.g. SOP versions)."""
    if permission not in PERMISSIONS:
        raise KeyError(f"izin tidak dikenal: {permission}")
    if actor is None:
        raise PermissionDenied("Silakan masuk (login) terlebih dahulu.")
    if not actor.may(permission):
        role = ROLES.get(actor.peran, actor.peran)
        raise PermissionDenied(
            f"Peran {role} tidak berwenang {PERMISSION_LABELS[permission]}.")
    return actor


def actor_label(default: str = "Sistem") -> str:
    """Name of the acting user for registers, or ``default`` when nobody acts."""
    actor = current_actor()
    return actor.label if actor is not None else default
