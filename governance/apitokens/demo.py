"""The demo REST client: `api.reader` gets a read-only token with a well-known key.

Like the personas' password `demo`, the key is public, and it exists only where demo data may
be loaded (local settings). `make demo` prints it.
"""

from governance.models import User

from .models import ApiToken, hash_key
from .services import api_token_issue

DEMO_API_READER_KEY = "demo-api-reader-read-only-token-0000000000"


def load(loader):
    user = User.objects.filter(username="api.reader").first()
    if user is None:
        return
    if not ApiToken.objects.filter(key_hash=hash_key(DEMO_API_READER_KEY)).exists():
        api_token_issue(user=user, name="Demo dashboard", read_only=True, key=DEMO_API_READER_KEY)
        loader.counts[(ApiToken._meta.verbose_name_plural, "created")] += 1
    else:
        loader.counts[(ApiToken._meta.verbose_name_plural, "unchanged")] += 1
