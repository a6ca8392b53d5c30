"""Who may take a non-committee transition or edit a project: the named rules of the table.

Committee transitions are never decided here: ``governance.rights`` says who may record a
body's decision, and the decision arrives through the governance subject registered in
``portfolio/apps.py``.
"""

from governance import rights, roles

from .choices import COMMITTEE, EDITABLE_STATES


def _is_proponent(user, project):
    return user.is_authenticated and project.proponent_id == user.pk


def _proponent(user, project):
    # The PMO enters and submits proposals on a department's behalf (para 38).
    return _is_proponent(user, project) or roles.is_pmo(user)


def _pmo(user, project):
    return roles.is_pmo(user)


def _cito(user, project):
    return roles.is_cito(user)


def _secretariat(user, project):
    # OICT's Strategic Management Service (the PMO) is the committees' secretariat.
    return roles.is_pmo(user) or roles.is_cito(user)


def _delivery(user, project):
    return (
        _is_proponent(user, project)
        or (user.is_authenticated and project.project_manager_id == user.pk)
        or roles.is_pmo(user)
    )


def _committee(user, project):
    return rights.can_decide(user, project)


RULES = {
    "proponent": _proponent,
    "pmo": _pmo,
    "cito": _cito,
    "secretariat": _secretariat,
    "delivery": _delivery,
    COMMITTEE: _committee,
}


def may(user, who, project):
    return RULES[who](user, project)


def can_propose(user):
    """Anyone with an organisation unit (a department's sponsor) or the PMO may propose."""
    return user.is_authenticated and (user.organisation_unit_id is not None or roles.is_pmo(user))


def can_edit_case(user, project):
    return project.state in EDITABLE_STATES and _proponent(user, project)


def can_see_case(user, project, case):
    """A submitted (frozen) version is seen by whoever sees the project; a version still being
    written only by its authors: who may edit it (the proponent, the PMO entering it on a
    department's behalf) and who started it. Reviewers and committees read it once submitted."""
    if case.frozen_at is not None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return case.created_by_id == user.pk or can_edit_case(user, project)


def can_review(user, project):
    return roles.is_pmo(user)


def can_report_status(user, project):
    return _delivery(user, project)


def can_score(user, project):
    return rights.can_vote(user, project)


def can_set_weights(user, body):
    return rights.can_decide(user, body=body) or roles.is_pmo(user)


def can_see_prioritisation(user, body):
    """The committee's members, the Executive Committee's members, the PMO and the CITO."""
    from governance.choices import BodyKind

    if not user.is_authenticated:
        return False
    if rights.sees_everything(user):
        return True
    return any(
        seat.body_id == getattr(body, "pk", None) or seat.body.kind == BodyKind.EXECUTIVE_COMMITTEE
        for seat in rights.current_seats(user)
    )


def can_propose_envelope(user):
    return roles.is_pmo(user)


def can_manage_assets(user):
    """The PMO keeps the ICT asset inventory (it manages the portfolio, para 38 and 50)."""
    return getattr(user, "is_authenticated", False) and roles.is_pmo(user)
