from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from governance.apitokens.demo import DEMO_API_READER_KEY
from governance.demo import DEMO_PASSWORD, PERSONAS
from governance.loading import Loader, app_hooks


class Command(BaseCommand):
    help = (
        "Load the demo personas (password 'demo') and each capability's demo records. "
        "Refused outside local settings. Safe to run again."
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
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in with any of these:"))
        for username, (name, *_rest) in PERSONAS.items():
            self.stdout.write(f"  {username:<16} password: {DEMO_PASSWORD:<6} {name}")
        self.stdout.write(
            "REST client api.reader's read-only token (Authorization: Token <key>):\n"
            f"  {DEMO_API_READER_KEY}\n"
            "  e.g. curl -H 'Authorization: Token "
            f"{DEMO_API_READER_KEY}' http://127.0.0.1:8000/api/v1/portfolio/status/"
        )
