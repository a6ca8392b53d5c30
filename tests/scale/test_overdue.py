"""The PMO panel counts overdue status reports in the database, by the pipeline's rule."""

import pytest
from django.core.management import call_command

from governance.models import User
from portfolio import selectors
from portfolio.choices import ProjectState
from portfolio.models import Project

pytestmark = pytest.mark.django_db


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def test_the_overdue_count_in_sql_follows_is_overdue(personas):
    call_command("generate_scale_data", projects=200, allow_sqlite=True, stdout=_Quiet())
    pmo = User.objects.get(username="pmo")
    in_delivery = selectors.pipeline(pmo, state=ProjectState.IN_DELIVERY)
    expected = {p.pk for p in in_delivery if selectors.is_overdue(p)}
    assert expected, "the generated data has late projects"
    assert set(selectors.overdue_projects(pmo).values_list("pk", flat=True)) == expected
    assert Project.objects.filter(state=ProjectState.IN_DELIVERY).count() > len(expected)
