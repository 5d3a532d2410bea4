"""The fields (isian) a letter template may use: one registry, with the Indonesian description
the template management window and `jogoroto-cli naskah isian` show.

A field is written in the template as ``{{ nama }}``. Most come from the records (the request's
pemohon, the office's kop and officials, the letter's number and date); a few are typed in at
"Buat Surat" (``diisi``: the things the program does not record, such as the pemohon's
pekerjaan or the place of a wedding). A template naming a field not in this registry is
refused when it is added, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

TEKS = "teks"  # one line of text
TANGGAL = "tanggal"  # typed as a date, written in words with the weekday
DAFTAR = "daftar"  # lines: loop with {%p for x in ... %}
PARAGRAF = "paragraf"  # paragraphs typed with blank lines between them: loop like DAFTAR
GAMBAR = "gambar"  # an image (the QR code, the kop logo)

KELOMPOK: dict[str, str] = {
    "pemohon": "Pemohon (dari permohonan layanan)",
    "permohonan": "Permohonan layanan",
    "kantor": "Kantor (Pengaturan)",
    "surat": "Surat",
    "penandatangan": "Penanda tangan",
    "diisi": "Diisi saat membuat surat",
}


@dataclass(frozen=True)
class Isian:
    nama: str  # as written in the template: {{ nama }}
    label: str  # what it is, in Indonesian
    kelompok: str  # key of KELOMPOK
    jenis: str = TEKS
    #: Typed in at "Buat Surat" (the program does not record it).
    diisi: bool = False
    #: An empty value refuses the letter (naming the field) when the template uses it.
    wajib: bool = True
    contoh: str = ""

    @property
    def tag(self) -> str:
        return "{{ " + self.nama + " }}"


_ISIAN: tuple[Isian, ...] = (
    # pemohon
    Isian("nama", "Nama pemohon", "pemohon", contoh="Siti Aminah"),
    Isian("nik", "NIK pemohon (16 angka)", "pemohon", contoh="3517124506900002"),
    Isian("tanggal_lahir", "Tanggal lahir pemohon (dari NIK), dalam kata", "pemohon",
          contoh="5 Juni 1990"),
    Isian("jenis_kelamin", "Jenis kelamin pemohon (dari NIK)", "pemohon", contoh="Perempuan"),
    Isian("umur", "Umur pemohon dalam tahun pada tanggal surat (dari NIK)", "pemohon",
          contoh="36"),
    Isian("alamat", "Alamat pemohon", "pemohon", contoh="Dusun Jogoroto RT 01 RW 02"),
    Isian("desa", "Desa pemohon", "pemohon", contoh="Sumbermulyo"),
    Isian("tempat_lahir", "Tempat lahir pemohon", "diisi", diisi=True, contoh="Jombang"),
    Isian("agama", "Agama pemohon", "diisi", diisi=True, contoh="Islam"),
    Isian("pekerjaan", "Pekerjaan pemohon", "diisi", diisi=True, contoh="Wiraswasta"),
    # permohonan
    Isian("layanan", "Nama layanan (dari SOP)", "permohonan",
          contoh="Pelayanan Rekomendasi SKCK"),
    Isian("nomor_register", "Nomor register permohonan", "permohonan",
          contoh="rekomendasi-skck/12/2026"),
    Isian("nomor_tanda_terima", "Nomor tanda terima permohonan", "permohonan",
          contoh="TT-27/2026"),
    Isian("keperluan", "Keperluan yang ditulis pada permohonan", "permohonan",
          contoh="melamar pekerjaan"),
    Isian("tanggal_permohonan", "Tanggal permohonan diterima, dalam kata", "permohonan",
          contoh="1 Desember 2026"),
    # kantor
    Isian("kop_pemerintah", "Baris pemerintah pada kop", "kantor",
          contoh="PEMERINTAH KABUPATEN JOMBANG"),
    Isian("kop_instansi", "Nama instansi pada kop", "kantor", contoh="KECAMATAN JOGOROTO"),
    Isian("kop_alamat", "Alamat kantor pada kop", "kantor", wajib=False,
          contoh="Jln. Raya Jogoroto No. 01"),
    Isian("kop_telepon", "Telepon/surel kantor pada kop", "kantor", wajib=False,
          contoh="Telp. 0321-864403"),
    Isian("logo", "Logo kop (gambar; kosong bila belum dipasang)", "kantor", jenis=GAMBAR,
          wajib=False),
    Isian("kecamatan", "Nama kecamatan (dari kop)", "kantor", contoh="Jogoroto"),
    Isian("kabupaten", "Nama kabupaten (dari kop)", "kantor", contoh="Jombang"),
    Isian("tempat", "Tempat penandatanganan (Pengaturan > Kop Surat)", "kantor",
          contoh="Jogoroto"),
    Isian("kode_unit", "Kode unit pada nomor surat", "kantor", contoh="415.67"),
    Isian("camat_nama", "Nama Camat", "kantor"),
    Isian("camat_pangkat", "Pangkat Camat", "kantor"),
    Isian("camat_nip", "NIP Camat", "kantor"),
    Isian("sekcam_nama", "Nama Sekretaris Camat", "kantor"),
    Isian("sekcam_pangkat", "Pangkat Sekretaris Camat", "kantor"),
    Isian("sekcam_nip", "NIP Sekretaris Camat", "kantor"),
    # surat
    Isian("judul", "Judul templat (nama surat)", "surat", contoh="Rekomendasi SKCK"),
    Isian("nomor", "Nomor surat (dari Agenda Surat Keluar)", "surat",
          contoh="331/12/415.67/2026"),
    Isian("tanggal", "Tanggal surat, dalam kata", "surat", contoh="6 Desember 2026"),
    Isian("tahun", "Tahun surat", "surat", contoh="2026"),
    Isian("klasifikasi", "Kode klasifikasi arsip", "surat", contoh="331"),
    Isian("sifat", "Sifat surat", "surat", contoh="Biasa"),
    Isian("lampiran", "Lampiran (\u201c-\u201d bila tidak ada)", "surat", contoh="-"),
    Isian("hal", "Hal (perihal) surat", "surat", contoh="Rekomendasi SKCK"),
    Isian("kepada", "Tujuan surat (Yth. ...)", "surat",
          contoh="Kepala Kepolisian Sektor Jogoroto"),
    Isian("di", "Tempat tujuan surat (di ...)", "surat", wajib=False, contoh="Jogoroto"),
    Isian("tembusan", "Tembusan, satu per baris", "surat", jenis=DAFTAR, wajib=False),
    Isian("qr", "Kode QR bertanda tangan elektronik (gambar)", "surat", jenis=GAMBAR),
    Isian("qr_kode", "Isi kode QR (teks)", "surat"),
    # penandatangan
    Isian("ttd_jabatan", "Baris jabatan penanda tangan (a.n./u.b. bila bukan Camat)",
          "penandatangan", jenis=DAFTAR, contoh="CAMAT JOGOROTO,"),
    Isian("ttd_nama", "Nama penanda tangan", "penandatangan"),
    Isian("ttd_pangkat", "Pangkat penanda tangan", "penandatangan"),
    Isian("ttd_nip", "NIP penanda tangan", "penandatangan"),
    # typed in at "Buat Surat"
    Isian("isi", "Isi surat, paragraf dipisah baris kosong", "diisi", jenis=PARAGRAF,
          diisi=True),
    Isian("pasangan_nama", "Nama calon pasangan", "diisi", diisi=True),
    Isian("pasangan_alamat", "Alamat calon pasangan", "diisi", diisi=True),
    Isian("tanggal_nikah", "Hari dan tanggal akad nikah", "diisi", jenis=TANGGAL, diisi=True),
    Isian("tempat_nikah", "Tempat akad nikah", "diisi", diisi=True),
    Isian("lokasi", "Lokasi (bangunan, usaha, pohon, menara, reklame)", "diisi", diisi=True),
    Isian("nama_usaha", "Nama usaha atau perusahaan", "diisi", diisi=True),
    Isian("uraian", "Uraian yang dimohon (bangunan, usaha, reklame, pohon)", "diisi",
          diisi=True),
    Isian("jangka_waktu", "Jangka waktu berlaku", "diisi", diisi=True),
    Isian("acara", "Nama acara atau kegiatan", "diisi", diisi=True),
    Isian("tanggal_acara", "Hari dan tanggal acara", "diisi", jenis=TANGGAL, diisi=True),
    Isian("waktu_acara", "Waktu (pukul) acara", "diisi", diisi=True),
    Isian("tempat_acara", "Tempat acara", "diisi", diisi=True),
    Isian("nama_lembaga", "Nama lembaga pengusul", "diisi", diisi=True),
    Isian("dokumen", "Dokumen yang dilegalisir", "diisi", diisi=True),
    Isian("dasar", "Dasar surat tugas, satu per baris", "diisi", jenis=DAFTAR, diisi=True),
    Isian("yang_ditugaskan", "Yang ditugaskan (nama, NIP, jabatan), satu per baris", "diisi",
          jenis=DAFTAR, diisi=True),
    Isian("dari", "Dari (nota dinas)", "diisi", diisi=True),
)

ISIAN: dict[str, Isian] = {isian.nama: isian for isian in _ISIAN}
assert len(ISIAN) == len(_ISIAN), "a field is registered twice"


def isian_dikenal(nama: str) -> Isian | None:
    return ISIAN.get(nama)
