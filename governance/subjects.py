"""The small interface through which other apps make their records decidable.

Governance never imports portfolio or staffing. A model becomes a *subject* a governance body
can decide by implementing the methods of ``DecidableSubject`` and registering itself::

    # portfolio/apps.py
    def ready(self):
        from governance.subjects import register
        register(self.get_model("Project"))

Decisions, agenda items and opinions point at subjects through a generic relation
(content type + object id) and keep ``get_subject_version()`` as the exact version decided.
"""

from typing import Protocol, runtime_checkable

_registry = {}


@runtime_checkable
class DecidableSubject(Protocol):
    def get_deciding_body(self):
        """The ``Body`` that decides this subject in its current state, or ``None``."""

    def get_decision_outcomes(self):
        """The ``governance.choices.Outcome`` values a decision may take now."""

    def get_subject_version(self):
        """A stable label of the exact version before the body (e.g. ``"business case v2"``)
        and the version's primary key, as ``(label, pk)``."""

    def apply_decision(self, decision):
        """Carry out a recorded decision. Called inside the transaction that records it,
        with the subject's row locked; raises ``django.core.exceptions.ValidationError`` to
        refuse (the decision is then not recorded)."""

    def is_visible_to(self, user):
        """Whether ``user`` may see this subject at all (otherwise: 404)."""

    def get_absolute_url(self):
        """The subject's page."""


def register(model):
    missing = [name for name in _protocol_methods() if not hasattr(model, name)]
    if missing:
        raise TypeError(f"{model.__name__} cannot be a governance subject: lacks {missing}")
    _registry[model._meta.label_lower] = model
    return model


def registered_models():
    return list(_registry.values())


def is_registered(model_or_instance):
    return model_or_instance._meta.label_lower in _registry


def _protocol_methods():
    return [
        "get_deciding_body",
        "get_decision_outcomes",
        "get_subject_version",
        "apply_decision",
        "is_visible_to",
        "get_absolute_url",
    ]
