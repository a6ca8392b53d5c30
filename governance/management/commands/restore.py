from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = (
        "Replace the database's content with a backup written by `manage.py backup` "
        "(pg_restore on PostgreSQL, SQLite's backup API on SQLite). Stop the web processes "
        "and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `manage.py backup`")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask first"
        )

    def handle(self, *args, path, database="default", interactive=True, **options):
        if interactive:
            answer = input(
                f"Every record of the database is replaced by {path}'s. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            backups.restore(path, alias=database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
