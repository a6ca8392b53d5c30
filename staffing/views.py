import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .choices import CATEGORIES, CATEGORY_LABELS
from .forms import AsOfForm
from .selectors import staffing_summary


@login_required
def summary(request):
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["as_of"] if form.is_valid() else datetime.date(2007, 12, 31)
    summary = staffing_summary(as_of)
    rows = [{"name": row["unit_name"], "cells": _cells(row)} for row in summary["rows"]]
    return render(
        request,
        "staffing/summary.html",
        {
            "form": form,
            "summary": summary,
            "rows": rows,
            "total_cells": _cells(summary["totals"]),
            "categories": [(name, CATEGORY_LABELS[name]) for name in CATEGORIES],
        },
    )


def _cells(values):
    """The Annex IV column order: D, P, FS, GS, international, local, UNV, ICC, contractors, total."""
    return [
        *(values[name] for name in CATEGORIES[:4]),
        values["international"],
        *(values[name] for name in CATEGORIES[4:]),
        values["total"],
    ]
