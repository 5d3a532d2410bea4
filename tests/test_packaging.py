"""The frozen build's recipe, checked without building it (packaging/build_linux.sh builds it
and runs packaging/smoke_test.py; that takes about a minute and is not part of the test run).

- every data file of resources/ is shipped, at the place jogoroto_desktop.storage.paths looks for it
  in a frozen build (sys._MEIPASS/resources/...): a frozen layout made from the spec's data list
  really loads the catalog, the fonts' metrics, the classification table and the icon;
- the installed (pip) package ships them too;
- the Qt files the spec leaves out are not ones the program needs;
- the smoke test fails on a non-zero exit and on any stderr output;
- the icon files are real PNG and ICO images.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import shutil
import struct
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGING = REPO_ROOT / "packaging"


def _load(name: str) -> ModuleType:
    # packaging/ is not a Python package (its name would shadow PyPI's `packaging`).
    spec = importlib.util.spec_from_file_location(f"jogoroto_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


spec_support = _load("spec_support")
smoke = _load("smoke_test")


def _shipped(pairs: list[tuple[str, str]]) -> set[str]:
    """Paths inside the build of the data files of Analysis(datas=pairs)."""
    return {f"{destination}/{Path(source).name}" for source, destination in pairs}


def test_every_resource_file_is_shipped_in_its_place() -> None:
    files = spec_support.resource_files()
    assert len(files) >= 34 + 5  # the SOP files, fonts, metrics, table, icons
    expected = {f"resources/{p.relative_to(spec_support.RESOURCES).as_posix()}" for p in files}
    assert _shipped(spec_support.data_files()) == expected
    for needed in ("resources/klasifikasi.csv", "resources/fonts/metrics.json",
                   "resources/fonts/LiberationSans-Regular.ttf", "resources/sops/renja.toml",
                   "resources/icons/jogoroto.ico", "resources/icons/jogoroto.png"):
        assert needed in expected


def test_a_new_kind_of_data_file_is_noticed(tmp_path: Path) -> None:
    """A file of a kind the spec does not know is not shipped, so the test above would fail."""
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "a.toml").write_text("id = 'a'\n")
    (tmp_path / "template.xlsx").write_bytes(b"PK")
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")
    files = {p.name for p in spec_support.resource_files(tmp_path)}
    assert files == {"a.toml", "template.xlsx"}
    assert _shipped(spec_support.data_files(tmp_path)) == {"resources/sops/a.toml"}


def test_frozen_layout_resolves_every_resource(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy the data files as PyInstaller would (to _MEIPASS/<destination>), point sys._MEIPASS
    there and load what the program loads."""
    from jogoroto_desktop import textmetrics
    from jogoroto_desktop.registers.surat import klasifikasi_table
    from jogoroto_desktop.sop import catalog
    from jogoroto_desktop.storage import paths

    frozen = tmp_path / "_internal"
    for source, destination in spec_support.data_files():
        (frozen / destination).mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, frozen / destination)
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    textmetrics.face_metrics.cache_clear()
    klasifikasi_table.cache_clear()
    try:
        assert paths.resources_dir() == frozen / "resources"
        loaded = catalog.load_catalog(catalog.sops_dir())
        assert len(loaded) == 34
        assert textmetrics.face_metrics("bold").ascent > 0
        assert Path(textmetrics.font_path("regular")).is_file()
        assert klasifikasi_table()["005"]
        assert paths.resource_path("icons", "jogoroto.ico").is_file()
    finally:
        textmetrics.face_metrics.cache_clear()
        klasifikasi_table.cache_clear()


def test_pip_install_ships_every_resource_file_too() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    packages = set(setuptools["packages"])
    package_data = setuptools["package-data"]
    for path in spec_support.resource_files():
        relative = path.relative_to(REPO_ROOT)
        package = ".".join(relative.parent.parts)
        assert package in packages, f"{relative}: package {package} is not listed"
        assert (REPO_ROOT / relative.parent / "__init__.py").is_file(), package
        patterns = package_data.get(package, [])
        assert any(fnmatch.fnmatch(path.name, p) for p in patterns), (
            f"{relative} is not in [tool.setuptools.package-data] {package}")
    for package in spec_support.PACKAGES:
        assert package in packages


def test_build_extra_has_pyinstaller_and_not_the_test_extra() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = config["project"]["optional-dependencies"]
    assert any(d.startswith("pyinstaller") for d in extras["build"])
    assert any(d.startswith("psycopg2") for d in extras["build"])  # office-server mode
    assert not any(d.startswith("pyinstaller") for d in extras["test"])


def test_the_qr_signatures_library_is_installed_shipped_and_smoke_tested() -> None:
    """Ed25519 QR signatures need `cryptography` everywhere the program runs: a dependency
    of the package, its compiled part named for the frozen build, and the smoke test signs
    a form and verifies its code with the exported public key and with the database."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(d.startswith("cryptography") for d in config["project"]["dependencies"])
    assert "cryptography.hazmat.bindings._rust" in spec_support.HIDDEN_IMPORTS
    smoke_text = (PACKAGING / "smoke_test.py").read_text(encoding="utf-8")
    assert '"kunci", "ekspor"' in smoke_text and '"verify", "--kunci"' in smoke_text


def test_spec_builds_both_executables_from_the_shared_lists() -> None:
    text = (PACKAGING / "jogoroto.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)  # a spec is Python
    calls = {node.func.id for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= calls
    for needed in ("spec_support.data_files()", "spec_support.unwanted", "spec_support.EXCLUDES",
                   '"jogoroto", console=False', '"jogoroto-cli", console=True',
                   "jogoroto_desktop\" / \"__main__.py\""):
        assert needed in text, needed


@pytest.mark.parametrize("destination", [
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6PdfWidgets.so.6", "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6", "PySide6/Qt6Pdf.dll", "PySide6/Qt6Widgets.dll",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/plugins/printsupport/windowsprintersupport.dll",
    "PySide6/plugins/imageformats/qjpeg.dll", "resources/sops/renja.toml",
    "resources/icons/jogoroto.png", "resources/icons/inbox.svg",
    "resources/icons/TABLER-LICENSE.txt", "PySide6/Qt6Svg.dll",
    "PySide6/plugins/iconengines/qsvgicon.dll", "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
])
def test_files_the_program_needs_are_kept(destination: str) -> None:
    assert not spec_support.unwanted(destination)


@pytest.mark.parametrize("destination", [
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6\\translations\\qt_fr.qm",
    "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt6Qml.dll", "PySide6/Qt6QmlModels.dll",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
])
def test_unused_qt_parts_are_left_out(destination: str) -> None:
    assert spec_support.unwanted(destination)


def test_hidden_imports_and_excludes_do_not_clash() -> None:
    assert not set(spec_support.HIDDEN_IMPORTS) & set(spec_support.EXCLUDES)
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPdf",
            "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport", "PySide6.QtNetwork",
            "PySide6.QtCharts"}
    assert not used & set(spec_support.EXCLUDES)


def test_windows_version_numbers_follow_the_program_version() -> None:
    from jogoroto_desktop import __version__

    assert spec_support.app_version() == __version__
    assert spec_support.version_numbers("0.1.0") == (0, 1, 0, 0)
    assert spec_support.version_numbers("1.2.3.4.5") == (1, 2, 3, 4)
    assert spec_support.version_numbers("2.0rc1") == (2, 0, 1, 0)
    strings = spec_support.version_strings(__version__)
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "jogoroto.exe"


def test_windows_version_resource_text_is_what_pyinstaller_reads(tmp_path: Path) -> None:
    """PyInstaller evaluates the file with its versioninfo classes; stand-ins that record their
    arguments show the structure and the values."""

    def recorder(kind: str):
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    path = spec_support.write_windows_version_info(tmp_path / "v" / "version_info.txt", "1.2.3")
    info = eval(path.read_text(encoding="utf-8"), {n: recorder(n) for n in names})  # noqa: S307
    assert info["kind"] == "VSVersionInfo"
    assert info["ffi"]["filevers"] == (1, 2, 3, 0) == info["ffi"]["prodvers"]
    string_file_info, var_file_info = info["kids"]
    [table] = string_file_info["args"][0]
    language, structs = table["args"]
    assert language == "042104B0"
    values = dict(struct["args"] for struct in structs)
    assert values["ProductVersion"] == "1.2.3" and values["ProductName"] == "Jogoroto Desktop"
    assert var_file_info["args"][0][0]["args"] == ("Translation", [0x0421, 1200])


def _script(tmp_path: Path, body: str) -> Path:
    """An executable that runs `body` with this Python (the smoke test runs executables)."""
    if sys.platform == "win32":
        pytest.skip("uses a shebang script")
    path = tmp_path / "fake-exe"
    path.write_text(f"#!{sys.executable}\n{body}\n")
    path.chmod(0o755)
    return path


def test_smoke_run_fails_on_any_stderr_output(tmp_path: Path) -> None:
    noisy = _script(tmp_path, "import sys; print('startup_ms=5'); print('QFont warning', "
                              "file=sys.stderr)")
    with pytest.raises(smoke.SmokeTestFailure, match="unexpected output on stderr"):
        smoke.run(noisy, [], smoke._env(tmp_path), tmp_path)


def test_smoke_run_fails_on_a_non_zero_exit(tmp_path: Path) -> None:
    failing = _script(tmp_path, "import sys; print('halo'); sys.exit(3)")
    with pytest.raises(smoke.SmokeTestFailure, match="exit 3"):
        smoke.run(failing, [], smoke._env(tmp_path), tmp_path)


def test_smoke_run_passes_clean_output_without_the_source_tree(tmp_path: Path) -> None:
    clean = _script(tmp_path, "import os; print(os.environ.get('PYTHONPATH', 'tanpa'), "
                              "os.environ['QT_QPA_PLATFORM'], os.environ['JOGOROTO_DATA_DIR'])")
    output = smoke.run(clean, [], smoke._env(tmp_path / "data"), tmp_path)
    assert output.split() == ["tanpa", "offscreen", str(tmp_path / "data")]


def test_smoke_test_reports_a_missing_build(tmp_path: Path) -> None:
    assert smoke.main([str(tmp_path / "dist")]) == 1


def test_icon_files_are_real_images() -> None:
    from PySide6.QtGui import QImage

    icons = REPO_ROOT / "resources" / "icons"
    image = QImage(str(icons / "jogoroto.png"))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(128, 20).alpha() == 255  # the tile is opaque...
    assert image.pixelColor(1, 1).alpha() == 0  # ...its rounded corner transparent
    data = (icons / "jogoroto.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        sizes.add(width or 256)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
    assert {16, 32, 48, 256} <= sizes


def test_installer_script_ships_the_build_and_keeps_the_data_folder() -> None:
    from jogoroto_desktop import APP_ID

    text = (PACKAGING / "jogoroto.iss").read_text(encoding="utf-8")
    sections = {line.strip() for line in text.splitlines() if line.startswith("[")}
    assert {"[Setup]", "[Files]", "[Icons]", "[Tasks]"} <= sections
    assert "[UninstallDelete]" not in sections  # nothing beyond the installed files goes
    assert 'Source: "dist\\jogoroto\\*"' in text and "recursesubdirs" in text
    assert '#define AppExe "jogoroto.exe"' in text  # the windowed executable of the spec
    assert "{autoprograms}\\{#AppName}" in text  # Start-menu shortcut
    assert "Tasks: desktopicon" in text and "Flags: unchecked" in text  # optional desktop icon
    assert f"%LOCALAPPDATA%\\{APP_ID}" in text  # where the data stays, for the reader
    assert (REPO_ROOT / "resources" / "icons" / "jogoroto.ico").is_file()
    assert "SetupIconFile=resources\\icons\\jogoroto.ico" in text and "SourceDir=.." in text


def test_windows_workflow_builds_smoke_tests_and_packs_the_installer() -> None:
    import yaml
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "windows.yml").read_text())
    job = workflow["jobs"]["installer"]
    assert job["runs-on"] == "windows-latest"
    steps = job["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    commands = "\n".join(s.get("run", "") for s in steps)
    assert 'pip install ".[build]"' in commands
    assert "packaging/jogoroto.spec" in commands
    assert commands.count("packaging/smoke_test.py") == 2  # the build, then the installed copy
    assert "ISCC.exe" in commands and "packaging\\jogoroto.iss" in commands
    assert "unins000.exe" in commands
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
