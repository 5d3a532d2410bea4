"""Accounts: hashing, password rules, login with lockout, first run, user management."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import accounts, session
from jogoroto_desktop.validation import ValidationError

NOW = dt.datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Same code path with a smaller cost, so the many logins below stay quick.
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "akun.sqlite3")
    yield
    models.close_database()


def audit_rows(aksi: str) -> list[models.Audit]:
    return list(models.Audit.select().where(models.Audit.aksi == aksi).order_by(models.Audit.id))


def test_hash_carries_its_parameters_and_verifies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**15)
    stored = accounts.hash_sandi("Rahasia2026")
    scheme, n, r, p, _salt, _hash = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    assert accounts.cocok_sandi("Rahasia2026", stored)
    assert not accounts.cocok_sandi("rahasia2026", stored)
    assert accounts.hash_sandi("Rahasia2026") != stored  # a fresh salt every time
    assert not accounts.perlu_hash_ulang(stored)
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**16)
    assert accounts.perlu_hash_ulang(stored)
    assert not accounts.cocok_sandi("x", "plain-text-is-not-a-hash")


@pytest.mark.parametrize(("sandi", "pesan"), [
    ("Ab1", "minimal 8"),
    ("abcdefgh", "huruf dan angka"),
    ("12345678", "huruf dan angka"),
    ("siti2026x", "nama pengguna"),
    ("password1", "mudah ditebak"),
    ("a1a1a1a1", "mudah ditebak"),
    (" Kantor2026", "spasi"),
])
def test_password_rules_in_indonesian(sandi: str, pesan: str) -> None:
    assert pesan in (accounts.masalah_sandi(sandi, "siti") or "")


def test_good_password_passes_the_rules() -> None:
    assert accounts.masalah_sandi("Kantor-Jogoroto7", "siti") is None


def test_first_run_with_a_temporary_password_forces_a_change(database: None) -> None:
    assert not accounts.ada_pengguna()
    temporary = accounts.buat_admin_awal(now=NOW)
    assert accounts.masalah_sandi(temporary) is None
    login = accounts.masuk("admin", temporary, now=NOW)
    assert login.harus_ganti_sandi and login.actor.peran == "admin"
    with pytest.raises(ValidationError, match="sudah punya akun"):
        accounts.buat_admin_awal("KantorBaru77")
    with pytest.raises(ValidationError) as bad:
        accounts.ganti_sandi("admin", temporary, temporary)
    assert "berbeda" in bad.value.problems["sandi_baru"]
    accounts.ganti_sandi("admin", temporary, "KantorBaru77", now=NOW)
    assert not accounts.masuk("admin", "KantorBaru77", now=NOW).harus_ganti_sandi
    stored = models.Pengguna.get(models.Pengguna.nama_pengguna == "admin").sandi_hash
    assert "KantorBaru77" not in stored
    assert all("sandi_hash" not in row.perubahan for row in models.Audit.select())


def test_first_run_with_a_chosen_password_needs_no_change(database: None) -> None:
    with pytest.raises(ValidationError):
        accounts.buat_admin_awal("pendek")
    assert not accounts.ada_pengguna()
    accounts.buat_admin_awal("KantorBaru77")
    assert not accounts.masuk("ADMIN ", "KantorBaru77").harus_ganti_sandi


def test_wrong_password_and_unknown_user_read_the_same(database: None) -> None:
    accounts.buat_admin_awal("KantorBaru77")
    with pytest.raises(accounts.LoginError) as wrong:
        accounts.masuk("admin", "Salah12345", now=NOW)
    with pytest.raises(accounts.LoginError) as unknown:
        accounts.masuk("tidakada", "Salah12345", now=NOW)
    assert str(wrong.value) == str(unknown.value) == "Nama pengguna atau sandi salah."
    failures = audit_rows("gagal_masuk")
    assert [row.oleh for row in failures] == ["admin", "tidakada"]


def test_five_failures_lock_the_account_for_fifteen_minutes(database: None) -> None:
    accounts.buat_admin_awal("KantorBaru77")
    for attempt in range(1, accounts.MAX_GAGAL):
        with pytest.raises(accounts.LoginError, match="salah"):
            accounts.masuk("admin", f"Salah{attempt}xyz", now=NOW)
    with pytest.raises(accounts.LoginError, match="terkunci sampai pukul 09.15"):
        accounts.masuk("admin", "Salah5xyz", now=NOW)
    # the right password does not open a locked account
    with pytest.raises(accounts.LoginError, match="terkunci"):
        accounts.masuk("admin", "KantorBaru77", now=NOW + dt.timedelta(minutes=14))
    stored = models.Pengguna.get(models.Pengguna.nama_pengguna == "admin")
    assert stored.terkunci_sampai == NOW + dt.timedelta(minutes=15)
    later = NOW + dt.timedelta(minutes=15, seconds=1)
    assert accounts.masuk("admin", "KantorBaru77", now=later).actor.nama_pengguna == "admin"
    stored = models.Pengguna.get_by_id(stored.id)
    assert (stored.gagal_masuk, stored.terkunci_sampai) == (0, None)
    assert "dikunci 15 menit" in audit_rows("gagal_masuk")[4].ringkasan


def test_failures_count_across_pcs(tmp_path: Path) -> None:
    """Two connections (two PCs) failing in turn add up to one lockout."""
    path = tmp_path / "bersama.sqlite3"
    models.open_database(path)
    accounts.buat_admin_awal("KantorBaru77")
    models.close_database()
    for attempt in range(accounts.MAX_GAGAL):
        models.open_database(path)  # a fresh connection each time, as another PC would be
        with pytest.raises(accounts.LoginError):
            accounts.masuk("admin", f"Salah{attempt}xyz", now=NOW)
        models.close_database()
    models.open_database(path)
    try:
        with pytest.raises(accounts.LoginError, match="terkunci"):
            accounts.masuk("admin", "KantorBaru77", now=NOW)
    finally:
        models.close_database()


def test_login_upgrades_an_old_hash(database: None, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.buat_admin_awal("KantorBaru77")
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**11)
    accounts.masuk("admin", "KantorBaru77")
    stored = models.Pengguna.get(models.Pengguna.nama_pengguna == "admin").sandi_hash
    assert stored.split("$")[1] == str(2**11)
    assert accounts.masuk("admin", "KantorBaru77").actor.peran == "admin"


def test_admin_manages_users_and_nobody_else_may(database: None) -> None:
    camat = models.Pejabat.get(models.Pejabat.jabatan == "Camat")
    user = accounts.buat_pengguna("Siti.Agenda", "Siti Aminah", "agendaris", "Awal2026xy")
    assert user.nama_pengguna == "siti.agenda" and user.harus_ganti_sandi
    with pytest.raises(ValidationError, match="sudah dipakai"):
        accounts.buat_pengguna("siti.agenda", "Siti Lain", "agendaris", "Awal2026xy")
    with pytest.raises(ValidationError) as bad:
        accounts.buat_pengguna("1x", "", "lurah", "pendek", pejabat_id=9999)
    assert set(bad.value.problems) == {"nama_pengguna"}
    with pytest.raises(ValidationError) as bad:
        accounts.buat_pengguna("budi", "", "lurah", "Awal2026xy")
    assert set(bad.value.problems) == {"nama"}
    with pytest.raises(ValidationError) as bad:
        accounts.buat_pengguna("budi", "Budi", "lurah", "Awal2026xy", pejabat_id=9999)
    assert set(bad.value.problems) == {"peran", "pejabat"}

    boss = accounts.buat_pengguna("bu.camat", "Dra. Camat", "camat", "Awal2026xy",
                                  pejabat_id=camat.id)
    login = accounts.masuk("bu.camat", "Awal2026xy")
    assert login.harus_ganti_sandi
    assert login.actor == session.Actor("bu.camat", "Dra. Camat", "camat", camat.id)

    with session.acting_as(login.actor):
        with pytest.raises(session.PermissionDenied, match="mengelola pengguna"):
            accounts.buat_pengguna("budi", "Budi", "agendaris", "Awal2026xy")
        with pytest.raises(session.PermissionDenied):
            accounts.reset_sandi(user, "Baru2026xy")
        with pytest.raises(session.PermissionDenied):
            accounts.set_aktif(user, False)
        with pytest.raises(session.PermissionDenied):
            accounts.ubah_peran(user, "admin", None)

    accounts.ubah_peran(user, "petugas_loket", None, nama="Siti A.")
    assert models.Pengguna.get_by_id(user.id).peran == "petugas_loket"
    accounts.reset_sandi(boss, "Setel2026xy")
    assert accounts.masuk("bu.camat", "Setel2026xy").harus_ganti_sandi
    accounts.set_aktif(user, False)
    with pytest.raises(accounts.LoginError, match="dinonaktifkan"):
        accounts.masuk("siti.agenda", "Awal2026xy")
    accounts.set_aktif(user, True)
    assert accounts.masuk("siti.agenda", "Awal2026xy").actor.peran == "petugas_loket"
    assert models.Pengguna.select().count() == 2  # never deleted
    role_change = next(r for r in audit_rows("ubah") if "Peran" in r.ringkasan)
    assert json.loads(role_change.perubahan)["peran"] == ["agendaris", "petugas_loket"]


def test_stale_account_edit_is_refused(database: None) -> None:
    user = accounts.buat_pengguna("siti", "Siti", "agendaris", "Awal2026xy")
    other_pc = models.Pengguna.get_by_id(user.id)
    accounts.ubah_peran(user, "petugas_loket", None)
    with pytest.raises(ValidationError, match="komputer lain"):
        accounts.ubah_peran(other_pc, "camat", None)
    assert models.Pengguna.get_by_id(user.id).peran == "petugas_loket"


def test_the_last_admin_stays(database: None) -> None:
    accounts.buat_admin_awal("KantorBaru77")
    admin = accounts.get_pengguna("admin")
    actor = accounts.actor_of(admin)
    with session.acting_as(actor):
        with pytest.raises(ValidationError, match="akun sendiri"):
            accounts.set_aktif(admin, False)
        with pytest.raises(ValidationError, match="satu-satunya admin"):
            accounts.ubah_peran(admin, "camat", None)


def test_login_and_logout_are_audited(database: None) -> None:
    accounts.buat_admin_awal("KantorBaru77")
    login = accounts.masuk("admin", "KantorBaru77", now=NOW)
    session.set_actor(login.actor)
    accounts.keluar(now=NOW)
    assert session.current_actor() is None
    assert [r.ringkasan for r in audit_rows("masuk")] == ["Admin masuk"]
    assert [r.oleh for r in audit_rows("keluar")] == ["Admin"]


def test_accounts_and_lockout_on_postgresql(pg_url: str) -> None:
    models.open_database(pg_url)
    accounts.buat_admin_awal("KantorBaru77")
    user = accounts.buat_pengguna("siti", "Siti", "agendaris", "Awal2026xy")
    for attempt in range(accounts.MAX_GAGAL):
        with pytest.raises(accounts.LoginError):
            accounts.masuk("siti", f"Salah{attempt}xyz", now=NOW)
    with pytest.raises(accounts.LoginError, match="terkunci"):
        accounts.masuk("siti", "Awal2026xy", now=NOW)
    accounts.set_aktif(user, True)  # admin lifts the lock
    assert accounts.masuk("siti", "Awal2026xy", now=NOW).harus_ganti_sandi
    assert models.Audit.select().where(models.Audit.aksi == "gagal_masuk").count() == 6
