from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.loading import app_hooks
from core.scale import FULL, PREFIX, ScaleContext, Stopwatch
from governance.models import User


class Command(BaseCommand):
    help = (
        "Generate organisation-scale data for `make bench` (issue 16): by default 10,000 "
        "projects, 40,000 status reports, 2,000 users, 2,000 decisions, 300 ICT units and a "
        "survey with 100,000 responses; --projects scales every figure. Seeded: the same "
        "seed and size give the same data. Loads the reference data first; run it once on "
        "a database (it refuses a second run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=FULL["projects"])
        parser.add_argument("--seed", type=int, default=16)
        parser.add_argument(
            "--allow-sqlite",
            action="store_true",
            help="Generate on SQLite anyway (slow, and not what the benchmark measures).",
        )

    def handle(self, *args, projects, seed, allow_sqlite, **options):
        if connection.vendor == "sqlite" and not allow_sqlite:
            raise CommandError(
                "generate_scale_data writes millions of rows and is meant for PostgreSQL: set "
                "DATABASE_URL=postgres://... (see README, 'Scale and speed'), or pass "
                "--allow-sqlite to generate on SQLite anyway."
            )
        if projects < 20:
            raise CommandError("--projects must be at least 20.")
        if User.objects.filter(username__startswith=f"{PREFIX}.").exists():
            raise CommandError(
                "This database already holds generated scale data; use a fresh database "
                "(or `manage.py flush`) to generate again."
            )
        call_command("load_reference_data", verbosity=0, stdout=_Silent())
        clock = Stopwatch()
        ctx = ScaleContext(projects=projects, seed=seed, stdout=self.stdout)
        with transaction.atomic():
            for config, module in app_hooks("scale"):
                ctx.say(f"{config.label}:")
                module.generate(ctx)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for label, count in sorted(ctx.counts.items()):
            self.stdout.write(f"  {label:<36} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data generated in {clock.seconds():.0f} s (seed {seed}).")
        )


class _Silent:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
