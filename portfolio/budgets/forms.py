from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import User
from portfolio.models import Project
from programmes.models import Initiative

from .choices import Category, Source
from .models import BudgetCycle

BLANK = [("", "---------")]


class LineForm(forms.Form):
    # Blank first choices, so an untouched extra row of the formset counts as unchanged.
    category = forms.ChoiceField(
        label=_("Category"),
        choices=BLANK + Category.choices,
        widget=forms.Select(attrs={"data-group": ""}),
    )
    source = forms.ChoiceField(label=_("Source of funds"), choices=BLANK + Source.choices)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    amount = forms.DecimalField(
        label=_("Amount (USD)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-amount": ""}),
    )
    justification = forms.CharField(
        label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.all(), required=False
    )

    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )

    def __init__(self, *args, years=(), projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = BLANK + [(year, year) for year in years]
        if projects is not None:
            self.fields["project"].queryset = projects

    def as_line(self):
        data = self.cleaned_data
        return {
            "category": data["category"],
            "source": data["source"],
            "year": data["year"],
            "amount": data["amount"],
            "justification": data.get("justification", ""),
            "initiative_id": data["initiative"].pk if data.get("initiative") else None,
            "project_id": data["project"].pk if data.get("project") else None,
        }


class BaseLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self.can_delete and self._should_delete_form(form):
                continue
            # A row with its own errors is reported on the row; it has no key to compare.
            if form.errors or not getattr(form, "cleaned_data", None):
                continue
            key = (
                form.cleaned_data.get("category"),
                form.cleaned_data.get("source"),
                form.cleaned_data.get("year"),
            )
            if key in seen:
                raise forms.ValidationError(
                    _("Two lines have the same category, source and year: combine them.")
                )
            seen.add(key)

    def lines(self):
        # An existing row is kept even if untouched; an extra row only once something is typed.
        return [
            form.as_line()
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))
        ]


LineFormSet = forms.formset_factory(
    LineForm, formset=BaseLineFormSet, extra=1, can_delete=True, max_num=500, validate_max=True
)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class ActionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsolidationForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("Cycle"),
        queryset=BudgetCycle.objects.all(),
        to_field_name="code",
        required=False,
    )
    basis = forms.ChoiceField(
        label=_("Submissions counted"),
        choices=[("submitted", _("All submitted (not drafts)")), ("approved", _("Approved only"))],
        required=False,
    )


class ImportForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("Cycle"), queryset=BudgetCycle.objects.all(), to_field_name="code"
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: unit, category, source, year, amount; optional justification, initiative "
            "(code), project (number)."
        ),
    )


class DelegateForm(forms.Form):
    username = forms.CharField(label=_("User name of the delegate"), max_length=150)

    def clean_username(self):
        user = User.objects.filter(username=self.cleaned_data["username"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return user
