from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(value):
    """A table cell: money with two decimals and thousands separators, counts as integers."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return number_format(value, decimal_pos=2, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return value


@register.filter
def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
