from governance.loading import read_yaml

from .models import Initiative, Objective, PriorityArea, Programme


def load(loader):
    data = read_yaml("programmes", "programmes.yaml")["programmes"]
    programmes = {}
    for item in data:
        programme = loader.sync(
            Programme,
            {"code": item["code"]},
            {
                "order": item["order"],
                "name": item["name"],
                "name_zh": item.get("name_zh", ""),
                "goal": item["goal"],
                "goal_zh": item.get("goal_zh", ""),
            },
        )
        programmes[programme.code] = programme
        for order, objective in enumerate(item.get("objectives", []), start=1):
            loader.sync(
                Objective,
                {"programme": programme, "order": order},
                {"text": objective["text"], "text_zh": objective.get("text_zh", "")},
            )
        for order, initiative in enumerate(item["initiatives"], start=1):
            loader.sync(
                Initiative,
                {"code": initiative["code"]},
                {
                    "programme": programme,
                    "order": order,
                    "name": initiative["name"],
                    "name_zh": initiative.get("name_zh", ""),
                    "timeframe": initiative["timeframe"],
                    "benefit": initiative.get("benefit", ""),
                    "benefit_zh": initiative.get("benefit_zh", ""),
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
                "name": item["name"],
                "name_zh": item.get("name_zh", ""),
                "description": item.get("description", ""),
                "description_zh": item.get("description_zh", ""),
            },
        )
