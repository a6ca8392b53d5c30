"""Sending work to Celery without letting a broker outage fail the caller.

A web request that asks for background work (a report, an e-mail) has already recorded what
is to be done in the database; the message to the broker is only the nudge. ``enqueue``
sends it and, when the broker is unreachable, logs and returns ``None`` instead of raising:
a periodic task (the beat) later finds the recorded work that never started and sends it
again. Without a broker (``task_always_eager``) the task runs in-process as before, and its
own errors propagate.

Nothing the portal sends is waited for: the work records its outcome in the database (a report
run's state, a notification's ``emailed``). So tasks are sent with ``ignore_result``: sending
then touches the broker only, never the result store. (Celery subscribes to a task's result
before publishing it; with Redis down that subscription retried for 20 s and then raised
``RuntimeError``, a 500 the broker's own errors below never caught: tests/security/test_faults.py.)
"""

import logging

from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

#: What a publish raises when Redis is down or unreachable.
BROKER_ERRORS = (KombuOperationalError, ConnectionError, OSError, TimeoutError)


def broker_errors():
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency
        return BROKER_ERRORS
    return (*BROKER_ERRORS, RedisError)


def enqueue(task, *, args=(), kwargs=None, **options):
    """``task.apply_async(args, kwargs, **options)``, or ``None`` (logged) if the broker is
    down, or if sending failed in any other way: the caller (often an ``on_commit`` callback of
    a request whose work is already committed) never fails for it. Returns the ``AsyncResult``
    otherwise."""
    if task.app.conf.task_always_eager:
        return task.apply_async(args=args, kwargs=kwargs or {}, **options)
    options.setdefault("ignore_result", True)
    try:
        return task.apply_async(args=args, kwargs=kwargs or {}, **options)
    except broker_errors() as error:
        logger.warning(
            "Broker unreachable: %s not sent (%s); the periodic sweep will send it again.",
            task.name,
            error,
        )
        return None
    except Exception:  # noqa: BLE001 - the work is recorded; a lost nudge is sent again
        logger.exception("%s not sent; the periodic sweep will send it again.", task.name)
        return None
