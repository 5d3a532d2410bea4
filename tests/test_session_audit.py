"""The permission table and the audit helpers every service uses."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import models
from jogoroto_desktop import audit, session


def test_only_agendaris_and_admin_issue_numbers() -> None:
    holders = {role for role in session.ROLES
               if session.Actor("x", "X", role).may("agenda.nomor")}
    assert holders == {"admin", "agendaris"}


def test_require_names_the_refused_action() -> None:
    with session.acting_as(session.Actor("loket", "Siti", "petugas_loket")):
        with pytest.raises(session.PermissionDenied, match="memberi nomor agenda"):
            session.require("agenda.nomor")
        assert session.require("layanan.daftar").nama == "Siti"
    with session.acting_as(None), pytest.raises(session.PermissionDenied, match="masuk"):
        session.require("cetak")


def test_acting_as_restores_the_previous_actor() -> None:
    first = session.Actor("a", "A", "admin")
    with session.acting_as(first):
        with session.acting_as(session.Actor("b", "B", "camat")):
            assert session.current_actor().nama == "B"
        assert session.current_actor() is first


def test_audit_records_old_and_new_values(tmp_path) -> None:
    models.open_database(tmp_path / "a.sqlite3")
    try:
        pejabat = models.Pejabat.get(models.Pejabat.jabatan == "Camat")
        lama = audit.snapshot(pejabat, ("nama", "nip"))
        pejabat.nama = "Dra. Contoh"
        with session.acting_as(session.Actor("adm", "Admin Kantor", "admin")):
            row = audit.catat_ubah(pejabat, lama, "Nama Camat diisi")
        stored = models.Audit.get_by_id(row.id)
        assert stored.oleh == "Admin Kantor"
        assert stored.tabel == "pejabat" and stored.rekaman_id == pejabat.id
        assert json.loads(stored.perubahan) == {"nama": ["", "Dra. Contoh"]}
        changed = audit.perubahan({"t": dt.date(2026, 1, 4)}, {"t": None})
        assert changed == {"t": ["2026-01-04", None]}
        with pytest.raises(ValueError):
            audit.catat("hapus", "pejabat", 1, "tidak ada aksi hapus")
    finally:
        models.close_database()
