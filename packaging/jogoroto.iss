; Inno Setup script: the Windows installer of Jogoroto Desktop.
;
; Build the program first (PyInstaller, one folder: dist\jogoroto), then, from the repository:
;   iscc /DAppVersion=0.1.0 packaging\jogoroto.iss
; Result: dist\installer\JogorotoDesktop-Setup-0.1.0.exe (see .github/workflows/windows.yml).
;
; The office's data is NOT in the program folder: the database (jogoroto.db), its backups,
; scans, the window settings and the logs live in the user data folder
;   %LOCALAPPDATA%\JogorotoDesktop        (e.g. C:\Users\<nama>\AppData\Local\JogorotoDesktop)
; which the installer never writes and the uninstaller never removes. Uninstalling and
; installing a newer version keeps every register; delete that folder by hand only to start over.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Jogoroto Desktop"
#define AppExe "jogoroto.exe"

[Setup]
; The AppId identifies the program across versions (upgrades replace it); never change it.
AppId={{2DF32088-2B83-4410-8BFA-D764A82AE167}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Kecamatan Jogoroto, Kabupaten Jombang
AppComments=SOP Kecamatan Jogoroto: register surat, layanan dan diagram alir SOP
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights; an administrator may choose
; "all users" in the first dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SourceDir=..
OutputDir=dist\installer
OutputBaseFilename=JogorotoDesktop-Setup-{#AppVersion}
SetupIconFile=resources\icons\jogoroto.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running copy is closed (and reopened) through the Windows Restart Manager.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DesktopIcon=Buat ikon di &Desktop
english.IconsGroup=Ikon tambahan:
english.LaunchProgram=Jalankan {#AppName} sekarang
english.UninstallProgram=Hapus {#AppName}

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:IconsGroup}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: both executables and _internal\ (Qt, Python, resources).
Source: "dist\jogoroto\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that a newer one no longer ships (never the data folder).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:UninstallProgram}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: uninstalling removes only what was installed in {app}; the user data
; folder %LOCALAPPDATA%\JogorotoDesktop (database, backups, scans, logs) stays.
