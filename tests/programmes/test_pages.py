import pytest
from django.urls import reverse

from programmes.models import Initiative, Programme
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db


class TestProgrammeList(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("programmes:list")


class TestProgrammeDetail(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("programmes:detail", args=["knowledge"])


def test_an_unknown_programme_is_not_found(client, staff):
    client.force_login(staff)
    assert client.get(reverse("programmes:detail", args=["nothing"])).status_code == 404


def test_the_programme_page_shows_goal_objectives_and_initiatives_with_chinese(client, staff):
    client.force_login(staff)
    content = client.get(reverse("programmes:detail", args=["resource"])).content.decode()
    programme = Programme.objects.get(code="resource")
    assert programme.goal in content
    assert "Resource Management Steering Committee" in content
    for initiative in programme.initiatives.all():
        assert initiative.name in content
    assert "Medium term (3-5 years)" in content
    staff.preferred_language = "zh-hans"
    staff.save()
    content = client.get(reverse("programmes:detail", args=["resource"])).content.decode()
    for initiative in programme.initiatives.all():
        assert initiative.name_zh_hans in content


def test_programme_pages_keep_constant_queries(client, staff):
    client.force_login(staff)
    programme = Programme.objects.get(code="knowledge")

    def grow():
        start = Initiative.objects.count()
        Initiative.objects.bulk_create(
            Initiative(
                programme=programme,
                code=f"extra-{i}",
                order=100 + i,
                name=f"Extra {i}",
                timeframe="near",
            )
            for i in range(start, start + 40)
        )

    assert_constant_queries(client, reverse("programmes:list"), grow)
    assert_constant_queries(client, reverse("programmes:detail", args=["knowledge"]), grow)
