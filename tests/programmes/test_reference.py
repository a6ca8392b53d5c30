"""The strategy's reference data: Tables 1-3's initiatives with their descriptions, Table 4's
implementation plan."""

import pytest
import yaml
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from programmes.choices import PlanPhase, PlanStatus
from programmes.models import Initiative, PlanItem, Programme

pytestmark = pytest.mark.django_db

#: Tables 1-3: initiatives per programme and how many of each timeframe.
EXPECTED = {
    "knowledge": (13, {"near": 6, "near_medium": 7}),
    "resource": (7, {"near": 4, "near_medium": 2, "medium": 1}),
    "infrastructure": (9, {"near": 6, "near_medium": 3}),
}


@pytest.mark.parametrize("code", EXPECTED)
def test_each_programme_page_lists_its_initiatives_with_the_reports_descriptions(
    client, staff, code
):
    count, timeframes = EXPECTED[code]
    initiatives = list(Initiative.objects.filter(programme__code=code))
    assert len(initiatives) == count
    found = {}
    for initiative in initiatives:
        found[initiative.timeframe] = found.get(initiative.timeframe, 0) + 1
        assert initiative.description and initiative.description_zh_hans
    assert found == timeframes
    client.force_login(staff)
    page = client.get(reverse("programmes:detail", args=[code])).content.decode()
    for initiative in initiatives:
        assert escape(initiative.description) in page
        assert initiative.get_timeframe_display() in page
    # In Chinese, the report's own text.
    staff.preferred_language = "zh-hans"
    staff.save()
    page = client.get(reverse("programmes:detail", args=[code])).content.decode()
    for initiative in initiatives:
        assert escape(initiative.description_zh_hans) in page


def test_descriptions_are_the_reports_strategic_initiative_lines():
    # Spot checks against the report's text (Tables 1-3, the 战略举措 column).
    assert (
        Initiative.objects.get(code="global-service-desk").description_zh_hans
        == "设立24小时全球服务台。"
    )
    assert Initiative.objects.get(code="identity-management").description_zh_hans == (
        "创建一个经过认证的联合国人员名录。"
    )
    crm = Initiative.objects.get(code="customer-relationship-management")
    assert "最佳做法" in crm.description_zh_hans
    assert Initiative.objects.get(code="space-management").timeframe == "medium"


def test_the_implementation_plan_holds_table_4_and_paragraph_49_in_two_phases():
    items = PlanItem.objects.all()
    table_4 = items.filter(source__startswith="Table 4")
    assert table_4.count() == 7
    assert {i.code for i in items.filter(source__startswith="para 49(")} == {
        f"p49{letter}-{rest}"
        for letter, rest in zip(
            "abcdefghijk",
            [
                "executive-committee",
                "steering-committees",
                "pmo-business-case",
                "asset-inventory",
                "interim-financial-model",
                "business-cases",
                "portfolio-inventory",
                "steering-review",
                "executive-review",
                "rebalancing",
                "staffing-plan",
            ],
            strict=True,
        )
    }
    phase_1 = table_4.filter(phase=PlanPhase.PHASE_1)
    assert phase_1.count() == 5 and {i.due.isoformat() for i in phase_1} == {"2008-12-31"}
    assert {i.due.isoformat() for i in table_4.filter(phase=PlanPhase.PHASE_2)} == {"2009-06-30"}
    assert all(i.owner and i.activity_zh for i in items)
    oict = PlanItem.objects.get(code="t4-establish-oict")
    assert oict.deliverable_list_zh == [
        "完全确定内部结构",
        "指派和招聘工作人员",
        "发布关于信息和通信技术厅的秘书长公报",
    ]


def test_loading_again_keeps_the_tracked_status(reference_data):
    from django.core.management import call_command

    item = PlanItem.objects.get(code="p49e-interim-financial-model")
    PlanItem.objects.filter(pk=item.pk).update(status=PlanStatus.IN_PROGRESS)
    call_command("load_reference_data", verbosity=0, stdout=open("/dev/null", "w"))
    item.refresh_from_db()
    assert item.status == PlanStatus.IN_PROGRESS


def test_the_reference_file_has_one_row_per_initiative():
    path = settings.BASE_DIR / "programmes" / "reference" / "programmes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert sum(len(p["initiatives"]) for p in data["programmes"]) == 29
    assert Programme.objects.count() == 3
