"""The rows of a portal table, written by ``{% table_rows %}`` (core/templatetags): the markup
the template loop wrote, escaped, localised, with per-record attributes; and django-tables2's
cell signatures read once per function."""

import datetime

import django_tables2 as tables
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from django_tables2 import utils

from core.tables import NumberColumn, PortalTable, configure

pytestmark = pytest.mark.django_db


class Row:
    def __init__(self, pk, name, cost, when):
        self.pk, self.name, self.cost, self.when = pk, name, cost, when


class RowTable(PortalTable):
    name = tables.Column()
    cost = NumberColumn()
    when = tables.Column()
    flag = tables.Column(
        accessor="pk", attrs={"td": {"data-odd": lambda record: str(record.pk % 2)}}
    )

    caption = "Rows"
    row_header = "name"

    def render_flag(self, value, record):
        return f"#{value}"


def _rendered(rows):
    table = configure(RequestFactory().get("/rows/"), RowTable(rows))
    return Template("{% load portal_tables %}{% table_rows table %}").render(
        Context({"table": table})
    )


def test_cells_are_escaped_localised_and_headed_as_the_template_did():
    when = timezone.make_aware(datetime.datetime(2026, 3, 4, 12, 0), datetime.UTC)
    rows = [Row(1, "<script>alert(1)</script>", 1234567, when), Row(2, "Fine", 5, when)]
    with translation.override("fr"), timezone.override("Europe/Paris"):
        html = _rendered(rows)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<th scope="row" >&lt;script&gt;' in html
    assert '<td class="numbers">1\xa0234\xa0567</td>' in html
    # the date-time in the current time zone (13:00 in Paris), as {{ cell }} shows it
    assert "04/03/2026 13:00" in html
    assert '<td data-odd="1">#1</td>' in html and '<td data-odd="0">#2</td>' in html
    assert html.count("<tr ") == 2


def test_no_row_says_the_tables_empty_text():
    html = _rendered([])
    assert html == '<tr><td colspan="4">Nothing to show.</td></tr>'


class Plain:
    def render(self, value, record):
        return value

    def __call__(self, value, **kwargs):
        return value


def function(value, record=None):
    return value


@pytest.mark.parametrize(
    ("callable_", "expected"),
    [
        (Plain().render, (("value", "record"), None)),
        (Plain.render, (("self", "value", "record"), None)),
        (Plain(), (("value",), "kwargs")),
        (function, (("value", "record"), None)),
        (lambda **kwargs: None, ((), "kwargs")),
    ],
)
def test_a_remembered_signature_is_the_one_django_tables2_reads(callable_, expected):
    assert getattr(utils.signature, "remembered", False)
    assert utils.signature(callable_) == expected
    assert utils.signature(callable_) == expected  # the second time from memory
