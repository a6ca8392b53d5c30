"""Labels for the codes kept in a submission's history (the history stores codes, not words)."""

from django import template
from django.utils.translation import gettext_lazy as _

from portfolio.budgets.choices import Category, Source

register = template.Library()

CHANGES = {"added": _("added"), "changed": _("changed"), "removed": _("removed")}


@register.filter
def category_label(code):
    return Category(code).label if code in Category.values else code


@register.filter
def source_label(code):
    return Source(code).label if code in Source.values else code


@register.filter
def change_label(code):
    return CHANGES.get(code, code)
