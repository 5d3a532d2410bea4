"""Settings the office shares in the database (the officials, the numbering template): only
admin changes them, every change is audited, and two PCs editing the same official cannot
overwrite each other (``pejabat.versi``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jogoroto_desktop import audit, session
from jogoroto_desktop.correspondence import TEMPLATE_SETTING, nomor_template, validate_template
from jogoroto_desktop.edits import save_versioned
from jogoroto_desktop.validation import ValidationError
from models import Pejabat, db, set_setting

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


def simpan_kertas_bawaan(kertas: str) -> None:
    """Store the office's default paper for the A4/F4 documents (audited with the old value)."""
    from jogoroto_desktop.setup import PAPER_SETTING, PAPERS, default_paper

    session.require("pengaturan.ubah")
    if kertas not in PAPERS:
        raise ValidationError({"kertas": f"Kertas {kertas!r} tidak dikenal; pilih A4 atau F4."})
    old = default_paper()
    if kertas == old:
        return
    with db.atomic():
        set_setting(PAPER_SETTING, kertas)
        audit.catat("ubah", "setting", None, "Kertas bawaan diubah", {PAPER_SETTING: [old, kertas]})
