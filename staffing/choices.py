from django.utils.translation import gettext_lazy as _

# The Annex IV categories, in the table's order. International staff are D + P + FS + GS;
# the grand total adds local staff, UNV, ICC and contractors. Both totals are derived.
INTERNATIONAL_CATEGORIES = ("d", "p", "fs", "gs")
OTHER_CATEGORIES = ("local", "unv", "icc", "contractors")
CATEGORIES = INTERNATIONAL_CATEGORIES + OTHER_CATEGORIES

CATEGORY_LABELS = {
    "d": _("D"),
    "p": _("P"),
    "fs": _("FS"),
    "gs": _("GS"),
    "local": _("Local"),
    "unv": _("UNV"),
    "icc": _("ICC"),
    "contractors": _("Contractors"),
}
