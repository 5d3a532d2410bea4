"""A filled naskah (.docx) to PDF through LibreOffice, where the PC has it.

LibreOffice lays a Word document out most faithfully, but the office may not have it: the caller
(printing.naskah_pdf.render_naskah_pdf) falls back to the program's own layout whenever this
fails. Each conversion runs headless with its own throw-away user profile (a LibreOffice the
person has open, or a locked profile, cannot block or change it) and a time limit.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

#: Set to 1 to always use the program's own layout (also where LibreOffice is installed).
OWN_LAYOUT_ENV_VAR = "JOGOROTO_PDF_SENDIRI"
#: Set to a soffice path to use that LibreOffice (a portable one, say).
SOFFICE_ENV_VAR = "JOGOROTO_SOFFICE"
#: Pengaturan (database): "0" makes every PC of the office use the own layout.
LIBREOFFICE_SETTING = "naskah.pdf_libreoffice"
TIMEOUT_SECONDS = 60.0  # the first start of LibreOffice on an old PC takes a while

WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MAC_PLACES = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",)


class ConversionFailed(RuntimeError):
    """LibreOffice is missing, failed, took too long or wrote no PDF (the message says which)."""


def find_soffice() -> Path | None:
    """The soffice program: JOGOROTO_SOFFICE, then PATH, then the usual install folders."""
    override = os.environ.get(SOFFICE_ENV_VAR)
    if override:
        return Path(override) if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    places = WINDOWS_PLACES if sys.platform == "win32" else MAC_PLACES
    for place in places:
        if Path(place).is_file():
            return Path(place)
    return None


def libreoffice_wanted() -> bool:
    """False when the own layout is forced (environment variable or the office's setting)."""
    if os.environ.get(OWN_LAYOUT_ENV_VAR, "").strip() not in ("", "0"):
        return False
    try:
        from models import get_setting

        return get_setting(LIBREOFFICE_SETTING, "1") != "0"
    except Exception:  # noqa: BLE001 - no database open (a test, a tool): LibreOffice allowed
        return True


def convert_to_pdf(docx_bytes: bytes, target: Path, *, soffice: Path | None = None,
                   timeout: float = TIMEOUT_SECONDS) -> Path:
    """Convert the .docx to the PDF `target` with LibreOffice; ConversionFailed otherwise."""
    program = soffice or find_soffice()
    if program is None:
        raise ConversionFailed("LibreOffice tidak terpasang di komputer ini.")
    with tempfile.TemporaryDirectory(prefix="jogoroto-soffice-") as work:
        folder = Path(work)
        source = folder / "naskah.docx"
        source.write_bytes(docx_bytes)
        profile = (folder / "profil").as_uri()
        command = [str(program), f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir",
                   str(folder / "keluar"), str(source)]
        try:
            finished = subprocess.run(command, capture_output=True, timeout=timeout,
                                      check=False, stdin=subprocess.DEVNULL,
                                      creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except subprocess.TimeoutExpired as exc:
            log.warning("LibreOffice tidak selesai dalam %.0f detik", timeout)
            raise ConversionFailed(
                f"LibreOffice tidak selesai dalam {timeout:.0f} detik.") from exc
        except OSError as exc:
            log.warning("LibreOffice tidak dapat dijalankan: %s", exc)
            raise ConversionFailed(f"LibreOffice tidak dapat dijalankan: {exc}") from exc
        made = folder / "keluar" / "naskah.pdf"
        if finished.returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            detail = (finished.stderr or finished.stdout or b"").decode(errors="replace")[-300:]
            log.warning("LibreOffice gagal (kode %s): %s", finished.returncode, detail)
            raise ConversionFailed(f"LibreOffice gagal membuat PDF (kode {finished.returncode}).")
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, target)
    return target


def simpan_pakai_libreoffice(pakai: bool) -> None:
    """Store whether the office's PCs make naskah PDFs with LibreOffice where installed
    (admin; audited with the old value)."""
    from jogoroto_desktop import audit, session
    from models import db, get_setting, set_setting

    session.require("pengaturan.ubah")
    old = get_setting(LIBREOFFICE_SETTING, "1") or "1"
    value = "1" if pakai else "0"
    if value == old:
        return
    with db.atomic():
        set_setting(LIBREOFFICE_SETTING, value)
        audit.catat("ubah", "setting", None,
                    "PDF naskah " + ("dengan LibreOffice bila terpasang" if pakai
                                     else "selalu dengan tata letak program"),
                    {LIBREOFFICE_SETTING: [old, value]})
