from core.loading import read_yaml
from core.translations import reference_values

from .models import Initiative, Objective, PlanItem, PriorityArea, Programme


def load(loader):
    data = read_yaml("programmes", "programmes.yaml")["programmes"]
    programmes = {}
    for item in data:
        programme = loader.sync(
            Programme,
            {"code": item["code"]},
            {
                "order": item["order"],
                **reference_values(item, "name", "goal"),
            },
        )
        programmes[programme.code] = programme
        for order, objective in enumerate(item.get("objectives", []), start=1):
            loader.sync(
                Objective,
                {"programme": programme, "order": order},
                reference_values(objective, "text"),
            )
        for order, initiative in enumerate(item["initiatives"], start=1):
            loader.sync(
                Initiative,
                {"code": initiative["code"]},
                {
                    "programme": programme,
                    "order": order,
                    **reference_values(initiative, "name", "description", "benefit"),
                    "timeframe": initiative["timeframe"],
                },
            )
    for item in data:
        loader.set_m2m(
            programmes[item["code"]],
            "builds_on",
            [programmes[c] for c in item.get("builds_on", [])],
        )
    for item in read_yaml("programmes", "priority_areas.yaml")["priority_areas"]:
        loader.sync(
            PriorityArea,
            {"code": item["code"]},
            {
                "order": item["order"],
                **reference_values(item, "name", "description"),
            },
        )
    load_plan(loader)


#: the plan's fields that come from the report; status and evidence are tracked, never loaded
PLAN_FIELDS = (
    "source",
    "phase",
    "activity",
    "activity_zh",
    "description",
    "description_zh",
    "deliverables",
    "deliverables_zh",
    "owner",
    "owner_zh",
    "start",
    "due",
)


def load_plan(loader):
    items = read_yaml("programmes", "implementation_plan.yaml")["items"]
    for order, item in enumerate(items, start=1):
        loader.sync(
            PlanItem,
            {"code": item["code"]},
            {"order": order, **{name: item[name] for name in PLAN_FIELDS}},
        )
