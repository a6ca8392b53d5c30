from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock

from .choices import PLANNED_STATES, Choice


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        year = clock.today().year
        kwargs.setdefault("initial", {"first_year": year, "last_year": year + 2})
        super().__init__(*args, **kwargs)


class ChoiceForm(forms.Form):
    project = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Choice"), choices=Choice.choices)
    phase_percent = forms.IntegerField(
        label=_("First phase (%)"), min_value=1, max_value=99, required=False
    )
    priority = forms.IntegerField(label=_("Priority"), min_value=1, required=False)


class EnvelopeForm(forms.Form):
    programme = forms.CharField(widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("Envelope (USD)"), min_value=0, max_digits=14, decimal_places=2
    )


class FrontierForm(forms.Form):
    low = forms.DecimalField(
        label=_("Lowest budget (USD)"), min_value=0, max_digits=14, decimal_places=0, required=False
    )
    high = forms.DecimalField(
        label=_("Highest budget (USD)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        required=False,
    )
    steps = forms.IntegerField(
        label=_("Points"), min_value=2, max_value=40, required=False, initial=12
    )
    first_year = forms.IntegerField(
        label=_("First year"), min_value=2000, max_value=2100, required=False
    )
    last_year = forms.IntegerField(
        label=_("Last year"), min_value=2000, max_value=2100, required=False
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and high < low:
            self.add_error("high", _("The highest budget is at least the lowest."))
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and (last < first or last - first >= 10):
            self.add_error("last_year", _("Up to ten years, the last after the first."))
        return data


class DependencyForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=None)
    requires = forms.ModelChoiceField(label=_("cannot be funded without"), queryset=None)

    def __init__(self, *args, **kwargs):
        from portfolio.models import Project

        super().__init__(*args, **kwargs)
        planned = Project.objects.filter(state__in=PLANNED_STATES).order_by("pk")
        for name in ("project", "requires"):
            self.fields[name].queryset = planned
            self.fields[name].label_from_instance = lambda p: f"{p.reference} {p.title}"


class RebalancingForm(forms.Form):
    """One rebalancing: a year, one envelope per programme (prefilled with those in force),
    the reason, and how the Executive Committee takes it (a meeting or a written vote)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    rationale = forms.CharField(
        label=_("Why the envelopes change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    meeting = forms.TypedChoiceField(
        label=_("On the agenda of"), coerce=int, required=False, empty_value=None, choices=()
    )
    deadline = forms.DateTimeField(
        label=_("or by written procedure, votes until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, programmes, years, meetings, current=None, **kwargs):
        """``current``: (programme id, year) -> the envelope in force, for the initial
        amounts of the initial year."""
        from .choices import MAX_ENVELOPE

        super().__init__(*args, **kwargs)
        self.programmes = list(programmes)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["meeting"].choices = [("", _("(a written procedure instead)"))] + [
            (m.pk, str(m)) for m in meetings
        ]
        year = self.initial.get("year")
        for programme in self.programmes:
            amount = (current or {}).get((programme.pk, year))
            self.fields[self.amount_field(programme)] = forms.DecimalField(
                label=_("%(programme)s (USD)") % {"programme": programme.name},
                min_value=0,
                max_value=MAX_ENVELOPE,
                max_digits=14,
                decimal_places=2,
                initial=amount,
            )
        self.order_fields(["year", *(self.amount_field(p) for p in self.programmes), "rationale"])

    @staticmethod
    def amount_field(programme):
        return f"amount_{programme.code}"

    def amount_fields(self):
        return [self[self.amount_field(p)] for p in self.programmes]

    def clean(self):
        data = super().clean()
        if data.get("meeting") is not None and data["meeting"] not in self.meetings:
            self.add_error("meeting", _("Choose a meeting of the Executive Committee."))
        elif (data.get("meeting") is None) == (data.get("deadline") is None):
            if not self.has_error("deadline"):
                self.add_error(
                    "deadline",
                    _(
                        "Choose a meeting of the Executive Committee, or give a deadline for a "
                        "written vote (not both)."
                    ),
                )
        return data

    def amounts(self):
        return {p: self.cleaned_data[self.amount_field(p)] for p in self.programmes}

    def chosen_meeting(self):
        pk = self.cleaned_data.get("meeting")
        return self.meetings.get(pk) if pk is not None else None
