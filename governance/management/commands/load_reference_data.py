from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from core.loading import Loader, app_hooks


class Command(BaseCommand):
    help = (
        "Load the strategy report's reference data (organisation, bodies, programmes, "
        "initiatives, priority areas, survey topics, Annex IV staffing). Safe to run again."
    )

    def handle(self, *args, **options):
        loader = Loader(self.stdout)
        # In English: a translated field's plain name (``name``) means the current language's.
        with transaction.atomic(), translation.override("en"):
            for _config, module in app_hooks("reference"):
                module.load(loader)
        for line in loader.report():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Reference data loaded: {loader.changes} rows created or updated.")
        )
