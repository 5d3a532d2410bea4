"""`python -m jogoroto_desktop`, and the `jogoroto` / `jogoroto-cli` entry points."""

from __future__ import annotations

import gc
import sys


def main() -> int:
    # Start-up creates a few hundred thousand long-lived objects (the Qt bindings and their
    # enums, our modules, the catalog): cyclic garbage collection passes over them before the
    # window shows are wasted work (10-20 ms of the start-up profile). Collection is switched
    # back on at the first paint (jogoroto_desktop.gui) or before a command runs (cli).
    gc.disable()
    from jogoroto_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
