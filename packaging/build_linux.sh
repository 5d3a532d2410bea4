#!/usr/bin/env bash
# Build the one-folder frozen program with PyInstaller in a virtual environment of its own, then
# smoke-test the result (packaging/smoke_test.py). Output: dist/jogoroto/ (jogoroto, jogoroto-cli).
#
#   bash packaging/build_linux.sh            # build and smoke-test
#   JOGOROTO_BUILD_VENV=/path bash ...       # another venv folder (default: build/venv)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${JOGOROTO_BUILD_VENV:-build/venv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
# The program's dependencies and PyInstaller (the `build` extra); the program itself is
# collected from this source tree.
"$venv/bin/python" -m pip install -q ".[build]"

rm -rf dist/jogoroto build/pyinstaller
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/jogoroto.spec

du -sh dist/jogoroto
"$venv/bin/python" packaging/smoke_test.py dist/jogoroto
