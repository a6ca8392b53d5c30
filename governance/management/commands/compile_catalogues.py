"""Compile the project's translation catalogues (``.po``) to ``.mo`` without GNU gettext."""

from django.core.management.base import BaseCommand, CommandError

from core import catalogues


class Command(BaseCommand):
    help = (
        "Compile every locale/*/LC_MESSAGES/*.po to its .mo (pure Python, polib). "
        "With --check, change nothing and fail when a .mo is missing or out of date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only report .mo files that are out of date."
        )

    def handle(self, *args, check=False, **options):
        if check:
            stale = catalogues.stale_catalogues()
            for po in stale:
                self.stderr.write(f"out of date: {catalogues.mo_path(po)}")
            if stale:
                raise CommandError("Run `python manage.py compile_catalogues`.")
            self.stdout.write("Every .mo is up to date.")
            return
        for po in catalogues.catalogue_paths():
            if catalogues.compile_catalogue(po):
                self.stdout.write(f"compiled {catalogues.mo_path(po)}")
