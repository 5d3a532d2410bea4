"""Login figures on a fresh SQLite file, each against a baseline measured in the same run:

- a login with the right password (scrypt N=2**15, r=8, p=1, plus the database work and the
  audit row), against the same login with a negligible KDF cost (N=2**4): the ratio is what
  the slow hash costs a guesser per try; goal <= 500 ms so a person does not wait;
- a login with an unknown user name, against a wrong password for a real account: the two
  should take the same time (goal ratio <= 1.3), so the timing does not tell which user
  names exist.

    python benchmarks/login.py [--repeats N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, median  # noqa: E402

LOGIN_GOAL_MS = 500.0
SAME_TIME_RATIO = 1.3


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    with contextlib.suppress(Exception):  # a refused login is what is being timed
        action()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        os.environ["JOGOROTO_DATA_DIR"] = folder
        import models
        from jogoroto_desktop import accounts

        models.open_database(Path(folder) / "login.db")
        accounts.buat_admin_awal("Kantor-Baru77")
        admin = accounts.get_pengguna

        def wrong() -> None:
            # five failures would lock the account: start every try from zero
            models.Pengguna.update(gagal_masuk=0, terkunci_sampai=None).execute()
            accounts.masuk("admin", "Salah-sandi99")

        def right() -> None:
            accounts.masuk("admin", "Kantor-Baru77")

        def unknown() -> None:
            accounts.masuk("tidak.ada", "Salah-sandi99")

        right()  # warm-up
        slow = [_timed(right) for _ in range(args.repeats)]
        miss: list[float] = []
        bad: list[float] = []
        for _ in range(args.repeats):  # interleaved, so load on the machine hits both alike
            miss.append(_timed(unknown))
            bad.append(_timed(wrong))
        default_n = accounts.SCRYPT_N
        accounts.SCRYPT_N = 2**4  # so the cheap hash is not upgraded at login
        (models.Pengguna.update(sandi_hash=accounts.hash_sandi("Kantor-Baru77"))
         .where(models.Pengguna.nama_pengguna == "admin").execute())
        cheap = [_timed(right) for _ in range(args.repeats)]
        accounts.SCRYPT_N = default_n
        assert admin("admin").sandi_hash.split("$")[1] == str(2**4)
        models.close_database()
    print(TABLE_HEADER)
    print(Figure(f"login, scrypt N=2**{default_n.bit_length() - 1}", median(slow),
                 "same login, N=2**4", median(cheap), goal_ms=LOGIN_GOAL_MS).row())
    print(Figure("login, unknown user", median(miss), "wrong password, real user",
                 median(bad), goal_ratio=SAME_TIME_RATIO).row())


if __name__ == "__main__":
    main()
