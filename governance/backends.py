"""Authentication backend: Django's model permissions, with the CITO's held by office.

Whoever leads OICT is the CITO (``roles.is_cito``: the chief of the unit ``oict``). Rather
than keeping them in a group that could drift from that fact, this backend gives whoever holds
the office the model permissions of the ``roles.CITO_PERMISSIONS`` group (set from
``admin_permissions.yaml``). When the portal administrator names another chief of OICT, the
permissions follow on the next request.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from . import roles


class RoleModelBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        permissions = super()._get_group_permissions(user_obj)
        if roles.is_cito(user_obj):
            permissions = permissions | Permission.objects.filter(
                group__name=roles.CITO_PERMISSIONS
            )
        return permissions
