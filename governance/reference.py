from programmes.models import Programme

from .loading import read_yaml
from .models import Body, OrganisationUnit


def load(loader):
    units = {}
    for item in read_yaml("governance", "organisation_units.yaml")["units"]:
        units[item["code"]] = loader.sync(
            OrganisationUnit,
            {"code": item["code"]},
            {
                "name": item["name"],
                "name_zh": item.get("name_zh") or "",
                "kind": item["kind"],
                "parent": units[item["parent"]] if item.get("parent") else None,
                "annex_iv_row": item.get("annex_iv_row"),
                "duty_station": item.get("duty_station") or "",
            },
        )
    programmes = {p.code: p for p in Programme.objects.all()}
    for item in read_yaml("governance", "bodies.yaml")["bodies"]:
        secretariat = item.get("secretariat_unit")
        loader.sync(
            Body,
            {"code": item["code"]},
            {
                "name": item["name"],
                "name_zh": item.get("name_zh") or "",
                "kind": item["kind"],
                "rights": item["rights"],
                "programme": programmes[item["programme"]] if item.get("programme") else None,
                "cadence": item["cadence"],
                "cadence_note": item.get("cadence_note") or "",
                "composition": item.get("composition") or "",
                "composition_zh": item.get("composition_zh") or "",
                "mandate": item.get("mandate") or "",
                "mandate_zh": item.get("mandate_zh") or "",
                "secretariat_unit": units.get(secretariat)
                or OrganisationUnit.objects.filter(code=secretariat).first(),
                "paragraph": str(item.get("paragraph") or ""),
            },
        )
