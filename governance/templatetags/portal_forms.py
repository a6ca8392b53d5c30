"""``{% error_summary form formset ... %}``: the one error summary every form page shows.

It lists every error of the given forms and formsets (with each formset's forms), each
linked to its field; ``static/js/portal.js`` moves the focus to it, so a screen reader reads
it first (as the survey form did first)."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet

register = template.Library()


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*forms):
    with_errors, formset_errors = [], []
    for item in forms:
        if isinstance(item, BaseFormSet):
            if not item.is_bound:
                continue
            formset_errors.extend(item.non_form_errors())
            with_errors.extend(form for form in item.forms if form.errors)
        elif isinstance(item, BaseForm) and item.is_bound and item.errors:
            with_errors.append(item)
        elif isinstance(item, list | tuple):
            nested = error_summary(*item)
            with_errors.extend(nested["forms_with_errors"])
            formset_errors.extend(nested["formset_errors"])
    return {
        "forms_with_errors": with_errors,
        "formset_errors": formset_errors,
        "show": bool(with_errors or formset_errors),
    }
