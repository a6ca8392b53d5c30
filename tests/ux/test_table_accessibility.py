"""axe-core on every table page, as a persona who sees its rows, at 1280 and 390 px: the
table scrolls inside its own keyboard-focusable region, the sort is said in words; and the
message list keeps its list semantics."""

import pytest

from tests.testing.axe import assert_accessible
from tests.testing.browser import log_in

from .table_pages import TABLE_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    from tests.testing.personas import ensure_personas

    people = ensure_personas()
    for table_page in TABLE_PAGES:
        table_page.grow(people, 3)
    return people


def visit_every_table_page(page, live_server):
    by_persona = {}
    for table_page in TABLE_PAGES:
        by_persona.setdefault(table_page.persona, []).append(table_page)
    for username, table_pages in by_persona.items():
        log_in(page, live_server, username)
        for table_page in table_pages:
            page.goto(f"{live_server.url}{table_page.url}?sort=-{table_page.sort}")
            region = page.get_by_role("region", name=page.locator("caption").first.inner_text())
            assert region.get_attribute("tabindex") == "0", table_page
            assert page.locator("th[aria-sort=descending]").count() == 1, table_page
            assert_accessible(page)
            yield table_page
        page.context.clear_cookies()


def test_every_table_page_passes_axe_on_a_desktop(page, live_server, people):
    assert len(list(visit_every_table_page(page, live_server))) == len(TABLE_PAGES)


def test_every_table_page_passes_axe_on_a_phone_and_scrolls_in_its_region(
    phone_page, live_server, people
):
    for _table_page in visit_every_table_page(phone_page, live_server):
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, f"{_table_page}: the page is {width} px wide"
        region = phone_page.locator(".table-scroll").first
        region.focus()
        assert phone_page.evaluate("document.activeElement.classList.contains('table-scroll')")


def test_the_message_list_has_list_semantics(page, live_server, people):
    from governance.models import Notification

    Notification.objects.create(recipient=people["pmo"], subject="An item awaits you")
    log_in(page, live_server, "pmo")
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("button", name="Mark all as read").click()
    messages = page.get_by_role("region", name="Messages")
    assert messages.get_by_role("list").get_by_role("listitem").count() == 1
    assert_accessible(page, rules=["list", "listitem"])
