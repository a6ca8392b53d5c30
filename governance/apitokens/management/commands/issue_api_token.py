from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from governance.apitokens.services import api_token_issue


class Command(BaseCommand):
    help = "Issue a personal API token for a user and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--read-only", action="store_true", help="The token can only read.")
        parser.add_argument("--expires-days", type=int, default=None, help="Days until expiry.")
        parser.add_argument("--name", default="Command-line token")

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {options['username']!r}.") from error
        try:
            token, key = api_token_issue(
                user=user,
                name=options["name"],
                read_only=options["read_only"],
                expires_days=options["expires_days"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(key)
        details = ["read-only" if token.read_only else "read-write"]
        if token.expires_at:
            details.append(f"expires {token.expires_at:%Y-%m-%d}")
        self.stderr.write(
            f"Token for {user.username} ({', '.join(details)}). Send it as: "
            f"Authorization: Token {key}"
        )
