"""Smoke test of a frozen build (dist/jogoroto), on Linux and on Windows.

Runs the built executables against a temporary data folder, from a temporary working folder and
without PYTHONPATH, so nothing of the source tree can help: the window is shown and the database
created (`--check-startup`, offscreen), then the command line reads the catalog, exports an SOP
and imports it back as a draft (tomli-w, the bundled book as version 1), checks the
database and this PC's database settings, records a letter, prints its lembar disposisi (fonts,
QR) and an SOP to PDF, exports the QR public key and verifies the form's code with it and with
the database (Ed25519 through `cryptography`), draws a flowchart PNG (Qt offscreen) and makes a
backup. Any non-zero
exit, and ANY output on stderr, fails the test.

    python packaging/smoke_test.py [dist/jogoroto]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
TIMEOUT_S = 180


class SmokeTestFailure(Exception):
    pass


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "JOGOROTO_", "QT_"))}
    env["JOGOROTO_DATA_DIR"] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(executable: Path, arguments: Sequence[str], env: dict[str, str], cwd: Path,
        expect_stdout: bool = True) -> str:
    """Run one command; fail on a non-zero exit or on anything written to stderr."""
    started = time.perf_counter()
    result = subprocess.run([str(executable), *arguments], env=env, cwd=cwd,
                            capture_output=True, text=True, encoding="utf-8",
                            errors="replace", timeout=TIMEOUT_S, check=False)
    seconds = time.perf_counter() - started
    shown = f"{executable.name} {' '.join(arguments)}"
    if result.returncode != 0:
        raise SmokeTestFailure(f"{shown}: exit {result.returncode}\nstdout:\n{result.stdout}\n"
                               f"stderr:\n{result.stderr}")
    if result.stderr.strip():
        raise SmokeTestFailure(f"{shown}: unexpected output on stderr:\n{result.stderr}")
    if expect_stdout and not result.stdout.strip():
        raise SmokeTestFailure(f"{shown}: printed nothing")
    print(f"ok   {shown}  ({seconds:.1f} s)")
    return result.stdout


def smoke_test(dist: Path) -> None:
    cli = dist / f"jogoroto-cli{EXE_SUFFIX}"
    gui = dist / f"jogoroto{EXE_SUFFIX}"
    for executable in (cli, gui):
        if not executable.is_file():
            raise SmokeTestFailure(f"{executable} is missing: build first")
    with tempfile.TemporaryDirectory(prefix="jogoroto-smoke-") as folder:
        work = Path(folder) / "work"
        work.mkdir()
        data = Path(folder) / "data"
        env = _env(data)

        version = run(cli, ["--version"], env, work)
        if "Jogoroto Desktop" not in version:
            raise SmokeTestFailure(f"--version printed {version!r}")

        startup = run(cli, ["--check-startup"], env, work)
        if not re.search(r"^startup_ms=\d+\ncpu_ms=\d+$", startup, re.M):
            raise SmokeTestFailure(f"--check-startup printed {startup!r}")
        # The windowed executable: on Windows it has no console, so only its exit code counts.
        gui_out = run(gui, ["--check-startup"], env, work, expect_stdout=sys.platform != "win32")
        if sys.platform != "win32" and "startup_ms=" not in gui_out:
            raise SmokeTestFailure(f"{gui.name} --check-startup printed {gui_out!r}")

        listing = run(cli, ["sop", "list"], env, work)
        sops = [line for line in listing.splitlines() if line.strip()]
        if len(sops) != 34 or "Pengelolaan Surat Masuk" not in listing:
            raise SmokeTestFailure(f"sop list gave {len(sops)} SOPs, expected 34:\n{listing}")

        # The SOP versions: version 1 seeded from the bundled book, written out with tomli-w and
        # read back in as a draft (version 2).
        exported = work / "legalisir.toml"
        run(cli, ["sop", "export", "legalisir", "-o", str(exported)], env, work)
        imported = run(cli, ["sop", "import", str(exported)], env, work)
        if imported.strip().splitlines()[-1:] != ["2"]:
            raise SmokeTestFailure(f"sop import printed {imported!r}, expected version 2")

        check = run(cli, ["db", "check"], env, work)
        if "Integritas: ok" not in check:
            raise SmokeTestFailure(f"db check:\n{check}")

        status = run(cli, ["db", "status"], env, work)  # this PC's settings, credential store
        if "SQLite" not in status:
            raise SmokeTestFailure(f"db status:\n{status}")

        added = run(cli, ["surat-masuk", "add", "--dari", "Dinas Sosial Kab. Jombang",
                          "--nomor-surat", "460/12/415.33/2026", "--tanggal-surat",
                          "2026-01-05", "--diterima", "2026-01-06", "--perihal",
                          "Undangan Rapat Koordinasi Bantuan Sosial", "--klasifikasi", "460"],
                    env, work)
        if "1/2026" not in added:
            raise SmokeTestFailure(f"surat-masuk add printed {added!r}")
        outputs = {
            "disposisi.pdf": ["print", "disposisi", "1/2026", "-o"],
            "surat-masuk.pdf": ["sop", "pdf", "surat-masuk", "-o"],
            "renja.png": ["sop", "png", "renja", "--scale", "1", "-o"],
        }
        said: dict[str, str] = {}
        for name, arguments in outputs.items():
            target = work / name
            said[name] = run(cli, [*arguments, str(target)], env, work, expect_stdout=False)
            magic = b"%PDF" if name.endswith(".pdf") else b"\x89PNG"
            if not target.is_file() or not target.read_bytes().startswith(magic):
                raise SmokeTestFailure(f"{name} was not written as a real {magic!r} file")
            print(f"     {name}: {target.stat().st_size} bytes")

        code = re.search(r"^Kode QR: (JGR2:\S+)$", said["disposisi.pdf"], re.M)
        if code is None:
            raise SmokeTestFailure(f"print disposisi printed no signed code:\n{said}")
        key_file = work / "kunci.txt"
        run(cli, ["kunci", "ekspor", "-o", str(key_file)], env, work)
        for arguments in (["verify", "--kunci", str(key_file)], ["verify"]):
            verdict = run(cli, [*arguments, code.group(1)], env, work)
            if "Dokumen asli" not in verdict:
                raise SmokeTestFailure(f"{' '.join(arguments)}:\n{verdict}")

        backup = work / "cadangan.db"
        run(cli, ["backup", "-o", str(backup)], env, work)
        if not backup.is_file() or not backup.read_bytes().startswith(b"SQLite format 3"):
            raise SmokeTestFailure("backup -o did not write an SQLite database")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    dist = Path(arguments[0]) if arguments else REPO_ROOT / "dist" / "jogoroto"
    try:
        smoke_test(dist.resolve())
    except (SmokeTestFailure, subprocess.TimeoutExpired) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"smoke test passed: {dist}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
