"""`python -m jogoroto_desktop`, and the `jogoroto` / `jogoroto-cli` entry points."""

from __future__ import annotations

import gc
import sys
import time


def main() -> int:
    started = time.perf_counter()
    # Start-up creates a few hundred thousand long-lived objects (the Qt bindings and their
    # enums, our modules, the catalog): cyclic garbage collection passes over them before the
    # window shows are wasted work (10-20 ms of the start-up profile). Collection is switched
    # back on at the first paint (jogoroto_desktop.gui) or before a command runs (cli).
    gc.disable()
    from jogoroto_desktop.gui import launch_window

    # The window does not need the command line module (every subcommand and its imports).
    result = launch_window(sys.argv[1:], started)
    if result is not None:
        return result
    from jogoroto_desktop.cli.main import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
