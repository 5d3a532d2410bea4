"""`python -m jogoroto_desktop`, and the `jogoroto` / `jogoroto-cli` entry points."""

from __future__ import annotations

import sys


def main() -> int:
    from jogoroto_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
