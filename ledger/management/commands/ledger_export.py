from django.core.management.base import BaseCommand

from ledger import chain


class Command(BaseCommand):
    help = (
        "Write the tamper-evident chain as JSON lines (each link with its row as stored now) "
        "to FILE ('-' for standard output); tools/verify_ledger.py checks it without Django."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        count = 0
        if file == "-":
            for line in chain.export_lines():
                self.stdout.write(line)
                count += 1
            return
        with open(file, "w", encoding="utf-8") as out:
            for line in chain.export_lines():
                out.write(line + "\n")
                count += 1
        self.stdout.write(f"{count - 1} links written to {file}.")
