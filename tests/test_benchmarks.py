"""The benchmark suite's plumbing: discovery by convention, the table, the memory probe.

No timing is asserted here; the figures themselves come from `python benchmarks/run.py`.
"""

from __future__ import annotations

import datetime as dt
import struct
import sys
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.common import TABLE_HEADER, Figure

WHEN = dt.datetime(2026, 1, 4, 9, 30)


def _outcomes() -> list[run.Outcome]:
    return [
        run.Outcome("startup", [Figure("start-up", 300.0, "bare window", 200.0, goal_ratio=1.5)]),
        run.Outcome("memory", [Figure("peak memory", 120.0, "bare window", 50.0, goal_ms=300.0,
                                      unit="MB")]),
        run.Outcome("cli", [Figure("sop list", 150.0, "python -c pass", 70.0)]),
        run.Outcome("broken", [], "exit 1: ZeroDivisionError"),
    ]


def test_discover_finds_scripts_with_figures_only(tmp_path: Path) -> None:
    (tmp_path / "with_figures.py").write_text("def figures():\n    return []\n")
    (tmp_path / "helper.py").write_text("def measure():\n    return []\n")
    (tmp_path / "nested.py").write_text("def main():\n    def figures():\n        pass\n")
    (tmp_path / "_private.py").write_text("def figures():\n    return []\n")
    (tmp_path / "run.py").write_text("def figures():\n    return []\n")
    assert run.discover(tmp_path) == ["with_figures"]


def test_scripts_printing_table_rows_are_found_too(tmp_path: Path) -> None:
    (tmp_path / "native.py").write_text("def figures():\n    return []\n")
    (tmp_path / "printer.py").write_text(
        "from benchmarks.common import TABLE_HEADER\n"
        "def main():\n    print(TABLE_HEADER)\n    print(figure.row())\n")
    (tmp_path / "prose.py").write_text("def main():\n    print('no table')\n")
    assert run.discover(tmp_path) == ["native", "printer"]
    assert run.table_scripts(tmp_path) == {"printer"}


def test_rows_printed_by_a_script_read_back_as_figures() -> None:
    printed = [
        Figure("rekap bulanan (1,234 permohonan)", 12.3, "GROUP BY: sqlite3", 4.5,
               goal_ratio=2.0, goal_ms=100.0),
        Figure("peak memory", 120.5, "bare window", 50.25, goal_ms=300.0, unit="MB"),
        Figure("sop list", 150.0, "python -c pass", 70.0),
    ]
    output = "1000 permohonan dibuat\n" + "\n".join(
        [TABLE_HEADER]
        + [figure.row() for figure in printed])
    parsed = run.parse_rows(output)
    assert [f.row() for f in parsed] == [f.row() for f in printed]
    assert parsed[0].baseline_name == "GROUP BY: sqlite3" and parsed[0].goal_ratio == 2.0
    assert parsed[1].unit == "MB" and parsed[1].goal_ms == 300.0


def test_discover_in_repository_names_every_known_benchmark() -> None:
    names = run.discover()
    for expected in ("startup", "memory", "agenda", "agenda_page", "forms", "flowchart",
                     "sop_pdf", "cli_sop_list", "overview", "rekap", "network", "numbering"):
        assert expected in names
    assert "common" not in names and "bare_window" not in names


def test_select_by_exact_name_or_part() -> None:
    names = ["agenda", "agenda_page", "memory", "startup"]
    assert run.select(names, []) == names
    assert run.select(names, ["agenda"]) == ["agenda"]  # exact wins over "agenda_page"
    assert run.select(names, ["page", "mem"]) == ["agenda_page", "memory"]
    with pytest.raises(SystemExit, match="no benchmark matches"):
        run.select(names, ["rekap"])


def test_markdown_table_has_every_column_and_the_machine() -> None:
    text = run.format_table(_outcomes(), "Test CPU, 2 cores", markdown=True, when=WHEN)
    lines = text.splitlines()
    assert lines[0] == "Machine: Test CPU, 2 cores"
    assert lines[1] == "Run: 2026-01-04 09:30"
    assert lines[3] == "| figure | value | baseline (same run) | ratio | goal | met |"
    assert "| start-up | 300.0 ms | bare window: 200.0 ms | 1.50x | <= 1.5x | ya |" in lines
    assert ("| peak memory | 120.0 MB | bare window: 50.0 MB | 2.40x | <= 300 MB | ya |"
            in lines)
    assert "| sop list | 150.0 ms | python -c pass: 70.0 ms | 2.14x | - | - |" in lines
    assert "| broken: GAGAL (exit 1: ZeroDivisionError) | - | - | - | - | TIDAK |" in lines
    assert all(line.count("|") == 7 for line in lines[3:])


def test_plain_table_is_aligned() -> None:
    text = run.format_table(_outcomes(), "Test CPU", markdown=False, when=WHEN)
    table = text.splitlines()[3:]
    assert table[0].split()[:2] == ["figure", "value"]
    value_column = table[0].index("value")
    assert all(line[value_column - 2:value_column] == "  " for line in table[2:])
    assert table[3].startswith("peak memory") and "120.0 MB" in table[3]


def test_goal_not_met_and_failures_are_named_in_the_summary() -> None:
    slow = run.Outcome("startup", [Figure("start-up", 400.0, "bare", 200.0, goal_ratio=1.5)])
    assert slow.figures[0].met == "TIDAK"
    text = run.summary([slow, *_outcomes()])
    assert text == ("2 of 3 goals met; NOT met: start-up; scripts failed: broken.")


def test_machine_description_names_python_and_pyside() -> None:
    text = run.machine_description()
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in text
    assert "PySide6 6." in text and "cores" in text


def test_memory_probe_opens_the_agenda_page_with_letters() -> None:
    """The memory benchmark at a small size: the probe processes really build the window, open
    the agenda page and report a peak larger than the bare window's."""
    from benchmarks import memory

    [figure] = memory.figures(letters=300)
    assert figure.unit == "MB"
    assert 20 < figure.baseline_ms < figure.value_ms < 1000


# --- the office-network benchmark (benchmarks/network.py) -------------------------------------


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!i", 4 + len(body)) + body


def test_frontend_counter_counts_the_messages_a_client_waits_on() -> None:
    from benchmarks.network import FrontendCounter

    counted: list[int] = []
    counter = FrontendCounter(lambda: counted.append(1))
    startup = struct.pack("!ii", 8, 80877103)  # SSLRequest: answered with one byte
    params = b"user\x00jogoroto\x00\x00"
    startup += struct.pack("!ii", 8 + len(params), 196608) + params
    stream = (startup + _message(b"p", b"SCRAM") + _message(b"Q", b"BEGIN\x00")
              + _message(b"Q", b"SELECT 1\x00") + _message(b"P", b"\x00SELECT 2\x00\x00\x00")
              + _message(b"B", b"\x00" * 8) + _message(b"E", b"\x00" * 5)
              + _message(b"S", b"") + _message(b"X", b""))
    for start in range(0, len(stream), 3):  # messages split across chunks
        counter.feed(stream[start:start + 3])
    # SSLRequest, StartupMessage, password, two queries, one Sync; not Parse/Bind/Execute/X.
    assert len(counted) == 6


@pytest.mark.postgres
def test_proxy_delays_and_counts_round_trips() -> None:
    """3 statements through a 5 ms proxy take at least 15 ms and count 3."""
    import os
    import time
    from urllib.parse import urlsplit

    import psycopg2

    from benchmarks.network import DelayProxy, with_database

    url = os.environ.get("JOGOROTO_TEST_PG_URL")
    if not url:
        pytest.skip("JOGOROTO_TEST_PG_URL tidak diset")
    server = urlsplit(url)
    with DelayProxy((server.hostname or "localhost", server.port or 5432), rtt_ms=5) as proxy:
        conn = psycopg2.connect(with_database(url, server.path.lstrip("/"), "127.0.0.1",
                                              proxy.port, query="sslmode=disable"))
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                proxy.reset()
                started = time.perf_counter()
                for number in range(3):
                    cursor.execute("SELECT %s", (number,))
                    assert cursor.fetchone() == (number,)
                elapsed_ms = (time.perf_counter() - started) * 1000
        finally:
            conn.close()
    assert proxy.round_trips == 3
    assert elapsed_ms >= 15


@pytest.mark.postgres
def test_network_benchmark_runs_in_quick_mode() -> None:
    """The whole script at 1,000 letters: every page and action gets a row."""
    import os
    import subprocess

    if not os.environ.get("JOGOROTO_TEST_PG_URL"):
        pytest.skip("JOGOROTO_TEST_PG_URL tidak diset")
    from benchmarks.common import REPO_ROOT, quiet_env

    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "network.py"), "--quick"],
        env=quiet_env(Path(os.environ["JOGOROTO_DATA_DIR"])), cwd=REPO_ROOT,
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| buka ")]
    assert len(rows) >= 11, result.stdout
    assert "| masuk (login) |" in result.stdout and "goals met" in result.stdout


def test_numbering_benchmark_runs_with_few_letters() -> None:
    from benchmarks import numbering

    (figure,) = numbering.figures(letters_each=5)
    assert figure.unit == "ms/number" and figure.value_ms > 0 and figure.baseline_ms > 0
    assert figure.goal_ms == 5.0
