from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from core import clock
from governance.models import OrganisationUnit
from programmes.models import Initiative, Programme

from .choices import CostCategory, CostKind, Criterion, Rag

BLANK = [("", "---------")]


class ProposalForm(forms.Form):
    """The text sections of a proposal and its business case (the rows are formsets)."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Programme served"), queryset=Programme.objects.all()
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative served"),
        queryset=Initiative.objects.select_related("programme"),
        required=False,
    )
    spans_programmes = forms.BooleanField(
        label=_("The project also serves other programmes"), required=False
    )
    sponsoring_unit = forms.ModelChoiceField(
        label=_("Sponsoring department"), queryset=OrganisationUnit.objects.all()
    )
    problem = forms.CharField(
        label=_("Problem and objectives"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    options_considered = forms.CharField(
        label=_("Options considered"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    qualitative_benefits = forms.CharField(
        label=_("Qualitative benefits"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    dependencies = forms.CharField(
        label=_("Dependencies"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    standards_compliance = forms.CharField(
        label=_("Standards compliance"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    CASE_FIELDS = (
        "programme",
        "initiative",
        "sponsoring_unit",
        "problem",
        "scope",
        "options_considered",
        "qualitative_benefits",
        "dependencies",
        "standards_compliance",
    )

    def clean(self):
        data = super().clean()
        initiative, programme = data.get("initiative"), data.get("programme")
        if initiative and programme and initiative.programme_id != programme.pk:
            self.add_error("initiative", _("This initiative belongs to another programme."))
        return data

    def case_fields(self):
        return {name: self.cleaned_data.get(name) for name in self.CASE_FIELDS}


class LineForm(forms.Form):
    def row(self):
        """The row's values, or ``None`` for an empty or deleted row."""
        if self.cleaned_data.get("DELETE"):
            return None
        # An untouched extra row is empty; an untouched existing row is kept as it is.
        if self.empty_permitted and not self.has_changed():
            return None
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


def _year():
    return forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


def _money(label=None):
    return forms.DecimalField(
        label=label or _("Amount (USD)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-amount": ""}),
    )


class CostForm(LineForm):
    year = _year()
    # A blank first choice keeps an untouched extra row empty (a select always posts a value).
    kind = forms.ChoiceField(label=_("One-time or recurring"), choices=BLANK + CostKind.choices)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=BLANK + CostCategory.choices,
        widget=forms.Select(attrs={"data-group": ""}),
    )
    amount = _money()


class BenefitForm(LineForm):
    year = _year()
    description = forms.CharField(label=_("Benefit"), max_length=300)
    amount = _money(_("Quantified value (USD)"))


class RiskForm(LineForm):
    description = forms.CharField(label=_("Risk"), max_length=300)
    likelihood = forms.IntegerField(label=_("Likelihood (1-5)"), min_value=1, max_value=5)
    impact = forms.IntegerField(label=_("Impact (1-5)"), min_value=1, max_value=5)
    mitigation = forms.CharField(label=_("Mitigation"), max_length=300, required=False)


class FundingForm(LineForm):
    source = forms.CharField(label=_("Source of funds"), max_length=200)
    amount = _money()


SECTIONS = (
    ("costs", CostForm, _("Costs by year")),
    ("benefits", BenefitForm, _("Quantified benefits by year")),
    ("risks", RiskForm, _("Risks")),
    ("funding", FundingForm, _("Funding sources")),
)
SECTION_KEYS = tuple(key for key, _form, _label in SECTIONS)
#: per section: the amount summed in the running totals and the field grouping them
TOTALS = {
    "costs": ("amount", "category", CostCategory.choices, _("Total cost")),
    "benefits": ("amount", "", [], _("Total quantified benefits")),
    "funding": ("amount", "", [], _("Total funding")),
}


def line_formset(key, data=None, initial=None):
    form_class, label = next((f, lab) for k, f, lab in SECTIONS if k == key)
    factory = formset_factory(form_class, extra=1, can_delete=True, max_num=200, validate_max=True)
    formset = factory(data, initial=initial or [], prefix=key)
    formset.label = label
    formset.key = key
    return formset


def line_formsets(data=None, initial=None):
    """One formset per section, keyed by section (prefix = section name)."""
    initial = initial or {}
    return {key: line_formset(key, data, initial.get(key)) for key in SECTION_KEYS}


def formset_rows(formsets):
    return {key: [r for r in (f.row() for f in fs.forms) if r] for key, fs in formsets.items()}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    complete = forms.BooleanField(label=_("Complete against the standard template"), required=False)
    compliant = forms.BooleanField(
        label=_("Compliant with architecture and standards"), required=False
    )
    overlap_examined = forms.BooleanField(
        label=_("Overlap with other projects examined"), required=False
    )
    metrics_comparable = forms.BooleanField(
        label=_("Metrics comparable with other cases"), required=False
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=(("accept", _("Accept")), ("return", _("Return to the proponent"))),
        widget=forms.RadioSelect,
    )

    def checklist(self):
        return {
            k: self.cleaned_data[k]
            for k in ("complete", "compliant", "overlap_examined", "metrics_comparable")
        }

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "return" and not (data.get("comments") or "").strip():
            self.add_error("comments", _("Say what the proponent must change."))
        return data


class StatusReportForm(forms.Form):
    period = forms.DateField(
        label=_("Month reported (any day of the month)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    schedule = forms.ChoiceField(label=_("Schedule"), choices=Rag.choices)
    budget = forms.ChoiceField(label=_("Budget"), choices=Rag.choices)
    scope = forms.ChoiceField(label=_("Scope"), choices=Rag.choices)
    percent_complete = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    actual_spend = _money(_("Actual spend to date (USD)"))
    issues = forms.CharField(
        label=_("Issues"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    risks = forms.CharField(
        label=_("Risks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Phase"), max_length=200)
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))
    deliverables = forms.CharField(
        label=_("Deliverables"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("A phase cannot end before it starts."))
        return data


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class ScoreForm(forms.Form):
    def __init__(self, *args, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            self.fields[value] = forms.TypedChoiceField(
                label=label,
                choices=SCORE_CHOICES,
                coerce=int,
                initial=(initial_scores or {}).get(value),
            )


class WeightsForm(forms.Form):
    def __init__(self, *args, weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            self.fields[value] = forms.IntegerField(
                label=label, min_value=0, max_value=100, initial=(weights or {}).get(value)
            )


class EnvelopeForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=lambda: clock.today().year
    )
    amount = _money()


class ProjectServicesForm(forms.Form):
    services = forms.ModelMultipleChoiceField(
        label=_("ICT services the project creates or changes"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from governance.performance.models import Service

        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = Service.objects.filter(active=True).order_by("order")


class InitiativeRankingForm(forms.Form):
    """Put an initiative's ranking before the Executive Committee."""

    rank = forms.IntegerField(
        label=_("Proposed rank (1 is the highest priority)"), min_value=1, max_value=999
    )
    meeting = forms.TypedChoiceField(
        label=_("On the agenda of"), coerce=int, required=False, empty_value=None, choices=()
    )
    deadline = forms.DateTimeField(
        label=_("or by written procedure, votes until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = [("", _("(a written procedure instead)"))] + [
            (m.pk, str(m)) for m in meetings
        ]

    def clean(self):
        data = super().clean()
        if (data.get("meeting") is None) == (data.get("deadline") is None):
            if not self.has_error("deadline") and not self.has_error("meeting"):
                self.add_error(
                    "deadline",
                    _(
                        "Choose a meeting of the Executive Committee, or give a deadline for a "
                        "written vote (not both)."
                    ),
                )
        return data

    def chosen_meeting(self):
        pk = self.cleaned_data.get("meeting")
        return self.meetings.get(pk) if pk is not None else None
