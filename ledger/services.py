"""Checking the chain and telling OICT when it is broken (the nightly beat task calls this)."""

import logging

from django.urls import reverse
from django.utils.translation import gettext as _

from governance import roles
from governance.models import OrganisationUnit, User
from governance.notifications import notify

from . import chain

logger = logging.getLogger(__name__)


def oict_watchers():
    """Who hears of a broken chain: the CITO (OICT's chief) and the portal administrators."""
    watchers = list(User.objects.filter(is_active=True, groups__name=roles.PORTAL_ADMINS))
    cito = (
        OrganisationUnit.objects.filter(code="oict", chief__is_active=True)
        .select_related("chief")
        .first()
    )
    if cito is not None:
        watchers.append(cito.chief)
    return watchers


def chain_verify_and_report():
    """Verify the chain; on a break, log it and notify OICT (once a day per break). Returns
    the verification."""
    result = chain.verify()
    if result.ok:
        logger.info("ledger: the chain holds (%s links, head %s)", result.links, result.head_hash)
        return result
    logger.error("ledger: the chain is broken at %s", result.broken)
    notify(
        recipients=oict_watchers(),
        subject=_("The tamper-evident record is broken: %(where)s") % {"where": result.broken},
        body=_(
            "The nightly check of the chain found a record changed, deleted or left out of it "
            "behind the portal's back: %(where)s. The %(links)s links before it hold. Run "
            "`python manage.py ledger_verify` and compare with the last export."
        )
        % {"where": result.broken, "links": max(result.links - 1, 0)},
        url=reverse("ledger:head"),
        key=f"ledger-broken-{result.broken.table}-{result.broken.pk}",
        once_per_day=True,
    )
    return result
