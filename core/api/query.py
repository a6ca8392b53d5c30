"""Query parameters for a query serializer, read as the schema documents them."""

from django.core.validators import RegexValidator
from rest_framework.exceptions import ValidationError


def query_data(request):
    """The query string as a plain dict of single values, for ``Serializer(data=...)``.

    DRF reads a ``QueryDict`` as an HTML form, where an empty value stands for "not given": an
    empty date or an empty enum would pass unseen. A plain dict has every value validated. A
    parameter given twice is refused rather than read as its last value."""
    data = {}
    for name, values in request.query_params.lists():
        if len(values) > 1:
            raise ValidationError({name: [str(RegexValidator.message)]})
        data[name] = values[0]
    return data
