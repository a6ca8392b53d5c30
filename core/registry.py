"""Small registries through which a higher app plugs into a lower one.

A lower app never imports the apps above it. Where it needs something they own, it reads a
registry here that they fill when Django starts (in their ``AppConfig.ready``):

- ``subjects``: the models a governance body can decide (``governance.subjects`` is the
  governance-facing interface: ``register(model, ...)``, ``registered_models()``);
- ``report_sections``: the figures an app adds to the quarterly portfolio report, as of the
  quarter's last day (``ReportSection``: survey satisfaction, staffing totals);
- ``kpi_sources``: the measures an app offers to KPIs (``KpiSource``: a key, a label, a unit
  and a callable computing a value per period and owner).

Entries are keyed; registering a key again replaces its entry (``ready`` may run twice in
tests), and ``Registry.override`` swaps entries for the length of a ``with`` block::

    # survey/apps.py
    def ready(self):
        from core.registry import ReportSection, report_sections
        from . import selectors
        report_sections.register(ReportSection("survey", _("User satisfaction"),
                                               selectors.satisfaction_as_of))
"""

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class Registry:
    """Entries by key, in registration order."""

    def __init__(self, name):
        self.name = name
        self._entries = {}

    def __repr__(self):
        return f"<Registry {self.name}: {', '.join(map(str, self._entries)) or 'empty'}>"

    def register(self, entry, *, key=None):
        """Add ``entry`` under ``key`` (default: ``entry.key``); return the entry."""
        self._entries[entry.key if key is None else key] = entry
        return entry

    def unregister(self, key):
        self._entries.pop(key, None)

    def get(self, key, default=None):
        return self._entries.get(key, default)

    def __getitem__(self, key):
        try:
            return self._entries[key]
        except KeyError:
            raise KeyError(f"{key!r} is not registered in {self.name}") from None

    def __contains__(self, key):
        return key in self._entries

    def __iter__(self):
        return iter(list(self._entries.values()))

    def __len__(self):
        return len(self._entries)

    def keys(self):
        return list(self._entries)

    def values(self):
        return list(self._entries.values())

    def items(self):
        return list(self._entries.items())

    @contextlib.contextmanager
    def override(self, *entries, **keyed):
        """Register ``entries`` (by their key) and ``keyed`` entries for a ``with`` block; the
        registry is restored afterwards."""
        saved = dict(self._entries)
        try:
            for entry in entries:
                self.register(entry)
            for key, entry in keyed.items():
                self.register(entry, key=key)
            yield self
        finally:
            self._entries.clear()
            self._entries.update(saved)


@dataclass(frozen=True)
class SubjectType:
    """A model whose records a governance body decides (see ``governance.subjects``).

    ``apply_decision(subject, decision)`` carries out a recorded decision (inside its
    transaction, the subject's row locked) and ``is_visible_to(subject, user)`` says whether
    the user may see the subject; each defaults to the model's method of that name.
    ``is_party_to(subject, user)`` says whether the user is a party to the subject (its
    proponent, say): a party who may not read the governance register sees the decisions on
    it with names, attendance, opinions and minutes redacted; default: the model's method of
    that name, or nobody. ``pending_among(bodies)`` gives ``(body, record)`` for the records
    awaiting a decision of any of ``bodies`` now, in one query (worklists across every body
    one sits on, "add everything awaiting this body"); default: none.
    ``provenance(decisions)`` gives, for decisions on records of this model (saved or about
    to be), the records behind each (``governance.subjects.provenance_of`` says what), as a
    list of plain-data dicts in the same order, in a constant number of queries; default:
    nothing beyond governance's own record.

    ``visible_among(pks, user)`` gives the set of those primary keys whose records ``user``
    may see, in one query, for lists of subjects (a worklist, say); default: ``is_visible_to``
    for each.

    ``deciding_body``, ``decision_outcomes`` and ``subject_version`` (each called with the
    subject) stand in for the model's ``get_deciding_body``, ``get_decision_outcomes`` and
    ``get_subject_version``: a model of an app below governance (a programme's initiative)
    cannot name a body, so the app above that registers it answers for it.
    """

    model: type
    apply_decision: Callable | None = None
    is_visible_to: Callable | None = None
    is_party_to: Callable | None = None
    provenance: Callable | None = None
    deciding_body: Callable | None = None
    decision_outcomes: Callable | None = None
    subject_version: Callable | None = None
    visible_among: Callable | None = None
    pending_among: Callable | None = None

    @property
    def key(self):
        return self.model._meta.label_lower


@dataclass(frozen=True)
class ReportSection:
    """Figures an app adds to the quarterly report.

    ``figures(as_of)`` returns the section's figures as of the date ``as_of`` (the quarter's
    last day) as plain JSON (numbers, strings, ISO dates, lists and dicts), or ``None`` when
    there is nothing to report. They are stored under ``key`` in the report's figures.
    """

    key: str
    label: str
    figures: Callable[[datetime.date], Any]
    order: int = 100


@dataclass(frozen=True)
class KpiSource:
    """A measure an app offers to KPIs.

    ``compute(*, start, end, owner=None)`` returns the measure over the period from ``start``
    to ``end`` (dates, both included) for ``owner`` (e.g. a programme or an organisation
    unit; ``None``: the whole organisation), as a number, or ``None`` when it cannot be
    measured. ``unit`` says what the number counts ("%", "USD", "projects", "days").
    """

    key: str
    label: str
    unit: str
    compute: Callable[..., Any]
    description: str = ""


subjects = Registry("governance subjects")
report_sections = Registry("report sections")
kpi_sources = Registry("KPI sources")
