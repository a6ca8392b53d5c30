"""Portfolio panels of the home page: the PMO's pipeline and work, the portfolio at a glance
for the CITO and the Executive Committee, and a proponent's own proposals."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.charts import bar_chart
from core.dashboard import Count as PanelCount
from core.dashboard import DataTable, Entry, Panel
from governance import rights, roles
from governance.choices import BodyKind
from programmes.models import Programme

from . import selectors
from .choices import CLOSED_STATES, RAG_SYMBOLS, EnvelopeState, ProjectState, Rag
from .models import ResourceEnvelope

SHOWN = 6
S = ProjectState

#: What a proposal in each state waits on, as its proponent reads it.
WAITS_ON = {
    S.DRAFT: gettext_lazy("you: complete and submit it"),
    S.RETURNED: gettext_lazy("you: revise it and submit it again"),
    S.SUBMITTED: gettext_lazy("the PMO's review"),
    S.ACCEPTED: gettext_lazy("the CITO's endorsement"),
    S.ENDORSED: gettext_lazy("the PMO placing it before the steering committee"),
    S.DEFERRED: gettext_lazy("being placed before the steering committee again"),
    S.WITH_STEERING_COMMITTEE: gettext_lazy("the steering committee's decision"),
    S.WITH_EXECUTIVE_COMMITTEE: gettext_lazy("the Executive Committee's decision"),
    S.APPROVED: gettext_lazy("the start of delivery"),
    S.IN_DELIVERY: gettext_lazy("monthly status reports until completion"),
}


def pipeline_url(**filters):
    url = reverse("portfolio:pipeline")
    return f"{url}?{urlencode(filters)}" if filters else url


def money(value):
    return number_format(Decimal(value or 0), decimal_pos=0, force_grouping=True)


def panels(user):
    if roles.is_pmo(user):
        yield pmo_work_panel(user)
        yield pipeline_panel(user)
    if roles.is_cito(user) or _on_executive_committee(user):
        yield envelopes_panel(user)
        yield rag_panel(user)
    if user.proposed_projects.exists():
        yield my_proposals_panel(user)


def _on_executive_committee(user):
    return rights.holds_seat(user, kind=BodyKind.EXECUTIVE_COMMITTEE)


def _state_counts(user):
    rows = (
        selectors.projects_visible_to(user)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return dict(rows)


def pmo_work_panel(user):
    counts = _state_counts(user)
    # Counted in the database: the panel once loaded every project in delivery (issue 16).
    overdue = selectors.overdue_projects(user, clock.today()).count()
    return Panel(
        key="pmo-work",
        title=_("Waiting on the PMO"),
        order=13,
        counts=[
            PanelCount(
                _("Business cases to review"),
                counts.get(S.SUBMITTED, 0),
                pipeline_url(state=S.SUBMITTED),
            ),
            PanelCount(
                _("Endorsed, to place before a steering committee"),
                counts.get(S.ENDORSED, 0),
                pipeline_url(state=S.ENDORSED),
            ),
            PanelCount(
                _("Deferred, to place again"),
                counts.get(S.DEFERRED, 0),
                pipeline_url(state=S.DEFERRED),
            ),
            PanelCount(
                _("Projects with an overdue status report"),
                overdue,
                pipeline_url(state=S.IN_DELIVERY, overdue="1"),
            ),
        ],
    )


def pipeline_panel(user):
    counts = _state_counts(user)
    rows = [(state, label, counts.get(state, 0)) for state, label in S.choices]
    return Panel(
        key="pipeline",
        title=_("Pipeline by state"),
        order=30,
        counts=[PanelCount(_("Projects in the portfolio"), sum(counts.values()), pipeline_url())],
        wide=True,
        chart=bar_chart(
            [(str(label), n, str(n)) for _state, label, n in rows if n],
            title=_("Projects by state"),
        ),
        table=DataTable(
            _("Projects by state"),
            [_("State"), _("Projects")],
            [[{"label": label, "url": pipeline_url(state=state)}, n] for state, label, n in rows],
        ),
        more_url=reverse("portfolio:overview"),
        more_label=_("Portfolio overview"),
    )


def envelopes_panel(user):
    year = clock.today().year
    money_field = DecimalField(max_digits=16, decimal_places=2)
    committed = dict(
        selectors.projects_visible_to(user)
        .filter(state__in=[S.APPROVED, S.IN_DELIVERY])
        .order_by()
        .values("programme_id")
        .annotate(total=Coalesce(Sum("total_cost"), Value(0), output_field=money_field))
        .values_list("programme_id", "total")
    )
    envelopes = {
        envelope.programme_id: envelope.amount
        for envelope in ResourceEnvelope.objects.filter(
            year=year, state=EnvelopeState.SET
        ).order_by("programme_id", "pk")
    }
    rows = []
    for programme in Programme.objects.order_by("order"):
        spent = committed.get(programme.pk, 0) or 0
        envelope = envelopes.get(programme.pk)
        share = f"{round(spent * 100 / envelope)}%" if envelope else _("no envelope set")
        rows.append((programme, spent, envelope, share))
    return Panel(
        key="envelopes",
        title=_("Committed cost against envelopes, %(year)s") % {"year": year},
        order=31,
        intro=_("Total estimated cost of approved projects and projects in delivery."),
        wide=True,
        chart=bar_chart(
            [
                (
                    programme.name,
                    spent,
                    _("%(spent)s of %(envelope)s (%(share)s)")
                    % {
                        "spent": money(spent),
                        "envelope": money(envelope) if envelope else "–",
                        "share": share,
                    },
                )
                for programme, spent, envelope, share in rows
            ],
            title=_("Committed cost by programme (USD)"),
            text_room=200,
        ),
        table=DataTable(
            _("Committed cost against envelopes (USD)"),
            [_("Programme"), _("Committed"), _("Envelope"), _("Share")],
            [
                [
                    {"label": programme.name, "url": pipeline_url(programme=programme.code)},
                    money(spent),
                    money(envelope) if envelope else "–",
                    share,
                ]
                for programme, spent, envelope, share in rows
            ],
        ),
    )


RAG_LABELS = {
    Rag.RED: gettext_lazy("Red"),
    Rag.AMBER: gettext_lazy("Amber"),
    Rag.GREEN: gettext_lazy("Green"),
    "": gettext_lazy("No report yet"),
}


def rag_panel(user):
    rows = (
        selectors.projects_visible_to(user)
        .filter(state=S.IN_DELIVERY)
        .annotate(rag=selectors.overall_rag())
        .order_by()
        .values("rag")
        .annotate(n=Count("pk"))
        .values_list("rag", "n")
    )
    counts = dict(rows)
    order = [Rag.RED, Rag.AMBER, Rag.GREEN, ""]
    labelled = [
        (f"{RAG_SYMBOLS.get(rag, '○')} {RAG_LABELS[rag]}", counts.get(rag, 0)) for rag in order
    ]
    return Panel(
        key="rag",
        title=_("Projects in delivery by status (RAG)"),
        order=32,
        intro=_("The worst of schedule, budget and scope in each project's latest report."),
        counts=[
            PanelCount(
                _("Projects in delivery"),
                sum(counts.values()),
                pipeline_url(state=S.IN_DELIVERY),
            )
        ],
        wide=True,
        chart=bar_chart(
            [
                (label, n, str(n), f"rag-{rag or 'none'}")
                for (label, n), rag in zip(labelled, order, strict=True)
            ],
            title=_("Projects in delivery by overall status"),
        ),
        table=DataTable(
            _("Projects in delivery by overall status"),
            [_("Status"), _("Projects")],
            [[label, n] for label, n in labelled],
        ),
    )


def my_proposals_panel(user):
    projects = list(
        selectors.projects_visible_to(user)
        .filter(proponent=user)
        .exclude(state__in=CLOSED_STATES)
        .order_by("-updated_at", "-pk")[: SHOWN + 1]
    )
    return Panel(
        key="my-proposals",
        title=_("My proposals"),
        order=14,
        entries=[
            Entry(
                f"{project.reference} {project.title}",
                project.get_absolute_url(),
                _("%(state)s; waits on %(who)s")
                % {"state": project.get_state_display(), "who": WAITS_ON.get(project.state, "–")},
            )
            for project in projects[:SHOWN]
        ],
        empty=_("You have no open proposal."),
        more_url=pipeline_url() if len(projects) > SHOWN else "",
        more_label=_("All projects you may see"),
    )
