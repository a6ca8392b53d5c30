"""The small interface through which other apps make their records decidable.

Governance never imports portfolio or staffing. A model becomes a *subject* a governance body
can decide by implementing the read-only methods of ``DecidableSubject`` and registering
itself, with the functions that carry out a decision and say who may see a subject (so the
model need not import its app's services or selectors)::

    # portfolio/apps.py
    def ready(self):
        from governance.subjects import register
        from . import selectors, services
        register(
            self.get_model("Project"),
            apply_decision=lambda project, decision: services.project_apply_decision(
                project=project, decision=decision),
            is_visible_to=selectors.project_visible_to,
        )

Without those functions, the model's own ``apply_decision``/``is_visible_to`` methods are
used. Governance calls ``apply_decision(subject, decision)`` and
``is_visible_to(subject, user)`` below. The entries live in ``core.registry.subjects``.

Decisions, agenda items and opinions point at subjects through a generic relation
(content type + object id) and keep ``get_subject_version()`` as the exact version decided.
"""

from typing import Protocol, runtime_checkable

from core.registry import SubjectType
from core.registry import subjects as _registry


@runtime_checkable
class DecidableSubject(Protocol):
    def get_deciding_body(self):
        """The ``Body`` that decides this subject in its current state, or ``None``."""

    def get_decision_outcomes(self):
        """The ``governance.choices.Outcome`` values a decision may take now."""

    def get_subject_version(self):
        """A stable label of the exact version before the body (e.g. ``"business case v2"``)
        and the version's primary key, as ``(label, pk)``."""

    def get_absolute_url(self):
        """The subject's page."""


REQUIRED_METHODS = (
    "get_deciding_body",
    "get_decision_outcomes",
    "get_subject_version",
    "get_absolute_url",
)


def register(
    model,
    *,
    apply_decision=None,
    is_visible_to=None,
    is_party_to=None,
    provenance=None,
    deciding_body=None,
    decision_outcomes=None,
    subject_version=None,
    visible_among=None,
    pending_among=None,
):
    """Make ``model`` a subject. ``apply_decision(subject, decision)`` carries out a recorded
    decision inside the transaction that records it, with the subject's row locked, and raises
    ``django.core.exceptions.ValidationError`` to refuse (the decision is then not recorded);
    ``is_visible_to(subject, user)`` says whether ``user`` may see the subject (otherwise:
    404). Either defaults to the model's method of that name. ``is_party_to(subject, user)``
    names the subject's parties (its proponent...): without the right to read the governance
    register, they see its decisions redacted (``governance.rights.decision_access``).
    ``provenance(decisions)`` gives the subject's own records behind decisions on it (see
    ``provenance_of``). ``visible_among(pks, user)`` answers ``is_visible_to`` for many
    records of the model at once (the set of visible primary keys, in one query);
    ``pending_among(bodies)`` gives ``(body, record)`` for the records awaiting a decision of
    any of ``bodies`` now, in one query (see ``pending_among`` below).

    ``deciding_body(subject)``, ``decision_outcomes(subject)`` and ``subject_version(subject)``
    stand in for the interface's methods, for a model that cannot name a body itself (one of
    ``programmes``, which imports no other app): the app registering it answers for it."""
    given = {
        "get_deciding_body": deciding_body,
        "get_decision_outcomes": decision_outcomes,
        "get_subject_version": subject_version,
    }
    missing = [
        name for name in REQUIRED_METHODS if given.get(name) is None and not hasattr(model, name)
    ]
    if apply_decision is None and not hasattr(model, "apply_decision"):
        missing.append("apply_decision")
    if is_visible_to is None and not hasattr(model, "is_visible_to"):
        missing.append("is_visible_to")
    if missing:
        raise TypeError(f"{model.__name__} cannot be a governance subject: lacks {missing}")
    _registry.register(
        SubjectType(
            model=model,
            apply_decision=apply_decision,
            is_visible_to=is_visible_to,
            is_party_to=is_party_to,
            provenance=provenance,
            deciding_body=deciding_body,
            decision_outcomes=decision_outcomes,
            subject_version=subject_version,
            visible_among=visible_among,
            pending_among=pending_among,
        )
    )
    return model


def registered_models():
    return [entry.model for entry in _registry]


def is_registered(model_or_instance):
    return model_or_instance._meta.label_lower in _registry


def _entry(subject):
    meta = getattr(subject, "_meta", None)
    return _registry.get(meta.label_lower) if meta is not None else None


def apply_decision(subject, decision):
    """Carry out ``decision`` on ``subject`` (see ``register``)."""
    entry = _entry(subject)
    if entry is not None and entry.apply_decision is not None:
        return entry.apply_decision(subject, decision)
    return subject.apply_decision(decision)


def deciding_body(subject):
    """The ``Body`` that decides ``subject`` now, or ``None`` (see ``register``)."""
    entry = _entry(subject)
    if entry is not None and entry.deciding_body is not None:
        return entry.deciding_body(subject)
    return subject.get_deciding_body()


def decision_outcomes(subject):
    """The outcomes a decision on ``subject`` may take now (see ``register``)."""
    entry = _entry(subject)
    if entry is not None and entry.decision_outcomes is not None:
        return entry.decision_outcomes(subject)
    return subject.get_decision_outcomes()


def subject_version(subject):
    """``(label, pk)`` of the exact version of ``subject`` before the body (see
    ``register``)."""
    entry = _entry(subject)
    if entry is not None and entry.subject_version is not None:
        return entry.subject_version(subject)
    return subject.get_subject_version()


def is_visible_to(subject, user):
    """Whether ``user`` may see ``subject`` (see ``register``)."""
    entry = _entry(subject)
    if entry is not None and entry.is_visible_to is not None:
        return entry.is_visible_to(subject, user)
    return subject.is_visible_to(user)


def visible_subjects(subjects, user):
    """The ``(content type id, pk)`` pairs of ``subjects`` that ``user`` may see: one query per
    model that registered ``visible_among``, ``is_visible_to`` for each of the others."""
    from django.contrib.contenttypes.models import ContentType

    by_model = {}
    for subject in subjects:
        by_model.setdefault(type(subject), []).append(subject)
    visible = set()
    for model, records in by_model.items():
        type_id = ContentType.objects.get_for_model(model).pk
        entry = _entry(records[0])
        if entry is not None and entry.visible_among is not None:
            pks = entry.visible_among([r.pk for r in records], user)
            visible.update((type_id, pk) for pk in pks)
        else:
            visible.update((type_id, r.pk) for r in records if is_visible_to(r, user))
    return visible


def is_party_to(subject, user):
    """Whether ``user`` is a party to ``subject`` (see ``register``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    entry = _entry(subject)
    if entry is not None and entry.is_party_to is not None:
        return entry.is_party_to(subject, user)
    method = getattr(subject, "is_party_to", None)
    return bool(method(user)) if callable(method) else False


def pending_before(body):
    """Every registered subject awaiting a decision of ``body`` now, by model, in
    registration order (one query per model that says what is pending)."""
    return [subject for _body, subject in pending_among([body])]


def pending_among(bodies):
    """``(body, subject)`` for every registered subject awaiting a decision of one of
    ``bodies`` now: body by body (in the order given), then by model in registration order
    (one query per model that says what is pending)."""
    bodies = list(bodies)
    if not bodies:
        return []
    found = {body.pk: [] for body in bodies}
    for entry in _registry:
        if entry.pending_among is None:
            continue
        for body, record in entry.pending_among(bodies):
            found[body.pk].append((body, record))
    return [pair for body in bodies for pair in found[body.pk]]


#: What a subject's ``provenance`` hook may say about a decision on it, each ``None`` when
#: there is none on record; every entry carries ``at`` (ISO date-time), ``by`` (``{"id",
#: "name"}`` or ``None``) and ``url`` (the subject's page or record that shows it):
#:
#: - ``pmo_review``: the review of the decided version: ``outcome``, ``outcome_label``,
#:   ``version``, ``checklist`` (``[{"key", "label", "ticked"}]``) and ``comments``;
#: - ``cito_endorsement``: the CITO's endorsement of that version, with its ``comment``;
#: - ``state_change``: the change the decision caused, ``from``/``to`` with ``from_label``/
#:   ``to_label`` (none for an outcome that leaves the state as it is, e.g. a ranking).
RECORD_KEYS = ("pmo_review", "cito_endorsement", "state_change")


def provenance_of(decisions):
    """The subjects' own records behind ``decisions`` (saved, or about to be recorded), as
    one dict per decision, in order (``RECORD_KEYS``; empty for a subject type without a
    ``provenance`` hook): one call per registered model among them, each in a constant number
    of queries, so a list or an export reads them at any length in constant queries."""
    decisions = list(decisions)
    found = [{} for _ in decisions]
    by_model = {}
    for index, decision in enumerate(decisions):
        model = decision.content_type.model_class() if decision.content_type_id else None
        entry = _registry.get(model._meta.label_lower) if model is not None else None
        if entry is not None and entry.provenance is not None:
            by_model.setdefault(entry.key, (entry, []))[1].append(index)
    for entry, indexes in by_model.values():
        records = entry.provenance([decisions[index] for index in indexes])
        for index, record in zip(indexes, records, strict=True):
            found[index] = {key: record.get(key) for key in RECORD_KEYS}
    return found
