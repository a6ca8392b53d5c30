"""Report run states and the allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


#: A run is active (a worker owns it or will) in these states; the page keeps polling.
ACTIVE_STATES = frozenset({RunState.QUEUED, RunState.RUNNING})

#: from-state -> states a run may move to. RUNNING -> RUNNING is the redelivered task of a
#: worker that died mid-run starting again from scratch.
TRANSITIONS = {
    RunState.QUEUED: {RunState.RUNNING, RunState.FAILED},
    RunState.RUNNING: {RunState.RUNNING, RunState.DONE, RunState.FAILED},
    RunState.FAILED: {RunState.RUNNING},
    RunState.DONE: set(),
}


def can_move(source, target):
    return target in TRANSITIONS.get(source, set())
