from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core.loading import Loader, app_hooks
from governance.apitokens.demo import DEMO_API_READER_KEY
from governance.demo import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = (
        "Load the demo personas (password 'demo') and each capability's demo records. "
        "Refused outside local settings. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="Where the portal is served, for the addresses printed at the end "
            "(`make demo PORT=8001` passes http://127.0.0.1:8001).",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_PASSWORDS_ALLOWED:
            raise CommandError(
                "Demo users have a well-known password; load_demo_data runs only with local "
                "settings (DJANGO_SETTINGS_MODULE=config.settings.local)."
            )
        loader = Loader(self.stdout)
        # Demo records notify their personas; keep those e-mails out of the console.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            for _config, module in app_hooks("demo"):
                module.load(loader)
        for line in loader.report():
            self.stdout.write(line)
        url = options["url"].rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Log in at {url}/ with any of these:")
        )
        for username, (name, *_rest) in PERSONAS.items():
            self.stdout.write(f"  {username:<16} password: {DEMO_PASSWORD:<6} {name}")
        self.stdout.write(
            "REST client api.reader's read-only token (Authorization: Token <key>):\n"
            f"  {DEMO_API_READER_KEY}\n"
            "  e.g. curl -H 'Authorization: Token "
            f"{DEMO_API_READER_KEY}' {url}/api/v1/portfolio/status/"
        )
