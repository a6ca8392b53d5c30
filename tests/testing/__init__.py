"""Shared test kit: persona fixtures, per-persona access checks, query-count pins,
browser and Celery worker fixtures. App tests declare data; these check behaviour."""
