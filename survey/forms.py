from django import forms
from django.utils.translation import gettext_lazy as _

from core.imports import ImportFileError, read_upload
from governance.models import OrganisationUnit

from .choices import DutyStation, Gender, Rating, StaffCategory, YearsOfService
from .models import Survey, Topic

PREFER_NOT = ("", _("Prefer not to say"))


class SurveyForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The 13 reference topics of the first survey are chosen by default."),
    )

    class Meta:
        model = Survey
        fields = [
            "title",
            "introduction",
            "audience",
            "opens_on",
            "closes_on",
            "target",
            "compare_with",
            "topics",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, topics_locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("topics", list(Topic.objects.all()))
        else:
            self.fields["compare_with"].queryset = Survey.objects.exclude(pk=self.instance.pk)
        if topics_locked:
            self.fields["topics"].disabled = True
            self.fields["topics"].help_text = _("Topics cannot change once the survey has opened.")


def topic_field_name(topic):
    return f"topic-{topic.code}"


def comment_field_name(topic):
    return f"comment-{topic.code}"


class ResponseForm(forms.Form):
    """One survey's questions: a rating per topic, an optional comment, the dimensions."""

    rating_choices = [(str(r.value), r.label) for r in Rating]

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = list(topics)
        for topic in self.topics:
            self.fields[topic_field_name(topic)] = forms.TypedChoiceField(
                label=topic.local_name,
                choices=self.rating_choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=topic.local_description,
                error_messages={
                    "required": _("Choose a rating for “%(topic)s”, or not applicable.")
                    % {"topic": topic.local_name}
                },
            )
            self.fields[comment_field_name(topic)] = forms.CharField(
                label=_("Comment on “%(topic)s” (optional)") % {"topic": topic.local_name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Any other comment on ICT services (optional)"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["duty_station"] = forms.ChoiceField(
            label=_("Duty station"), required=False, choices=[PREFER_NOT, *DutyStation.choices]
        )
        self.fields["staff_category"] = forms.ChoiceField(
            label=_("Staff category"),
            required=False,
            choices=[PREFER_NOT, *StaffCategory.choices],
        )
        self.fields["years_of_service"] = forms.ChoiceField(
            label=_("Years of service"),
            required=False,
            choices=[PREFER_NOT, *YearsOfService.choices],
        )
        self.fields["gender"] = forms.ChoiceField(
            label=_("Gender"), required=False, choices=[PREFER_NOT, *Gender.choices]
        )
        self.fields["organisation_unit"] = forms.ModelChoiceField(
            label=_("Organisation unit"),
            required=False,
            queryset=OrganisationUnit.objects.order_by("name"),
            empty_label=PREFER_NOT[1],
        )

    def topic_fields(self):
        """(topic, rating bound field, comment bound field) per topic, for the template."""
        return [
            (topic, self[topic_field_name(topic)], self[comment_field_name(topic)])
            for topic in self.topics
        ]

    def dimension_fields(self):
        return [
            self[name]
            for name in (
                "duty_station",
                "staff_category",
                "years_of_service",
                "gender",
                "organisation_unit",
            )
        ]

    def ratings(self):
        return {t.pk: self.cleaned_data[topic_field_name(t)] for t in self.topics}

    def comments(self):
        found = {t.pk: self.cleaned_data[comment_field_name(t)] for t in self.topics}
        found[None] = self.cleaned_data["comment"]
        return {k: v for k, v in found.items() if v.strip()}

    def dimensions(self):
        data = self.cleaned_data
        return {
            "duty_station": data["duty_station"],
            "staff_category": data["staff_category"],
            "years_of_service": data["years_of_service"],
            "gender": data["gender"],
            "organisation_unit": data["organisation_unit"],
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of responses"),
        help_text=_(
            "One row per respondent, UTF-8. The file is checked first; nothing is "
            "imported until you confirm a file without errors."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            raw = read_upload(upload)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        try:
            self.cleaned_data["content"] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")
            ) from error
        return upload


class CommentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the comments"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [
            ("", _("All topics")),
            ("overall", _("General comments")),
            *((t.code, t.local_name) for t in topics),
        ]
