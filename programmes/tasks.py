from celery import shared_task

from . import services


@shared_task(name="programmes.tasks.compute_kpis")
def compute_kpis():
    """Compute every computed KPI for its last ended period. Safe to run twice: the same
    inputs give the same values, and an unchanged value is not written again."""
    results = services.measurements_compute_all()
    return {code: (None if value is None else str(value)) for code, value in results.items()}
