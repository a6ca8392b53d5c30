from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .units import can_see_across_units, units_led_codes


def links(user):
    yield _("ICT service catalogue"), reverse("performance:services")
    if can_see_across_units(user):
        yield _("ICT unit scorecards (Leadership Council view)"), reverse("performance:scorecards")
    for code in sorted(units_led_codes(user)):
        yield _("Your ICT unit's scorecard"), reverse("performance:scorecard", args=[code])


def main_nav(user):
    yield _("Services"), reverse("performance:services")
