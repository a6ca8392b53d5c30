"""The respondent dimensions results are broken down by, in one table every caller uses."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import DutyStation, Gender, StaffCategory, YearsOfService


@dataclass(frozen=True)
class Dimension:
    key: str  # URL and export name
    field: str  # Response field grouped on
    label: str
    choices: tuple  # (value, label); empty for the organisation unit (from the database)


DIMENSIONS = (
    Dimension("duty_station", "duty_station", _("Duty station"), tuple(DutyStation.choices)),
    Dimension(
        "staff_category", "staff_category", _("Staff category"), tuple(StaffCategory.choices)
    ),
    Dimension(
        "years_of_service",
        "years_of_service",
        _("Years of service"),
        tuple(YearsOfService.choices),
    ),
    Dimension("gender", "gender", _("Gender"), tuple(Gender.choices)),
    Dimension("organisation_unit", "organisation_unit", _("Organisation unit"), ()),
)
BY_KEY = {d.key: d for d in DIMENSIONS}
NOT_STATED = _("Not stated")
