from governance.loading import read_yaml

from .models import Topic


def load(loader):
    for item in read_yaml("survey", "topics.yaml")["topics"]:
        loader.sync(
            Topic,
            {"code": item["code"]},
            {
                "order": item["order"],
                "name": item["name"],
                "name_zh": item.get("name_zh") or "",
                "description": item.get("description") or "",
                "description_zh": item.get("description_zh") or "",
                "is_overall": bool(item.get("is_overall")),
                "reference_satisfaction": item.get("reference_satisfaction"),
            },
        )
