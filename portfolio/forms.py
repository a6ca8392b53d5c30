import datetime

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from governance.models import OrganisationUnit
from programmes.models import Initiative, Programme

from .choices import CostCategory, CostKind, Criterion, ProjectState, Rag

THIS_YEAR = datetime.date.today().year
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
        label=label or _("Amount (USD)"), min_value=0, max_digits=14, decimal_places=2
    )


class CostForm(LineForm):
    year = _year()
    # A blank first choice keeps an untouched extra row empty (a select always posts a value).
    kind = forms.ChoiceField(label=_("One-time or recurring"), choices=BLANK + CostKind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=BLANK + CostCategory.choices)
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


def line_formsets(data=None, initial=None):
    """One formset per section, keyed by section (prefix = section name)."""
    initial = initial or {}
    formsets = {}
    for key, form_class, label in SECTIONS:
        factory = formset_factory(form_class, extra=2, can_delete=True)
        formset = factory(data, initial=initial.get(key) or [], prefix=key)
        formset.label = label
        formset.key = key
        formsets[key] = formset
    return formsets


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
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=THIS_YEAR)
    amount = _money()


class PipelineFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states"))] + ProjectState.choices
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False, choices=())
    q = forms.CharField(label=_("Title or summary contains"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (p.code, p.name) for p in Programme.objects.all()
        ]
