"""The register kernel of the UI: what every register page (Agenda Surat Masuk/Keluar,
Ekspedisi, Surat Pengantar, Layanan, Cuti, Pegawai, Pelacakan, Inbox, Penjagaan, the audit
trail) is built from.

- `table`: `LazyQueryModel` (a query read page by page), `setup_register_view`, `MUTED_COLOR`
  and `muted_look` (voided/inactive rows), `pick_table` (a small list to pick one row from);
- `page`: `LazyPage`/`RegisterPage` (Tahun filter, delayed search, count, filters bound to
  model fields, `_open_on_selected` for the selected record's dialogs; options: read on every
  show, keep a row selected, how a hidden record is revealed), `filter_bar`,
  `delayed_search`, `fill_year_combo`, `action_button`;
- `forms`: `FormDialog` and `FieldMessages` (red messages per field), `make_buttons`,
  `widget_row`, `named_line`, `name_window`, `EnterMovesOn`/`EnterMovesFocus`,
  `set_tab_order`, completers, `confirm`;
- `void`: `AlasanDialog`, the one "give a reason" dialog (voiding, rejecting, returning);
- `detail`: `DetailPane` (hint or body, value rows), `fields_beside`, `scrolling_fields`,
  `detail_table` (a detail pane's small read-only table);
- `dates`: `date_edit`/`datetime_edit` and the QDate/QDateTime <-> datetime conversions.

The submodules are imported one by one (nothing here), so a page pulls in only what it uses.
"""
