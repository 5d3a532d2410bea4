"""Naskah: the office's letters made from templates the office can edit (.docx with fields).

- :mod:`.isian`: the one registry of fields a template may use, with their descriptions;
- :mod:`.bawaan`: the templates shipped with the program (resources/templat/), and what each
  one is for (klasifikasi, addressee, the service it answers, the signer);
- :mod:`.templat`: the templates as the office keeps them (every version in the database),
  checked when added; list, add, replace, download, restore the shipped one (admin);
- :mod:`.isi`: filling a template with values (docxtpl), refusing any field left unreplaced;
- :mod:`.buat`: "Buat Surat": the values from the records, the next number of the Agenda Surat
  Keluar and the signed QR, in one transaction.

No widgets and no printing: the PDF is rendered from the filled .docx elsewhere.
"""
