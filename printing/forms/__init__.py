"""The office's printed forms: Lembar Disposisi, Kartu Kendali, Surat Pengantar, Tanda Terima.

Every form is built from plain data (frozen dataclasses; no database, no Qt) onto a reportlab
canvas with the embedded Liberation Sans faces. Each form has the kop (drawn by
`printing.sop_document.draw_kop`, scaled on half folio; a card carries a compact two-line kop
from the same `Kop`), Indonesian dates, and the record's signed QR code with the record number
printed beside it.

Every text goes through `fitting.fit_text`. Pass a `layout.FormLayout` to a builder to get, per
page, every text's box and drawn extent, every QR code's rectangle, and the texts that had to be
cut.

Modules, from the bottom up (import each name from the module that defines it):
- `fitting`: fitting a text into a box (wrap, shrink, cut with "…").
- `layout`: the record of what was drawn where (`FormLayout`, `PageLog`, ...).
- `painter`: y-down drawing primitives on a reportlab canvas (text, lines, checkbox, QR code,
  kop), paper sizes, the canvas every form starts from, `FormError`.
- `blocks`: what the forms share (`Centang`, `Penandatangan`, page geometry, label : value
  cells, checklists, signature block, QR code with its number).
- `tables`: tables that run over pages (columns, header row, grid, continuation heading, footer).
- one module per form: `lembar_disposisi`, `kartu_kendali`, `surat_pengantar`, `tanda_terima`.
"""
