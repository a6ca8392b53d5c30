"""Irreversible actions ask first: the one confirmation step every page uses.

A view that does something that cannot be undone (records a decision, withdraws or cancels a
project, closes a meeting or a written procedure, approves or returns a budget, closes a
survey, revokes a token, removes a delegate) checks its input first, then, unless the POST
carries the confirmation, answers with :func:`ask`: a page that says what will happen and what
cannot be undone, keeps everything the person entered (the fields of ``form`` shown again,
editable; every other posted value carried as a hidden field), and offers a ``danger`` button
that posts the same data again with ``confirmed=1``, and a way back. It needs no JavaScript.

When the action is refused after the confirmation (a rule says no), the view calls
:func:`ask` again with the error: the person reads why, and what they typed is still there::

    if not confirm.confirmed(request):
        return confirm.ask(request, action, form=form)
    try:
        services.project_transition(...)
    except PortfolioError as error:
        return confirm.ask(request, action, form=form, errors=[str(error)], status=409)
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.shortcuts import render

#: the POST field that says "yes, I have read what cannot be undone"
CONFIRM_FIELD = "confirmed"
_NEVER_CARRIED = frozenset({"csrfmiddlewaretoken", CONFIRM_FIELD})


@dataclass(frozen=True)
class Irreversible:
    """What the confirmation page says about one action."""

    #: the action, as a heading: "Withdraw the proposal P-2026-004"
    title: str
    #: what cannot be undone, in a sentence or two
    consequence: str
    #: the label of the danger button: "Withdraw the proposal"
    button: str
    #: where "Go back without changing anything" leads
    cancel_url: str
    #: (label, value) pairs that identify what is acted on
    facts: Sequence[tuple[str, str]] = field(default_factory=tuple)


def confirmed(request):
    """Whether this POST is the second one, sent from the confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def carried_values(request, *, shown=()):
    """The posted values the confirmation page sends back unchanged (as hidden fields)."""
    skip = _NEVER_CARRIED | set(shown)
    return [
        (name, value)
        for name in request.POST
        if name not in skip
        for value in request.POST.getlist(name)
    ]


def ask(request, action, *, form=None, errors=(), status=200):
    """The confirmation page for ``action`` (an :class:`Irreversible`).

    ``form``: a bound form whose fields are shown again (with their errors) so the person can
    still change what they typed; ``errors``: why the action was refused, if it was.
    """
    shown = [form.add_prefix(name) for name in form.fields] if form is not None else []
    return render(
        request,
        "core/confirm.html",
        {
            "action": action,
            "form": form,
            "errors": list(errors),
            "carried": carried_values(request, shown=shown),
            "confirm_field": CONFIRM_FIELD,
        },
        status=status,
    )
