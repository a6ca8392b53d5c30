from core.loading import read_yaml
from core.translations import reference_values

from ..models import OrganisationUnit
from .models import Service


def load(loader):
    from programmes.models import Programme

    units = {u.code: u for u in OrganisationUnit.objects.all()}
    programmes = {p.code: p for p in Programme.objects.all()}
    for order, item in enumerate(read_yaml("performance", "services.yaml")["services"], start=1):
        loader.sync(
            Service,
            {"code": item["code"]},
            {
                "order": order,
                **reference_values(item, "name", "description"),
                "owner_unit": units[item["owner"]],
                "programme": programmes.get(item.get("programme") or ""),
                "survey_topic": item.get("survey_topic", ""),
                "serves_all_units": item.get("serves_all_units", False),
                "source": item.get("source", ""),
            },
        )
