"""The hash chain over every appended row of the append-only tables.

Each new row of an append-only model (``core.records``) gets a ``Link`` in the transaction
that wrote it: ``hash = sha256(canonical JSON of the row + previous hash)``. The row is read
back from the database, so the hash covers what was stored, not what the caller held.
Appends are serialised (PostgreSQL: a transaction-level advisory lock; SQLite: the
connection already holds the database's write lock after writing the row), and ``seq`` and
``prev_hash`` are unique, so concurrent writers cannot fork the chain.

``tools/verify_ledger.py`` repeats ``canonical``/``link_hash`` with the standard library only;
tests keep the two in step.
"""

import datetime
import decimal
import hashlib
import json
import uuid
from dataclasses import dataclass

from django.core.exceptions import FieldError
from django.db import DatabaseError, connections, transaction

from core import records

GENESIS = "0" * 64
#: pg_advisory_xact_lock key: "ledger" in ASCII.
LOCK_KEY = 0x6C6564676572


def chained_models():
    """The append-only models whose rows are chained (all but the chain itself)."""
    return [model for model in records.append_only_models() if model._meta.label != "ledger.Link"]


def models_by_table():
    return {model._meta.db_table: model for model in chained_models()}


def _plain(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def canonical(table, pk, row):
    """The canonical JSON text of one row: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        {"table": table, "pk": str(pk), "row": row},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def link_hash(table, pk, row, prev_hash):
    return hashlib.sha256((canonical(table, pk, row) + prev_hash).encode("utf-8")).hexdigest()


def read_rows(model, pks, columns=None):
    """``{str(pk): {column: plain value}}`` for the rows of ``model`` among ``pks``, as stored."""
    if columns is None:
        columns = [field.attname for field in model._meta.concrete_fields]
    pk_name = model._meta.pk.attname
    found = {}
    for values in model._base_manager.filter(pk__in=list(pks)).values(*columns):
        found[str(values[pk_name])] = {name: _plain(values[name]) for name in columns}
    return found


def _lock(connection):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def append(model, instances, using="default"):
    """Chain the freshly written rows ``instances`` of ``model``, in their order."""
    from .models import Link

    pks = [instance.pk for instance in instances if instance.pk is not None]
    if not pks:
        return []
    table = model._meta.db_table
    columns = [field.attname for field in model._meta.concrete_fields]
    with transaction.atomic(using=using):
        _lock(connections[using])
        rows = read_rows(model, pks, columns)
        head = Link.objects.using(using).order_by("-seq").values_list("seq", "hash").first()
        seq, prev = head or (0, GENESIS)
        links = []
        for pk in pks:
            seq += 1
            digest = link_hash(table, pk, rows[str(pk)], prev)
            links.append(
                Link(
                    seq=seq,
                    table=table,
                    row_pk=str(pk),
                    columns=",".join(columns),
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        return Link.objects.using(using).bulk_create(links)


def on_post_save(sender, instance, created, using="default", **kwargs):
    if created and records.is_append_only(sender) and sender._meta.label != "ledger.Link":
        append(sender, [instance], using=using)


def on_appended(sender, instances, **kwargs):
    if sender._meta.label != "ledger.Link":
        using = instances[0]._state.db or "default"
        append(sender, instances, using=using)


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class Break:
    seq: int | None
    table: str
    pk: str
    reason: str

    def __str__(self):
        where = f"link #{self.seq}: " if self.seq is not None else ""
        return f"{where}{self.table} row {self.pk}: {self.reason}"


@dataclass(frozen=True)
class Verification:
    links: int
    head_hash: str
    head_at: datetime.datetime | None
    broken: Break | None

    @property
    def ok(self):
        return self.broken is None


def head():
    """The last link (``None`` while the chain is empty)."""
    from .models import Link

    return Link.objects.order_by("-seq").first()


def walk(batch_size=2000):
    """Yield ``(link, row)`` in chain order, ``row`` as stored now (``None``: deleted)."""
    from .models import Link

    tables = models_by_table()
    last = 0
    while True:
        batch = list(Link.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        wanted = {}
        for link in batch:
            wanted.setdefault((link.table, link.columns), []).append(link.row_pk)
        rows = {}
        for (table, columns), pks in wanted.items():
            model = tables.get(table)
            if model is None:
                continue
            try:
                with transaction.atomic():
                    found = read_rows(model, pks, columns.split(","))
            except (DatabaseError, FieldError):  # a column gone: its rows are broken
                found = {}
            rows.update({(table, columns, pk): row for pk, row in found.items()})
        for link in batch:
            yield link, rows.get((link.table, link.columns, link.row_pk))
        last = batch[-1].seq


def verify():
    """Walk the chain; the first broken link, or a row that escaped it, is named."""
    from .models import Link

    prev, count, last = GENESIS, 0, None
    tables = models_by_table()
    for link, row in walk():
        count += 1
        if link.seq != count:
            return _result(count, last, Break(link.seq, link.table, link.row_pk, _MISSING_LINK))
        if link.prev_hash != prev:
            return _result(count, last, Break(link.seq, link.table, link.row_pk, _NOT_NEXT))
        if link.table not in tables:
            return _result(count, last, Break(link.seq, link.table, link.row_pk, _NO_TABLE))
        if row is None:
            return _result(count, last, Break(link.seq, link.table, link.row_pk, _DELETED))
        if link_hash(link.table, link.row_pk, row, prev) != link.hash:
            return _result(count, last, Break(link.seq, link.table, link.row_pk, _CHANGED))
        prev, last = link.hash, link
    for table, model in tables.items():
        chained = set(Link.objects.filter(table=table).values_list("row_pk", flat=True))
        stored = {str(pk) for pk in model._base_manager.values_list("pk", flat=True)}
        escaped = sorted(stored - chained, key=lambda pk: (len(pk), pk))
        if escaped:
            return _result(count, last, Break(None, table, escaped[0], _ESCAPED))
    return _result(count, last, None)


_MISSING_LINK = "a link before this one is missing"
_NOT_NEXT = "the link does not follow the one before it"
_NO_TABLE = "the table is not an append-only table"
_DELETED = "the row was deleted"
_CHANGED = "the row was changed"
_ESCAPED = "the row is not in the chain"


def _result(count, last, broken):
    return Verification(
        links=count,
        head_hash=last.hash if last else GENESIS,
        head_at=last.appended_at if last else None,
        broken=broken,
    )


def export_lines():
    """The chain as JSON lines, each with the row as stored now, for ``verify_ledger.py``."""
    yield json.dumps({"ledger": "ict-governance-portal", "format": 1, "genesis": GENESIS})
    for link, row in walk():
        yield json.dumps(
            {
                "seq": link.seq,
                "table": link.table,
                "pk": link.row_pk,
                "row": row,
                "prev": link.prev_hash,
                "hash": link.hash,
                "at": _plain(link.appended_at),
            },
            sort_keys=True,
            ensure_ascii=False,
        )
