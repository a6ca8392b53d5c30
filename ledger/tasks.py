"""Celery tasks of the ledger: thin wrappers around its services, safe to run twice."""

from celery import shared_task

from .services import chain_verify_and_report


@shared_task
def verify_chain():
    """Nightly (beat): walk the chain; notify OICT on a break."""
    result = chain_verify_and_report()
    return {"ok": result.ok, "links": result.links, "broken": str(result.broken or "")}
