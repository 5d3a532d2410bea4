"""The office's printed forms: Lembar Disposisi, Kartu Kendali, Surat Pengantar, Tanda Terima.

Every form is built from plain data (frozen dataclasses; no database, no Qt) onto a reportlab
canvas with the embedded Liberation Sans faces. Each form has the kop (drawn by
`printing.sop_document.draw_kop`, scaled on half folio; a card carries a compact two-line kop
from the same `Kop`), Indonesian dates, and the record's signed QR code with the record number
printed beside it.

Every text goes through `fitting.fit_text`: never below 8 pt, never cut with "…"; boxes grow
with their values, and a value that cannot fit even so ends with "(lihat halaman lanjutan)" and
is printed whole on a continuation page under the repeated heading. Pass a `layout.FormLayout`
to a builder to get, per page, every text's box, drawn extent and size, every QR code's
rectangle, and the texts that went on to a continuation page.

Modules, from the bottom up (import each name from the module that defines it):
- `fitting`: fitting a text into a box (wrap, shrink down to 8 pt, then the continuation note).
- `layout`: the record of what was drawn where (`FormLayout`, `PageLog`, ...).
- `painter`: y-down drawing primitives on a reportlab canvas (text, lines, checkbox, QR code,
  kop), paper sizes, the canvas every form starts from, `FormError`.
- `blocks`: what the forms share (`Centang`, `Penandatangan`, page geometry, label : value
  cells, checklists, signature block, QR code with its number).
- `tables`: tables that run over pages (columns, header row, grid, continuation heading, page
  numbers), and the continuation pages of values too long for their boxes.
- one module per form: `lembar_disposisi`, `kartu_kendali`, `surat_pengantar`, `tanda_terima`.
"""
