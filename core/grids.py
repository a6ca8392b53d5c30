"""Formsets edited as compact grids: one table row per form, a running total per group and
overall, and "Add a row" in place (htmx) that still works without JavaScript.

A view renders ``templates/core/_grid.html`` with a ``Grid``; the "Add a row" button posts the
form back with ``add_row=<prefix>`` when there is no JavaScript (``with_added_row`` gives the
form one more empty row, keeping everything typed), and with htmx it asks the view's row URL
for one more ``<tr>`` (``row_response``)::

    grid = Grid(formset, caption=_("Budget lines"), row_url=..., group_field="category",
                amount_field="amount", groups=Category.choices)
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.http import HttpResponseBadRequest
from django.shortcuts import render

MAX_ROWS = 500


@dataclass
class Grid:
    formset: object
    caption: str
    row_url: str = ""
    group_field: str = ""
    amount_field: str = ""
    groups: list = field(default_factory=list)
    #: the label of the overall total (none without an amount field)
    total_label: str = ""

    @property
    def prefix(self):
        return self.formset.prefix

    @property
    def id(self):
        return f"grid-{self.prefix}"

    @property
    def has_totals(self):
        return bool(self.amount_field)

    def totals(self):
        """``(group, label, total)`` per group, then ``("__all__", label, total)``."""
        sums = {value: Decimal(0) for value, _label in self.groups}
        overall = Decimal(0)
        for form in self.formset.forms:
            if _deleted(form):
                continue
            amount = to_decimal(form[self.amount_field].value())
            overall += amount
            if self.group_field:
                group = form[self.group_field].value()
                if group in sums:
                    sums[group] += amount
        rows = [(value, label, sums[value]) for value, label in self.groups]
        rows.append(("__all__", self.total_label, overall))
        return rows


def _deleted(form):
    if "DELETE" not in form.fields:
        return False
    value = form["DELETE"].value()
    return value not in (None, False, "", "false", "off", "0")


def to_decimal(value):
    try:
        number = Decimal(str(value).replace(",", "").strip() or "0")
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return number if number.is_finite() and abs(number) < Decimal("1e15") else Decimal(0)


def with_added_row(data, prefix):
    """A copy of posted ``data`` whose formset ``prefix`` has one more (empty) row."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(max(total, 0) + 1, MAX_ROWS))
    return data


def row_response(
    request, formset, *, amount_field="", template="core/_grid_row.html", context=None
):
    """One new empty row of ``formset`` at the index htmx asks for (``?index=``)."""
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        return HttpResponseBadRequest("index")
    if not 0 <= index < MAX_ROWS:
        return HttpResponseBadRequest("index")
    form = formset._construct_form(index, empty_permitted=True, use_required_attribute=False)
    grid = Grid(formset, caption="", amount_field=amount_field)
    return render(
        request, template, {"form": form, "grid": grid, "row_number": index + 1, **(context or {})}
    )
