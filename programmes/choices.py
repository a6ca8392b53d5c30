from django.db import models
from django.utils.translation import gettext_lazy as _


class Timeframe(models.TextChoices):
    NEAR = "near", _("Near term (1-2 years)")
    NEAR_MEDIUM = "near_medium", _("Near to medium term")
    MEDIUM = "medium", _("Medium term (3-5 years)")
