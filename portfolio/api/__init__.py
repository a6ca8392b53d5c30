"""The portfolio's REST endpoints under ``/api/v1/``:

- ``portfolio/status/`` (``?as_of=YYYY-MM-DD``): counts and costs by programme x state x RAG,
  projects awaiting each decision body, overdue status reports (``status.py``);
- ``projects/`` (list with filters, detail, ``POST`` a draft, ``PUT``/``PATCH`` the draft with
  ``If-Match``) and ``projects/{id}/transitions/`` (``GET`` what this user may do now, ``POST``
  one action);
- ``business-cases/`` (a project's versions) and ``business-cases/{id}/versions/{number}/``;
- ``status-reports/`` (list, detail, ``POST`` by the project manager or the PMO);
- ``assets/`` (the ICT asset inventory).
"""
