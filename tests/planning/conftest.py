import pytest

from core.loading import Loader


@pytest.fixture
def demo(personas):
    """The portfolio's demo data (projects in every state, envelopes, scores)."""
    from portfolio import demo as portfolio_demo

    portfolio_demo.load(Loader())
    return personas
