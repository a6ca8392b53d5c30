from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from governance.apitokens.models import ApiToken


class TokenScopePermission(permissions.BasePermission):
    """A read-only token may only read, whatever its user may do in the browser."""

    message = _("This API token is read-only.")

    def has_permission(self, request, view):
        token = request.auth
        if isinstance(token, ApiToken) and token.read_only:
            return request.method in permissions.SAFE_METHODS
        return True
