from core.loading import read_yaml
from core.translations import fill_missing_translations, reference_values
from programmes.models import Programme

from .models import Body, OrganisationUnit


def load(loader):
    load_structure(loader)
    load_admin_permissions(loader)


def load_structure(loader):
    """The organisation and its bodies as the strategy report sets them up.

    What the portal administrator may change afterwards (names, places, mandates, cadence,
    decision rules) is written only when a unit or body is created: loading again never
    undoes their work. A body's kind, rights and programme always follow the files.
    """
    units = {}
    for item in read_yaml("governance", "organisation_units.yaml")["units"]:
        names = reference_values(item, "name")
        units[item["code"]] = loader.sync(
            OrganisationUnit,
            {"code": item["code"]},
            {"annex_iv_row": item.get("annex_iv_row")},
            on_create={
                **names,
                "kind": item["kind"],
                "parent": units[item["parent"]] if item.get("parent") else None,
                "duty_station": item.get("duty_station") or "",
            },
        )
        fill_missing_translations(units[item["code"]], names)
    programmes = {p.code: p for p in Programme.objects.all()}
    for item in read_yaml("governance", "bodies.yaml")["bodies"]:
        secretariat = item.get("secretariat_unit")
        texts = reference_values(item, "name", "composition", "mandate")
        body = loader.sync(
            Body,
            {"code": item["code"]},
            {
                "kind": item["kind"],
                "rights": item["rights"],
                "programme": programmes[item["programme"]] if item.get("programme") else None,
                "paragraph": str(item.get("paragraph") or ""),
            },
            on_create={
                **texts,
                "cadence": item["cadence"],
                "decision_rule": item.get("decision_rule") or "simple_majority",
                "cadence_note": item.get("cadence_note") or "",
                "secretariat_unit": units.get(secretariat)
                or OrganisationUnit.objects.filter(code=secretariat).first(),
            },
        )
        fill_missing_translations(body, texts)


def load_admin_permissions(loader):
    """Each role's model permissions in the Django admin (``admin_permissions.yaml``)."""
    for group_name, apps in read_yaml("governance", "admin_permissions.yaml").items():
        for app_label, patterns in apps.items():
            loader.grant(group_name, app_label, patterns)
