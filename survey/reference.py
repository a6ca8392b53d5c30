from core.loading import read_yaml
from core.translations import reference_values

from .models import Topic


def load(loader):
    for item in read_yaml("survey", "topics.yaml")["topics"]:
        loader.sync(
            Topic,
            {"code": item["code"]},
            {
                "order": item["order"],
                **reference_values(item, "name", "description"),
                "is_overall": bool(item.get("is_overall")),
                "reference_satisfaction": item.get("reference_satisfaction"),
            },
        )
