from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .quarters import Quarter, last_completed


class ReportRequestForm(forms.Form):
    quarter = forms.CharField(
        label=_("Quarter"),
        max_length=7,
        help_text=_("A completed quarter, written like 2026-Q3."),
    )
    regenerate = forms.BooleanField(
        label=_("Build a new report even if the quarter has one (the older one is kept)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("quarter", str(last_completed()))

    def clean_quarter(self):
        try:
            return str(Quarter.parse(self.cleaned_data["quarter"]))
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
