"""How an entry of the expected-access table reads (``expected_access.py`` holds the table).

An answer is classed as ``2xx`` (answered), ``login`` (sent to sign in), ``3xx`` (redirected
elsewhere, e.g. after a form is posted), or its 4xx code: ``400`` (an empty form or body is
refused as invalid), ``401``/``403`` (refused), ``404`` (does not exist for them), ``405``.
"""

from dataclasses import dataclass, field

ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Access:
    #: the personas who may use it, and what they get
    ok: frozenset = frozenset()
    status: str = "2xx"
    #: what every other signed-in persona gets
    refused: str = "403"
    anonymous: str = "login"
    #: personas who get something else: {persona: status}
    other: dict = field(default_factory=dict)

    def expected(self, who):
        if who == ANONYMOUS:
            return self.anonymous
        if who in self.other:
            return self.other[who]
        return self.status if who in self.ok else self.refused


def page(ok, status="2xx", **kwargs):
    return Access(ok=frozenset(ok), status=status, **kwargs)


def api(ok, status="2xx", **kwargs):
    """An API endpoint: anonymous clients get 401 (they must authenticate)."""
    kwargs.setdefault("anonymous", "401")
    return Access(ok=frozenset(ok), status=status, **kwargs)


#: the Django admin's per-model views and the permission each needs
ADMIN_ACTIONS = {
    "changelist": ("view", "change"),
    "history": ("view", "change"),
    "change": ("view", "change"),
    "add": ("add",),
    "delete": ("delete",),
}


def admin_model_expected(model, action, who, user):
    """The Django admin never gives more than the group permissions
    (``governance/reference/admin_permissions.yaml``): without the model's permission a staff
    persona gets 403; with it, the page (a missing object redirects, and a record that must not
    change may still be refused). Everyone else is sent to sign in."""
    if who == ANONYMOUS or not user.is_staff:
        return ("login",)
    opts = model._meta
    if any(user.has_perm(f"{opts.app_label}.{perm}_{opts.model_name}") for perm in action):
        return ("2xx", "3xx", "403")
    if not model._default_manager.exists():
        return ("403", "3xx")  # the history of an object that is not there redirects first
    return ("403",)
