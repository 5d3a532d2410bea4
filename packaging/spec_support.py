"""What the PyInstaller spec (packaging/jogoroto.spec) needs to know about the source tree:
the data files to ship, the modules to leave out, and the Windows version resource.

Kept apart from the spec so the tests can check it without PyInstaller (tests/test_packaging.py):
every data file in resources/ must be shipped, and resolve in the frozen build through
jogoroto_desktop.storage.paths (sys._MEIPASS/resources/...).
"""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = REPO_ROOT / "resources"
APP_INIT = REPO_ROOT / "jogoroto_desktop" / "__init__.py"

# Kinds of data file the program reads from resources/ (SOP files, the classification table,
# fonts and their metrics, icons, licence texts). A new kind must be added here on purpose;
# the packaging test fails until it is.
DATA_SUFFIXES = (".toml", ".csv", ".json", ".ttf", ".txt", ".png", ".ico", ".svg")
NOT_DATA = {"__init__.py", "__pycache__"}

# Top-level packages of the program (DESIGN.md section 4); every one must be in the build.
PACKAGES = ("jogoroto_desktop", "ui", "models", "printing", "resources")

# Imported only by name at run time, so PyInstaller's import scan may miss them.
HIDDEN_IMPORTS = (
    "psycopg2",  # office-network mode: peewee loads the driver when it is installed
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    # The icons are SVG (ui/icons.py): Qt6Svg and its iconengines/imageformats plugins.
    "PySide6.QtSvg",
    # The QR signatures (Ed25519): cryptography's compiled Rust extension, which its own
    # modules load from inside the package; named so a build without the contrib hooks has it.
    "cryptography.hazmat.bindings._rust",
    # SOP export (jogoroto_desktop.sop.exchange), imported only when a file is written.
    "tomli_w",
)

# Standard-library and Qt parts the program never uses: smaller download, fewer files for a
# virus scanner to read on every start.
EXCLUDES = (
    "tkinter", "_tkinter", "pydoc", "pydoc_data", "lib2to3", "doctest", "test", "idlelib",
    "xmlrpc", "curses",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuick3D",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel",
    "PySide6.QtWebSockets", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning",
    "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvgWidgets",
    "PySide6.QtTextToSpeech", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
    "PySide6.QtStateMachine", "PySide6.QtSpatialAudio", "PySide6.QtHttpServer",
    "PySide6.QtNetworkAuth", "PySide6.QtAxContainer",
)


# Parts of the Qt runtime that PyInstaller's Qt hooks collect but the program never loads: the
# virtual-keyboard input plugin drags in Qt Quick and QML (about 20 MB), and Qt's own
# translations are unused (the program writes its texts in Indonesian and loads no QTranslator).
UNWANTED_QT_NAMES = ("qtvirtualkeyboard", "qt6virtualkeyboard", "qt6quick", "qt6qml")


def unwanted(destination: str) -> bool:
    """Whether a collected file (its path inside the build) should be left out."""
    parts = Path(destination.replace("\\", "/")).parts
    name = parts[-1].lower() if parts else ""
    if parts and parts[0] == "PySide6" and "translations" in parts:
        return True
    return any(unused in name for unused in UNWANTED_QT_NAMES)


def resource_files(root: Path = RESOURCES) -> list[Path]:
    """Every file under resources/ that is not Python code, whatever its kind."""
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and not NOT_DATA.intersection(path.relative_to(root).parts)
        and path.suffix != ".pyc"
    )


def data_files(root: Path = RESOURCES) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for Analysis(datas=...): each resource keeps its
    place under resources/, which is where jogoroto_desktop.storage.paths looks in a frozen
    build."""
    pairs = []
    for path in resource_files(root):
        if path.suffix.lower() in DATA_SUFFIXES:
            destination = Path("resources") / path.parent.relative_to(root)
            pairs.append((str(path), destination.as_posix()))
    return pairs


def app_version(init_file: Path = APP_INIT) -> str:
    match = re.search(r'^__version__ = "([^"]+)"', init_file.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ValueError(f"no __version__ in {init_file}")
    return match.group(1)


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """"0.1.0" -> (0, 1, 0, 0): the four numbers of a Windows version resource."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_strings(version: str) -> dict[str, str]:
    """The text fields Windows shows under Properties > Details of the executable."""
    return {
        "CompanyName": "Kecamatan Jogoroto, Kabupaten Jombang",
        "FileDescription": "Jogoroto Desktop: SOP Kecamatan Jogoroto",
        "FileVersion": version,
        "InternalName": "jogoroto",
        "LegalCopyright": "Tim Jogoroto Desktop (MIT)",
        "OriginalFilename": "jogoroto.exe",
        "ProductName": "Jogoroto Desktop",
        "ProductVersion": version,
    }


def windows_version_info_text(version: str) -> str:
    """The Windows version resource in PyInstaller's text format (the one `pyi-grab_version`
    writes and EXE(version=FILE) reads), made from __version__ so it never drifts from the
    program's own number. Language 0421 (Indonesian), Unicode code page 1200."""
    numbers = version_numbers(version)
    strings = ",\n".join(
        f"          StringStruct({key!r}, {value!r})"
        for key, value in version_strings(version).items()
    )
    return f"""# Generated by packaging/spec_support.py from jogoroto_desktop.__version__.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '042104B0',
        [
{strings}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0421, 1200])])
  ]
)
"""


def write_windows_version_info(target: Path, version: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(windows_version_info_text(version), encoding="utf-8")
    return target
