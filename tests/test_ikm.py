"""The satisfaction survey (IKM): the formula and grade boundaries, entering responses (one per
collected request), refusals that write nothing, the rekap and its breakdowns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers import ikm
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.validation import ValidationError
from models import Audit, IkmRespons
from tests.helpers import collected_request

pytestmark = pytest.mark.usefixtures("database")

DAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 9, 0)


def collected(sop_id: str = "legalisir", when: dt.datetime = NOW) -> models.Permohonan:
    return collected_request(sop_id, when)


def answer(p: models.Permohonan, nilai, **extra) -> int:
    extra.setdefault("now", p.diambil_pada + dt.timedelta(minutes=1))
    return ikm.tambah_respons(p.id, nilai, **extra)


# --- the formula -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "grade", "label"), [
    ("100", "A", "Sangat Baik"), ("88.31", "A", "Sangat Baik"), ("88.30", "B", "Baik"),
    ("76.61", "B", "Baik"), ("76.60", "C", "Kurang Baik"), ("65.00", "C", "Kurang Baik"),
    ("64.99", "D", "Tidak Baik"), ("25.00", "D", "Tidak Baik"),
])
def test_grade_boundaries_on_the_two_decimal_value(value: str, grade: str, label: str) -> None:
    assert ikm.mutu(Decimal(value)) == (grade, label)


def test_grade_is_read_after_rounding_half_up_to_two_decimals() -> None:
    assert ikm.mutu(Decimal("88.305")) == ("A", "Sangat Baik")  # 88.31
    assert ikm.mutu(Decimal("88.3049")) == ("B", "Baik")  # 88.30
    assert ikm.mutu(Fraction(7661, 100) - Fraction(1, 1000)) == ("B", "Baik")  # 76.609 -> 76.61
    assert ikm.mutu(Decimal("64.994")) == ("D", "Tidak Baik")
    assert ikm.bulatkan(Fraction(2, 3)) == Decimal("0.67")


def test_formula_on_a_hand_calculated_set() -> None:
    # Three respondents. Element sums 9, 9, 8, 12, 9, 10, 12, 6, 10; averages 3, 3, 2.6667,
    # 4, 3, 3.3333, 4, 2, 3.3333: sum 28.3333; /9 = 3.148148; x25 = 78.7037 -> 78.70, B.
    rows = [(4, 3, 3, 4, 3, 4, 4, 2, 4),
            (3, 3, 2, 4, 3, 3, 4, 2, 3),
            (2, 3, 3, 4, 3, 3, 4, 2, 3)]
    sums = [sum(col) for col in zip(*rows, strict=True)]
    value = ikm.hitung_ikm(sums, 3)
    assert value == Fraction(2125, 27)  # 85/3/9*25
    assert ikm.bulatkan(value) == Decimal("78.70")
    assert ikm.mutu(value) == ("B", "Baik")
    assert ikm.hitung_ikm(sums, 0) is None


# --- entering ----------------------------------------------------------------------------

def test_a_response_is_stored_with_profile_source_who_and_audit() -> None:
    p = collected()
    rid = answer(p, [4, 3, 4, 4, 3, 4, 4, 3, 4], jenis_kelamin="P", kelompok_umur="30-39",
                 pendidikan="SMA", pekerjaan="WIRAUSAHA", komentar="  Cepat   dan ramah ")
    row = IkmRespons.get_by_id(rid)
    assert ikm.nilai_of(row) == (4, 3, 4, 4, 3, 4, 4, 3, 4)
    assert (row.sop_id, row.sumber, row.dibuat_oleh, row.komentar, row.status) == (
        "legalisir", "loket", "Admin", "Cepat dan ramah", "aktif")
    assert ikm.profil_teks(row) == "Perempuan, 30-39 tahun, SMA/sederajat, Wirausaha"
    audit = Audit.get((Audit.tabel == "ikm_respons") & (Audit.rekaman_id == rid))
    assert audit.aksi == "buat" and "legalisir/1/2026" in audit.ringkasan


def test_kiosk_answers_need_no_login_and_are_written_by_the_respondent() -> None:
    p = collected()
    with session.acting_as(None):
        with pytest.raises(ValidationError, match="login"):
            answer(p, [3] * 9)
        rid = answer(p, [3] * 9, sumber=ikm.SUMBER_KIOS)
    assert IkmRespons.get_by_id(rid).dibuat_oleh == ikm.OLEH_KIOS


@pytest.mark.parametrize(("nilai", "message"), [
    ([4, 3, 4, 4, 3, 4, 4, 3], "tepat 9"),
    ([4] * 10, "tepat 9"),
    ([4, 3, 4, 4, 5, 4, 4, 3, 4], "U5"),
    ([0, 3, 4, 4, 3, 4, 4, 3, 4], "U1"),
    ([4, 3, 4, 4, 3, 4, 4, 3, True], "U9"),
    ([4, 3, 4, 4, 3, 4, 4, 3, 2.5], "U9"),
])
def test_bad_scores_are_refused_naming_the_field_and_nothing_is_written(nilai, message) -> None:
    p = collected()
    audits = Audit.select().count()
    with pytest.raises(ValidationError) as info:
        answer(p, nilai)
    assert message in info.value.problems["nilai"]
    assert IkmRespons.select().count() == 0 and Audit.select().count() == audits


def test_parse_nilai_reads_the_cli_form() -> None:
    assert ikm.parse_nilai("4,3,4,4,3,4,4,3,4") == (4, 3, 4, 4, 3, 4, 4, 3, 4)
    with pytest.raises(ValidationError, match="U2"):
        ikm.parse_nilai("4,x,4,4,3,4,4,3,4")


def test_unknown_profile_option_and_long_comment_are_refused() -> None:
    p = collected()
    with pytest.raises(ValidationError) as info:
        answer(p, [4] * 9, pendidikan="SMK", komentar="x" * 1001)
    assert "Pendidikan" in info.value.problems["pendidikan"]
    assert "Komentar terlalu panjang" in info.value.problems["komentar"]
    assert IkmRespons.select().count() == 0


def test_one_response_per_request_and_a_voided_one_frees_it() -> None:
    p = collected()
    first = answer(p, [4] * 9)
    with pytest.raises(ValidationError) as info:
        answer(p, [3] * 9)
    assert "satu permohonan satu jawaban" in info.value.problems["permohonan"]
    assert IkmRespons.select().count() == 1
    ikm.batalkan_respons(IkmRespons.get_by_id(first), "Salah ketik nilai")
    assert IkmRespons.get_by_id(first).status == "dibatalkan"
    second = answer(p, [3] * 9)
    assert ikm.respons_aktif(p.id).id == second


def test_the_database_itself_keeps_one_valid_response_per_request() -> None:
    p = collected()
    answer(p, [4] * 9)
    with pytest.raises(models.base.peewee.IntegrityError), models.db.atomic():
        models.db.execute_sql(
            "INSERT INTO ikm_respons (permohonan_id, sop_id, diisi_pada, u1, u2, u3, u4, u5, "
            "u6, u7, u8, u9, jenis_kelamin, kelompok_umur, pendidikan, pekerjaan, komentar, "
            "sumber, status, dibuat_oleh, dibuat_pada, diubah_pada, versi) VALUES (?, "
            "'legalisir', '2026-03-10 10:00:00', 4,4,4,4,4,4,4,4,4, '', '', '', '', '', "
            "'loket', 'aktif', 'x', '2026-03-10 10:00:00', '2026-03-10 10:00:00', 1)", (p.id,))


def test_score_range_is_checked_by_the_database_too() -> None:
    p = collected()
    with pytest.raises(models.base.peewee.IntegrityError), models.db.atomic():
        models.db.execute_sql(
            "INSERT INTO ikm_respons (permohonan_id, sop_id, diisi_pada, u1, u2, u3, u4, u5, "
            "u6, u7, u8, u9, jenis_kelamin, kelompok_umur, pendidikan, pekerjaan, komentar, "
            "sumber, status, dibuat_oleh, dibuat_pada, diubah_pada, versi) VALUES (?, "
            "'legalisir', '2026-03-10 10:00:00', 5,4,4,4,4,4,4,4,4, '', '', '', '', '', "
            "'loket', 'aktif', 'x', '2026-03-10 10:00:00', '2026-03-10 10:00:00', 1)", (p.id,))


def test_not_collected_or_voided_requests_are_refused() -> None:
    open_request = ly.daftar(ly.PermohonanInput(
        sop_id="legalisir", nama="Budi", nik="3517121503850001", alamat="Jogoroto",
        semua_syarat_ada=True), now=NOW)
    with pytest.raises(ValidationError) as info:
        ikm.tambah_respons(open_request.id, [4] * 9, now=NOW)
    assert "belum diambil" in info.value.problems["permohonan"]
    p = collected()
    ly.batalkan(p, "Salah daftar", now=p.diambil_pada + dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as info:
        answer(p, [4] * 9)
    assert "dibatalkan" in info.value.problems["permohonan"]
    with pytest.raises(ValidationError, match="tidak ada"):
        ikm.tambah_respons(99999, [4] * 9)
    assert IkmRespons.select().count() == 0


def test_staff_without_the_permission_cannot_type_responses() -> None:
    p = collected()
    with session.acting_as(session.Actor("agendaris", "Agendaris", "agendaris")), \
            pytest.raises(session.PermissionDenied):
        answer(p, [4] * 9)
    assert IkmRespons.select().count() == 0


def test_request_found_by_register_number_or_its_signed_qr() -> None:
    from jogoroto_desktop.documents import payload_for

    p = collected()
    assert ikm.cari_permohonan_survei("legalisir/1/2026").id == p.id
    code = payload_for("TT", p.tahun, p.nomor_tanda_terima)
    assert ikm.cari_permohonan_survei(code).id == p.id
    tampered = code[:-3] + ("AAA" if not code.endswith("AAA") else "BBB")
    with pytest.raises(ValidationError) as info:
        ikm.cari_permohonan_survei(tampered)
    assert info.value.problems["kunci"]


# --- the rekap ---------------------------------------------------------------------------

KNOWN = [("legalisir", (4, 3, 3, 4, 3, 4, 4, 2, 4), "P", "kurang ruang tunggu"),
         ("legalisir", (3, 3, 2, 4, 3, 3, 4, 2, 3), "L", ""),
         ("rekomendasi-skck", (2, 3, 3, 4, 3, 3, 4, 2, 3), "", "Petugas ramah")]


def known_set() -> list[models.Permohonan]:
    requests = []
    for index, (sop_id, nilai, sex, note) in enumerate(KNOWN):
        p = collected(sop_id, NOW + dt.timedelta(hours=index))
        answer(p, nilai, jenis_kelamin=sex, komentar=note)
        requests.append(p)
    return requests


def test_rekap_matches_the_hand_calculation() -> None:
    known_set()
    rekap = ikm.rekap_ikm(DAY, DAY)
    assert rekap.responden == 3
    assert rekap.ikm == 78.70 and (rekap.mutu, rekap.kinerja) == ("B", "Baik")
    assert [round(u.rata_rata, 4) for u in rekap.unsur] == [
        3.0, 3.0, 2.6667, 4.0, 3.0, 3.3333, 4.0, 2.0, 3.3333]
    assert rekap.unsur[0].nrr_tertimbang == pytest.approx(1 / 3)
    assert rekap.unsur[7].ikm == 50.0 and rekap.unsur[0].nama == "Persyaratan"
    assert rekap.profil["jenis_kelamin"] == {"Laki-laki": 1, "Perempuan": 1, "Tidak diisi": 1}
    assert sum(rekap.profil["pendidikan"].values()) == 3
    assert [k.komentar for k in rekap.komentar] == ["kurang ruang tunggu", "Petugas ramah"]
    assert rekap.komentar[1].nomor_register == "rekomendasi-skck/1/2026"
    by_service = {b.kode: b for b in rekap.per_layanan}
    # legalisir alone: sums 7,6,5,8,6,7,8,4,7 = 58 over 2 respondents: 58/2/9*25 = 80.56
    assert by_service["legalisir"].responden == 2 and by_service["legalisir"].ikm == 80.56
    assert by_service["rekomendasi-skck"].ikm == 75.0
    assert by_service["rekomendasi-skck"].mutu == "C"
    assert [(s.kode, s.responden, s.ikm) for s in rekap.per_seksi] == [
        ("sekretariat", 3, 78.70)]
    data = rekap.to_dict()
    assert data["ikm"] == 78.70 and data["mutu"] == "B" and data["responden"] == 3
    assert list(data["unsur"]) == [f"U{n}" for n in range(1, 10)]


def test_filters_voided_responses_and_empty_periods() -> None:
    known_set()
    only = ikm.rekap_ikm(DAY, DAY, layanan="legalisir")
    assert only.responden == 2 and only.ikm == 80.56 and only.cakupan == "Pelayanan Legalisir"
    assert ikm.rekap_ikm(DAY, DAY, seksi="sekretariat").responden == 3
    assert ikm.rekap_ikm(DAY, DAY, seksi="trantib").responden == 0
    voided = IkmRespons.select().where(IkmRespons.sop_id == "rekomendasi-skck").get()
    ikm.batalkan_respons(voided, "Uji coba")
    assert ikm.rekap_ikm(DAY, DAY).ikm == 80.56
    empty = ikm.rekap_ikm(DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=30))
    assert (empty.responden, empty.ikm, empty.mutu, empty.per_layanan) == (0, None, "", ())
    assert len(ikm.query_respons(DAY, DAY)) == 3
    assert len(ikm.query_respons(DAY, DAY, dengan_batal=False)) == 2


def test_period_end_before_start_and_unknown_filters_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        ikm.rekap_ikm(DAY, DAY - dt.timedelta(days=1))
    assert "tidak boleh sebelum" in info.value.problems["sampai"]
    with pytest.raises(ValidationError, match="sampai"):
        ikm.ikm_per_bulan(DAY, DAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as info:
        ikm.rekap_ikm(DAY, DAY, layanan="tidak-ada")
    assert "sop_id" in info.value.problems
    with pytest.raises(ValidationError) as info:
        ikm.rekap_ikm(DAY, DAY, seksi="tidak-ada")
    assert "seksi" in info.value.problems


def test_ikm_per_month() -> None:
    p = collected(when=dt.datetime(2026, 1, 20, 9, 0))
    answer(p, [4] * 9)
    q = collected(when=dt.datetime(2026, 3, 2, 9, 0))
    answer(q, [2] * 9)
    r = collected(when=dt.datetime(2026, 3, 3, 9, 0))
    answer(r, [3] * 9)
    months = ikm.ikm_per_bulan(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert [(m.tahun, m.bulan, m.responden, m.ikm, m.mutu) for m in months] == [
        (2026, 1, 1, 100.0, "A"), (2026, 3, 2, 62.5, "D")]
    assert months[1].unsur == (2.5,) * 9


def test_pg_rekap_and_months(pg_url: str) -> None:
    models.close_database()
    models.open_database(pg_url)
    known_set()
    assert ikm.rekap_ikm(DAY, DAY).ikm == 78.70
    assert [(m.bulan, m.responden) for m in ikm.ikm_per_bulan(DAY, DAY)] == [(3, 3)]
    p = collected(when=NOW + dt.timedelta(days=1))
    answer(p, [4] * 9)
    with pytest.raises(ValidationError, match="satu jawaban"):
        answer(p, [4] * 9)


def test_semester() -> None:
    assert ikm.semester_ini(dt.date(2026, 3, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert ikm.semester_ini(dt.date(2026, 12, 6)) == (dt.date(2026, 7, 1),
                                                      dt.date(2026, 12, 31))


def test_the_nine_elements_of_the_permen() -> None:
    assert [u.kode for u in ikm.UNSUR] == [f"U{n}" for n in range(1, 10)]
    assert [u.nama for u in ikm.UNSUR] == [
        "Persyaratan", "Sistem, mekanisme dan prosedur", "Waktu penyelesaian", "Biaya/tarif",
        "Produk spesifikasi jenis pelayanan", "Kompetensi pelaksana", "Perilaku pelaksana",
        "Penanganan pengaduan, saran dan masukan", "Sarana dan prasarana"]
