"""core.clock: services read "now" from it; a context freezes or moves it, per thread."""

import datetime
import threading

import pytest
from django.utils import timezone

from core import clock

MOMENT = datetime.datetime(2024, 3, 31, 17, 30, tzinfo=datetime.UTC)


def test_it_tells_the_real_time_by_default():
    before = timezone.now()
    assert before <= clock.now() <= timezone.now()
    assert clock.today() == timezone.localdate()
    assert not clock.is_set()


def test_frozen_at_stands_still_and_is_restored_afterwards():
    with clock.frozen_at(MOMENT):
        assert clock.now() == MOMENT and clock.now() == MOMENT
        assert clock.today() == datetime.date(2024, 3, 31)
        assert clock.is_set()
    assert abs(clock.now() - timezone.now()) < datetime.timedelta(seconds=5)


def test_a_date_means_the_start_of_that_day_in_the_current_time_zone():
    with clock.frozen_at(datetime.date(2023, 6, 30)):
        assert clock.now() == timezone.make_aware(datetime.datetime(2023, 6, 30))
    with pytest.raises(TypeError):
        clock.frozen_at("yesterday").__enter__()


def test_travel_starts_at_the_moment_and_runs_on():
    with clock.travel(MOMENT):
        first = clock.now()
        second = clock.now()
    assert MOMENT <= first <= second < MOMENT + datetime.timedelta(seconds=5)


def test_contexts_nest():
    with clock.frozen_at(MOMENT):
        with clock.frozen_at(MOMENT.replace(year=2020)):
            assert clock.now().year == 2020
        assert clock.now() == MOMENT


def test_another_thread_keeps_the_real_time():
    seen = []
    with clock.frozen_at(MOMENT):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
    assert seen[0].year != 2024 or seen[0] != MOMENT
    assert abs(seen[0] - timezone.now()) < datetime.timedelta(seconds=5)
