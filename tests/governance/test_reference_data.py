import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from core.loading import Loader
from governance.choices import Rights
from governance.models import Body, OrganisationUnit
from programmes.models import Initiative, PriorityArea, Programme
from staffing.reference import ANNEX_IV_DATE
from staffing.selectors import staffing_summary
from survey.models import Topic

pytestmark = pytest.mark.django_db


def test_a_second_load_changes_nothing(capsys):
    call_command("load_reference_data")
    first = capsys.readouterr().out
    call_command("load_reference_data")
    second = capsys.readouterr().out
    assert "Reference data loaded" in first
    assert "0 rows created or updated" in second
    assert " created, 0 updated" in second and "1 created" not in second


def test_it_loads_three_programmes_with_their_initiatives_and_timeframes():
    assert Programme.objects.count() == 3
    counts = {p.code: p.initiatives.count() for p in Programme.objects.all()}
    assert counts == {"knowledge": 13, "resource": 7, "infrastructure": 9}
    timeframes = dict(Initiative.objects.values_list("name", "timeframe"))
    assert timeframes["Digitization"] == "near"
    assert timeframes["Enterprise search"] == "near_medium"
    assert timeframes["Space management"] == "medium"
    assert timeframes["Bandwidth (connectivity)"] == "near_medium"
    assert Initiative.objects.filter(timeframe="medium").count() == 1


def test_programmes_build_on_each_other():
    knowledge = Programme.objects.get(code="knowledge")
    assert {p.code for p in knowledge.builds_on.all()} == {"infrastructure", "resource"}
    assert not Programme.objects.get(code="infrastructure").builds_on.exists()


def test_it_loads_eight_bodies_four_deciding_and_four_advising():
    assert Body.objects.count() == 8
    assert Body.objects.filter(rights=Rights.DECISION).count() == 4
    assert Body.objects.filter(rights=Rights.ADVISORY).count() == 4
    owners = dict(
        Body.objects.filter(programme__isnull=False).values_list("code", "programme__code")
    )
    assert owners == {
        "km-steering": "knowledge",
        "rm-steering": "resource",
        "im-steering": "infrastructure",
    }


def test_it_loads_priority_areas_topics_and_organisation():
    assert PriorityArea.objects.count() == 5
    assert Topic.objects.count() == 13
    assert Topic.objects.filter(is_overall=True).count() == 1
    pmo = OrganisationUnit.objects.get(code="pmo")
    assert pmo.parent.code == "oict-sms"
    assert OrganisationUnit.objects.filter(annex_iv_row__isnull=False).count() == 9


def test_chinese_titles_are_kept_beside_the_english():
    assert Programme.objects.get(code="knowledge").name_zh_hans == "知识管理"
    assert not Initiative.objects.filter(name_zh_hans__isnull=True).exists()
    assert not Body.objects.filter(name_zh_hans__isnull=True).exists()
    assert not Topic.objects.filter(name_zh_hans__isnull=True).exists()


def test_the_annex_iv_snapshot_totals_are_derived():
    totals = staffing_summary(ANNEX_IV_DATE)["totals"]
    assert totals == {
        "d": 8,
        "p": 371,
        "fs": 638,
        "gs": 467,
        "international": 1484,
        "local": 1143,
        "unv": 245,
        "icc": 331,
        "contractors": 580,
        "total": 3783,
    }


def test_reference_rows_go_through_model_validation():
    loader = Loader()
    with pytest.raises(ValidationError) as error:
        loader.sync(
            Body,
            {"code": "bad-committee"},
            {"name": "Bad", "kind": "steering_committee", "rights": "veto", "cadence": "quarterly"},
        )
    assert "rights" in error.value.message_dict
    assert "programme" in error.value.message_dict
    assert not Body.objects.filter(code="bad-committee").exists()
