"""The SOP versions waiting for the Sekretaris Camat or the Camat ("Perlu pengesahan"), and
whose turn a submitted version is. Read-only; the acts are in :mod:`versions`."""

from __future__ import annotations

from jogoroto_desktop.session import Actor
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.versions import SopVersi
from models import VersiSop


def menunggu_pengesahan() -> list[SopVersi]:
    """Every submitted version (Diajukan), the earliest submission first. One statement for
    the list and one per waiting version (a handful at a time)."""
    sop_ids = [sop_id for (sop_id,) in
               VersiSop.select(VersiSop.sop_id)
               .where(VersiSop.status == versions.DIAJUKAN)
               .order_by(VersiSop.diajukan_pada, VersiSop.id).tuples()]
    waiting = (versions.draf_terbuka(sop_id) for sop_id in sop_ids)
    return [item for item in waiting if item is not None and item.status == versions.DIAJUKAN]


def giliran(item: SopVersi, actor: Actor | None) -> bool:
    """True when `item` waits for `actor`: the Sekcam until forwarded, the Camat (who may
    approve with or without the forward) until approved."""
    if item.status != versions.DIAJUKAN or actor is None:
        return False
    if actor.may("sop.sahkan"):
        return True
    return actor.may("sop.tinjau") and item.diteruskan_pada is None


def menunggu_untuk(actor: Actor | None) -> list[SopVersi]:
    """The submitted versions waiting for `actor`'s act."""
    return [item for item in menunggu_pengesahan() if giliran(item, actor)]
