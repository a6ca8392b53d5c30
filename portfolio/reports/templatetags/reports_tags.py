from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def cell(value):
    """A table cell: money with two decimals and thousands separators, counts as integers."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return intcomma(f"{value:.2f}")
    if isinstance(value, int):
        return intcomma(value)
    return value


@register.filter
def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
