"""The database proxy and the base class of every table."""

from __future__ import annotations

import peewee

#: Initialised by :func:`models.open_database`; every model reads and writes through it.
db = peewee.DatabaseProxy()


class BaseModel(peewee.Model):
    """Base class of all Jogoroto tables."""

    class Meta:
        database = db
        legacy_table_names = False
