"""Grafik: the Camat's and the Sekcam's pictures of the office's work over a period: requests
per month, the share made ready within the standard per service and per seksi over time, the
slowest SOP steps against their Mutu Baku, and the IKM per element and per month.

QtCharts is imported with this module, which the desk imports only when the page is first
opened (start-up never pays for it). The figures come from
:func:`jogoroto_desktop.grafik.data_grafik`, computed in a BackgroundOp.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QLogValueAxis,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import grafik
from jogoroto_desktop import monitoring as mon
from jogoroto_desktop.validation import ValidationError
from ui.operations import BackgroundOp
from ui.registers.page import LazyPage, MessageBanner, action_button, filter_bar

CHART_HEIGHT = 250
SERVICES_SHOWN = 5  # the busiest services get a line each; more lines read as noise
PALETTE = ("#2f6fa8", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#7f8c8d",
           "#b03a74")


def periods(today: dt.date) -> list[tuple[str, mon.Periode]]:
    """The choices: this year so far, the last four semesters, last year."""
    year = today.year
    choices = [(f"Tahun {year}", mon.Periode(dt.date(year, 1, 1), dt.date(year, 12, 31)))]
    for tahun, ke in ((year, 2), (year, 1), (year - 1, 2), (year - 1, 1)):
        chosen = mon.semester(tahun, ke)
        if chosen.dari <= today:
            choices.append((chosen.label, chosen))
    choices.append((f"Tahun {year - 1}", mon.Periode(dt.date(year - 1, 1, 1),
                                                      dt.date(year - 1, 12, 31))))
    return choices


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    # "3,35" and "1.976,7×" as the office writes numbers, not "3.35" (a localized label
    # format must be a %f one: "%d" and "%g" show nothing)
    chart.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    chart.setLocalizeNumbers(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(CHART_HEIGHT)
    return view


def _value_axis(low: float, high: float, label: str = "%.0f") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setLabelFormat(label)
    return axis


def _months_axis(labels: list[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(labels)
    font = QFont(axis.labelsFont())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))  # twelve months side by side
    axis.setLabelsFont(font)
    return axis


def _lines(chart: QChart, months: list[str], rows: tuple[grafik.Deret, ...],
           high: float, label: str) -> None:
    """One line per row over the months (a month without data leaves a gap)."""
    x_axis = _months_axis(months)  # a line's x is the month's index
    y_axis = _value_axis(0, high, label)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for index, row in enumerate(rows):
        series = QLineSeries()
        series.setName(row.nama.removeprefix("Pelayanan "))
        series.setPointsVisible(True)
        series.setMarkerSize(7)
        pen = series.pen()
        pen.setWidthF(2.2)
        series.setPen(pen)
        series.setColor(QColor(PALETTE[index % len(PALETTE)]))
        for month, value in enumerate(row.nilai):
            if value is not None:
                series.append(QPointF(month, value))
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)


class GrafikPage(LazyPage):
    """The charts; `data` holds what they show."""

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.data: grafik.DataGrafik | None = None
        self.operation: BackgroundOp | None = None
        self.period = QComboBox()
        self.period.setObjectName("periode")
        for label, chosen in periods(self.today):
            self.period.addItem(label, chosen)
        self.refresh_button = action_button("&Segarkan", "segarkan", self.refresh)
        self.banner = MessageBanner("pesan")
        self.summary = QLabel()
        self.summary.setObjectName("ringkasan")
        self.summary.setWordWrap(True)
        top = filter_bar((("&Periode", self.period),), self.refresh_button)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)  # the two charts of a line share it alike
        self.grid.setColumnStretch(1, 1)
        holder = QWidget()
        holder.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        self.views: dict[str, QChartView] = {}
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())

    def refresh(self) -> None:
        self._loaded = True
        chosen: mon.Periode = self.period.currentData()
        self.refresh_button.setEnabled(False)
        self.operation = BackgroundOp(
            self, lambda _op: grafik.data_grafik(chosen.dari, chosen.sampai),
            title="Grafik", expected=(ValidationError,), success=self.show_data,
            failure=self._failed)
        self.operation.start()

    def _failed(self, error: Exception) -> None:
        self.operation = None
        self.refresh_button.setEnabled(True)
        self.banner.show_text(str(error), error=True)

    def show_data(self, data: grafik.DataGrafik) -> None:
        self.operation = None
        self.refresh_button.setEnabled(True)
        self.data = data
        ikm = (f"IKM {str(data.ikm).replace('.', ',')} (mutu {data.ikm_mutu})"
               if data.ikm is not None else "IKM: belum ada responden")
        self.summary.setText(f"{data.periode.label}: {sum(data.permohonan)} permohonan; {ikm}.")
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        one_year = len({m.tahun for m in data.bulan}) == 1
        months = [m.label.split()[0] if one_year else m.label for m in data.bulan]
        busiest = sorted(data.tepat_layanan, key=lambda row: -row.jumlah)[:SERVICES_SHOWN]
        charts = [self._requests(data, months),
                  self._on_time(f"Tepat waktu per layanan (%), {len(busiest)} tersibuk", months,
                                tuple(busiest), "tepat_layanan"),
                  self._on_time("Tepat waktu per seksi (%)", months, data.tepat_seksi,
                                "tepat_seksi"),
                  self._ikm_bulan(data, months), self._slowest(data), self._ikm_unsur(data)]
        self.views = {view.objectName(): view for view in charts}
        requests, per_service, per_seksi, ikm_month, slowest, ikm_element = charts
        self.grid.addWidget(requests, 0, 0)
        self.grid.addWidget(ikm_month, 0, 1)
        # The whole width: the on-time charts' legends (five services, four seksi) read whole
        # instead of "Penerbit…", and the slowest steps' long labels fit.
        for row, view in enumerate((per_service, per_seksi, slowest, ikm_element), start=1):
            self.grid.addWidget(view, row, 0, 1, 2)

    def _requests(self, data: grafik.DataGrafik, months: list[str]) -> QChartView:
        chart = _chart("Permohonan per bulan")
        bars = QBarSet("Permohonan")
        bars.append([float(n) for n in data.permohonan])
        bars.setColor(QColor(PALETTE[0]))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis = _months_axis(months)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        top = math.ceil(max([*data.permohonan, 1]) * 1.15)
        y_axis = _value_axis(0, top)
        if top <= 8:
            y_axis.setTickCount(top + 1)  # whole numbers only
        else:
            y_axis.applyNiceNumbers()
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y_axis)
        chart.legend().hide()
        return _view(chart, "permohonan")

    def _on_time(self, title: str, months: list[str], rows: tuple[grafik.Deret, ...],
                 name: str) -> QChartView:
        chart = _chart(title)
        _lines(chart, months, rows, 100, "%.0f%")  # localized: no "%%" escape
        if not rows:
            chart.setTitle(f"{title}: belum ada permohonan selesai")
        return _view(chart, name)

    def _slowest(self, data: grafik.DataGrafik) -> QChartView:
        chart = _chart("Langkah SOP paling lambat: median terhadap Mutu Baku (kali, skala log)")
        bars = QBarSet("Median terhadap Mutu Baku")
        steps = list(reversed(data.lambat))
        bars.append([max(round(s.rasio, 1), 0.1) for s in steps])
        bars.setColor(QColor(PALETTE[1]))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideBase)
        series.setLabelsFormat("@value\u00d7")
        chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append([f"{s.sop_nama.removeprefix('Pelayanan ')}, langkah {s.no}" for s in steps]
                    or ["-"])
        axis.setTruncateLabels(False)
        # QtCharts measures the untruncated labels a few pixels short: room for the first letter
        chart.setMargins(QMargins(16, 4, 4, 4))
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        x_axis = QLogValueAxis()  # one step 2,000 times over its minutes hides the rest
        x_axis.setBase(10)
        x_axis.setLabelFormat("%.0f")  # "%g" shows nothing once numbers are localized
        x_axis.setRange(0.1, max([s.rasio for s in steps] + [10.0]) * 2)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x_axis)
        chart.legend().hide()
        if not steps:
            chart.setTitle("Langkah SOP paling lambat: belum ada langkah terukur")
        view = _view(chart, "lambat")
        view.setToolTip("\n".join(f"{s.label}: {s.keterangan}" for s in data.lambat))
        return view

    def _ikm_unsur(self, data: grafik.DataGrafik) -> QChartView:
        chart = _chart("IKM per unsur (nilai rata-rata 1\u20134)")
        bars = QBarSet("Nilai rata-rata")
        bars.append([round(value, 2) for _kode, _nama, value in data.ikm_unsur])
        bars.setColor(QColor(PALETTE[2]))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        axis = _months_axis([kode for kode, _nama, _v in data.ikm_unsur] or ["-"])
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        y_axis = _value_axis(0, 4, "%.1f")
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y_axis)
        chart.legend().hide()
        if not data.ikm_unsur:
            chart.setTitle("IKM per unsur: belum ada responden")
        view = _view(chart, "ikm_unsur")
        view.setToolTip("\n".join(f"{kode} {nama}: {value:.2f}".replace(".", ",")
                                  for kode, nama, value in data.ikm_unsur))
        return view

    def _ikm_bulan(self, data: grafik.DataGrafik, months: list[str]) -> QChartView:
        chart = _chart("IKM per bulan (25\u2013100)")
        _lines(chart, months, (grafik.Deret("IKM", data.ikm_bulan),), 100, "%.0f")
        chart.legend().hide()
        return _view(chart, "ikm_bulan")

    def chart_titles(self) -> list[str]:
        return [view.chart().title() for view in self.views.values()]
