"""Reference data in the six languages (django-modeltranslation), moved from the *_zh columns."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.translations import localized
from governance.models import Body, OrganisationUnit
from governance.performance.models import Service
from programmes.models import Initiative, PriorityArea, Programme
from survey.models import Topic

pytestmark = pytest.mark.django_db

MODELS = [OrganisationUnit, Body, Programme, Initiative, PriorityArea, Topic, Service]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_reference_name_is_in_the_six_languages(reference_data, model):
    for row in model.objects.all():
        missing = [field for field in localized("name") if not getattr(row, field)]
        assert not missing, f"{model.__name__} {row.pk}: {missing}"


def test_a_page_shows_the_readers_language_and_english_where_a_text_is_missing(client, staff):
    programme = Programme.objects.get(code="knowledge")
    assert programme.name_fr == "Gestion des connaissances"
    staff.preferred_language = "fr"
    staff.save()
    client.force_login(staff)
    html = client.get(reverse("programmes:detail", args=["knowledge"])).content.decode()
    assert "Gestion des connaissances" in html
    # The goal has no French text yet: it shows in English.
    if not programme.goal_fr:
        assert programme.goal_en in html


def test_reading_follows_the_active_language(reference_data):
    body = Body.objects.get(code="executive-committee")
    with translation.override("zh-hans"):
        assert body.name == "信息和通信技术执行委员会"
    with translation.override("ru"):
        assert body.name == "Исполнительный комитет по ИКТ"
    with translation.override("en"):
        assert body.name == "ICT Executive Committee"


def test_the_plain_column_keeps_english_for_reads_through_other_models(reference_data):
    unit = OrganisationUnit.objects.get(code="unog")
    with translation.override("fr"):
        unit.name = "Office des Nations Unies à Genève (ONUG)"
        unit.save()
    assert OrganisationUnit.objects.filter(code="unog").values_list("name_en", flat=True)[0] == (
        "United Nations Office at Geneva"
    )
    from django.db.models import QuerySet

    plain = QuerySet(model=OrganisationUnit).filter(code="unog").values_list("name", flat=True)
    assert plain[0] == "United Nations Office at Geneva"


def test_loading_again_changes_nothing_and_keeps_an_administrators_text(reference_data):
    from django.core.management import call_command

    unit = OrganisationUnit.objects.get(code="unog")
    unit.name_es = "ONUG"
    unit.save()
    call_command("load_reference_data", verbosity=0)
    unit.refresh_from_db()
    assert unit.name_es == "ONUG"


def test_initiative_descriptions_and_goals_are_in_the_six_languages(reference_data):
    for initiative in Initiative.objects.all():
        assert all(getattr(initiative, f) for f in localized("description")), initiative.code
    for programme in Programme.objects.all():
        assert all(getattr(programme, f) for f in localized("goal")), programme.code
