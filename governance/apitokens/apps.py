from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    """Personal API tokens for REST clients, stored hashed."""

    name = "governance.apitokens"
    label = "apitokens"
    verbose_name = _("API tokens")
