"""Django's ``flush``, let through the append-only triggers: it wipes the whole database,
the chain included, so nothing is left that the chain would miss (tests between
transactional cases, a fresh demo)."""

from django.core.management.commands.flush import Command as FlushCommand

from ledger.db import maintenance


class Command(FlushCommand):
    def handle(self, **options):
        with maintenance(using=options["database"]):
            return super().handle(**options)
