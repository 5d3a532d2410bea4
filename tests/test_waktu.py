import datetime as dt

import pytest

from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.sop.waktu import Deadline, Duration, WaktuError, parse_waktu


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("5 menit", 5), ("15 Menit", 15), ("1 hari", 1440), ("3 jam", 180), ("1 Hari", 1440)],
)
def test_durations(text: str, minutes: int) -> None:
    waktu = parse_waktu(text)
    assert isinstance(waktu, Duration)
    assert waktu.minutes == minutes
    assert waktu.as_timedelta() == dt.timedelta(minutes=minutes)


def test_deadline_relative_to_event() -> None:
    waktu = parse_waktu("2 minggu sebelum cuti")
    assert waktu == Deadline(2, "minggu", "sebelum", "cuti")
    assert waktu.due_date(dt.date(2026, 12, 21)) == dt.date(2026, 12, 7)


def test_months_before_tmt_use_calendar_months() -> None:
    waktu = parse_waktu("6 bulan sebelum TMT")
    assert isinstance(waktu, Deadline)
    assert waktu.event == "TMT"
    assert waktu.due_date(dt.date(2027, 4, 1)) == dt.date(2026, 10, 1)
    # end of month clamps: 31 August minus 6 months is the last day of February
    assert waktu.due_date(dt.date(2027, 8, 31)) == dt.date(2027, 2, 28)


@pytest.mark.parametrize("text", ["", "  ", "-"])
def test_no_standard(text: str) -> None:
    assert parse_waktu(text) is None


@pytest.mark.parametrize("text", ["segera", "menit 5", "5 detikan", "0 menit", "lima menit"])
def test_unparseable_waktu_is_refused_in_indonesian(text: str) -> None:
    with pytest.raises(WaktuError) as info:
        parse_waktu(text)
    assert text in str(info.value)


def test_every_waktu_in_the_catalog_parses() -> None:
    values = [step.waktu for sop in default_catalog() for step in sop.steps]
    assert values, "the catalog has steps with a Waktu"
    parsed = [parse_waktu(v) for v in values]
    kinds = {type(p) for p in parsed if p is not None}
    assert Duration in kinds
    for value, result in zip(values, parsed, strict=True):
        if value.strip():
            assert result is not None
            assert result.describe().lower().split()[1] in value.lower()


def test_deadlines_written_in_keterangan_are_found() -> None:
    catalog = default_catalog()
    cuti = catalog.get("cuti-pegawai").step(1).deadline
    assert cuti == Deadline(2, "minggu", "sebelum", "cuti")
    for sop_id in ("kenaikan-pangkat", "pensiun-pegawai"):
        deadlines = [s.deadline for s in catalog.get(sop_id).steps if s.deadline]
        assert deadlines == [Deadline(6, "bulan", "sebelum", "TMT")]
    # every keterangan that reads like a time standard parses as one
    for sop in catalog:
        for step in sop.steps:
            if " sebelum " in f" {step.keterangan} " and step.keterangan[:1].isdigit():
                assert step.deadline is not None, (sop.id, step.no)
