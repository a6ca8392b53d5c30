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


class StaffingAction:
    SNAPSHOT_SUBMITTED = "snapshot_submitted"
    SNAPSHOT_CORRECTED = "snapshot_corrected"
    SNAPSHOTS_IMPORTED = "snapshots_imported"
    PLAN_SET = "plan_set"

    choices = [
        (SNAPSHOT_SUBMITTED, _("Snapshot submitted")),
        (SNAPSHOT_CORRECTED, _("Snapshot corrected")),
        (SNAPSHOTS_IMPORTED, _("Snapshots imported")),
        (PLAN_SET, _("Staffing plan set")),
    ]


#: A unit owes a new snapshot when its latest is older than this many days.
SNAPSHOT_DUE_AFTER_DAYS = 365
