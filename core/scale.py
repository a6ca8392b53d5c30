"""Organisation-scale data for `make bench`: the shared part of ``generate_scale_data``.

Each app that owns records has a ``scale.py`` with ``generate(ctx)``; the command calls them in
``INSTALLED_APPS`` order (``core.loading.app_hooks``), like the reference and demo data, so a
lower app never imports the apps above it. ``ScaleContext`` carries the seeded random generator
(the same seed gives the same data), the target sizes and the writers:

- ``ctx.bulk(Model, objects)``: ``bulk_create`` in batches, for records that other code may
  watch (governance records, transitions): ``bulk_create`` is the path hooks can follow;
- ``ctx.copy(Model, fields, rows)``: PostgreSQL's ``COPY`` for the millions of plain rows
  (survey answers), ``bulk_create`` elsewhere.

Sizes are those of the issue (16) at ``--projects 10000`` and scale linearly with it.
"""

import csv
import io
import random
import time
from collections import Counter

from django.db import connection

#: Full size, at --projects 10000 (the other figures follow the ratio).
FULL = {
    "projects": 10_000,
    "status_reports": 40_000,
    "users": 2_000,
    "decisions": 2_000,
    "ict_units": 300,
    "survey_responses": 100_000,
}
#: Usernames and codes of generated records start with this (and so never meet the demo's).
PREFIX = "scale"


class ScaleContext:
    def __init__(self, *, projects, seed=16, stdout=None):
        self.projects = projects
        self.ratio = projects / FULL["projects"]
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.counts = Counter()
        #: What one app generated and the apps above it use (users, units, projects...).
        self.shared = {}

    def size(self, name, minimum=1):
        """The number of ``name`` records at this scale (``FULL`` times the ratio)."""
        return max(minimum, round(FULL[name] * self.ratio))

    def bulk(self, model, objects, batch_size=2000):
        objects = list(objects)
        created = model._default_manager.bulk_create(objects, batch_size=batch_size)
        self.counts[model._meta.label] += len(objects)
        return created

    def copy(self, model, fields, rows):
        """Write ``rows`` (tuples of ``fields``' column values) with COPY on PostgreSQL."""
        if connection.vendor != "postgresql":
            columns = [model._meta.get_field(name).attname for name in fields]
            self.bulk(model, (model(**dict(zip(columns, row, strict=True))) for row in rows), 5000)
            return
        columns = ", ".join(
            connection.ops.quote_name(model._meta.get_field(name).column) for name in fields
        )
        table = connection.ops.quote_name(model._meta.db_table)
        count = 0
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        with connection.cursor() as cursor:
            for row in rows:
                writer.writerow(["" if value is None else value for value in row])
                count += 1
                if count % 100_000 == 0:
                    self._flush(cursor, table, columns, buffer)
                    buffer = io.StringIO()
                    writer = csv.writer(buffer)
            self._flush(cursor, table, columns, buffer)
        self.counts[model._meta.label] += count

    @staticmethod
    def _flush(cursor, table, columns, buffer):
        buffer.seek(0)
        # psycopg2's cursor under Django's wrapper: the raw cursor has copy_expert.
        raw = getattr(cursor, "cursor", cursor)
        raw.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)
            self.stdout.flush()


class Stopwatch:
    def __init__(self):
        self.started = time.perf_counter()

    def seconds(self):
        return time.perf_counter() - self.started
