from django.core.management.base import BaseCommand, CommandError

from ledger import chain


class Command(BaseCommand):
    help = (
        "Walk the tamper-evident chain and name the first broken link (table and row), or a "
        "row of an append-only table that is not in the chain."
    )

    def handle(self, **options):
        result = chain.verify()
        if not result.ok:
            raise CommandError(
                f"The chain is broken at {result.broken} "
                f"(the {result.links - 1} links before it hold)."
                if result.broken.seq is not None
                else f"The chain is broken: {result.broken}."
            )
        at = result.head_at.isoformat() if result.head_at else "-"
        self.stdout.write(
            f"The chain holds: {result.links} links, head {result.head_hash} appended at {at}."
        )
