"""The clock services read "now" from, so the demo can write a past and tests can pin a day.

Services, selectors, tasks and model defaults call ``clock.now()`` / ``clock.today()``
instead of ``timezone.now()`` / ``date.today()``. Normally these are the real time; inside
``frozen_at(moment)`` the clock stands still at ``moment``, and inside ``travel(moment)`` it
starts at ``moment`` and runs on with real time (later records still come later). The
setting lives in a context variable: it holds for the current thread (or asyncio task) only,
so a test or the demo loader never moves another request's clock::

    from core import clock

    with clock.frozen_at(datetime.datetime(2024, 3, 31, 17, tzinfo=datetime.UTC)):
        services.project_submit(project=project, actor=pmo)  # recorded on 31 March 2024

A date means the start of that day in the current time zone. Model fields use the callable,
``models.DateTimeField(default=clock.now)``, or ``clock.DateTimeField(auto_now_add=True)``
(and ``auto_now``), which reads this clock where Django's would read the real time.
"""

import contextlib
import contextvars
import datetime
import time

from django.db import models
from django.utils import timezone

#: (moment, real monotonic time when set, ticking) or None for the real time
_setting = contextvars.ContextVar("core_clock", default=None)


def now():
    """The current (aware) date and time: the real one, or the one set by the context."""
    setting = _setting.get()
    if setting is None:
        return timezone.now()
    moment, started, ticking = setting
    if ticking:
        return moment + datetime.timedelta(seconds=time.monotonic() - started)
    return moment


def today():
    """Today's date in the current time zone, by ``now()``."""
    return timezone.localdate(now())


def is_set():
    """Whether the clock is frozen or travelling in this context."""
    return _setting.get() is not None


def _aware(moment):
    if not isinstance(moment, datetime.datetime):
        if not isinstance(moment, datetime.date):
            raise TypeError(f"a date or date-time is needed, not {moment!r}")
        moment = datetime.datetime.combine(moment, datetime.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@contextlib.contextmanager
def _set(moment, ticking):
    token = _setting.set((_aware(moment), time.monotonic(), ticking))
    try:
        yield
    finally:
        _setting.reset(token)


def frozen_at(moment):
    """A context in which ``now()`` is ``moment`` (a date-time, or a date: its midnight)."""
    return _set(moment, ticking=False)


def travel(moment):
    """A context in which the clock starts at ``moment`` and runs on from there."""
    return _set(moment, ticking=True)


class DateTimeField(models.DateTimeField):
    """Django's ``DateTimeField`` whose ``auto_now`` and ``auto_now_add`` read this clock.

    It deconstructs as ``models.DateTimeField``: for migrations the two are the same field.
    """

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
