"""The words the screens share, written once: the same thing reads the same on every page
(a step not done is "Belum" in every progress table, the no-filter choice of a Tahun filter is
"Semua tahun" on every register page). Status labels and other words of the records live in
the domain with their records (e.g. registers.surat.SIFAT_LABELS); field labels are written
with a colon by ui.registers.forms.with_colon."""

from __future__ import annotations

#: A step, a receipt or an action not done yet (progress tables, detail panes).
BELUM = "Belum"
#: An empty value in a table cell or a detail pane.
KOSONG = "-"
#: The no-filter choices of the register pages' filter bars.
SEMUA_TAHUN = "Semua tahun"
SEMUA_BULAN = "Semua bulan"
SEMUA_STATUS = "Semua status"
SEMUA_SIFAT = "Semua sifat"
SEMUA_LAYANAN = "Semua layanan"
#: The labels of the filters every register page has (ui.registers.page.filter_bar).
LABEL_TAHUN = "&Tahun:"
LABEL_CARI = "&Cari:"
LABEL_STATUS = "&Status:"
