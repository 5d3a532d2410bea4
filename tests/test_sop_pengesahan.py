"""Whose turn a submitted SOP version is, and the list of versions waiting (sop/pengesahan.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from jogoroto_desktop.session import Actor
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.pengesahan import giliran, menunggu_pengesahan, menunggu_untuk

KASUBAG_UMUM = Actor("umum", "Kasubag Umum", "kasubag_umum")
SEKCAM = Actor("sekcam", "Sekretaris Camat", "sekcam")
CAMAT = Actor("camat", "Camat Jogoroto", "camat")


def submit(sop_id: str, nomor: str) -> versions.SopVersi:
    base = versions.versi_berlaku(sop_id)
    assert base is not None
    versions.simpan_draf(dataclasses.replace(base.sop, nomor=nomor), KASUBAG_UMUM)
    return versions.ajukan(sop_id, KASUBAG_UMUM)


def test_nothing_waits_at_first(database) -> None:  # noqa: ANN001
    assert menunggu_pengesahan() == []
    assert menunggu_untuk(CAMAT) == []


def test_turns(database) -> None:  # noqa: ANN001
    first = submit("legalisir", "065/04.SOP.SEK/415.67/2027")
    second = submit("renja", "065/09.SOP.SEK/415.67/2027")
    versions.simpan_draf(dataclasses.replace(
        versions.versi_berlaku("lakip").sop, nomor="draf saja"), KASUBAG_UMUM)  # not submitted
    assert [(item.sop_id, item.versi) for item in menunggu_pengesahan()] == [
        ("legalisir", 2), ("renja", 2)]
    assert giliran(first, SEKCAM) and giliran(first, CAMAT)
    assert not giliran(first, KASUBAG_UMUM) and not giliran(first, None)
    forwarded = versions.teruskan("legalisir", SEKCAM)
    # Forwarded: the Camat's turn only; the Sekcam has done their part.
    assert not giliran(forwarded, SEKCAM) and giliran(forwarded, CAMAT)
    assert [item.sop_id for item in menunggu_untuk(SEKCAM)] == ["renja"]
    assert [item.sop_id for item in menunggu_untuk(CAMAT)] == ["legalisir", "renja"]
    assert second.status == versions.DIAJUKAN
    versions.kembalikan("renja", SEKCAM, "Nomor belum sesuai pola.")
    approved = versions.sahkan("legalisir", CAMAT, dt.date.today())
    assert not giliran(approved, CAMAT)
    assert menunggu_pengesahan() == []
