from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to PATH (default var/backups/portal-<time>): "
        "pg_dump on PostgreSQL, SQLite's online backup on SQLite. The portal keeps running."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="where to write the backup")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path=None, database="default", **options):
        try:
            written = backups.backup(path or backups.default_path(database), alias=database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {written}"))
