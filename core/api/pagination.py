from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """Limit and offset as the schema says: integers, ``limit`` at least 1 (larger than the
    maximum is served as the maximum), ``offset`` at least 0. Anything else is a 400 naming
    the parameter; DRF's own class would silently serve the first page instead."""

    default_limit = 50
    max_limit = 500

    def get_limit(self, request):
        value = self._integer(request, self.limit_query_param, minimum=1)
        if value is None:
            return self.default_limit
        return min(value, self.max_limit)

    def get_offset(self, request):
        value = self._integer(request, self.offset_query_param, minimum=0)
        return 0 if value is None else value

    def _integer(self, request, name, *, minimum):
        values = request.query_params.getlist(name)
        if not values:
            return None
        # Django's own field and messages (translated); ASCII digits only, since int() would
        # also read "١٢" and the field would read "1.0", which no integer schema allows.
        field = forms.IntegerField(min_value=minimum)
        if len(values) > 1 or not (values[0].isascii() and values[0].isdigit()):
            raise ValidationError({name: [str(field.error_messages["invalid"])]})
        try:
            return field.clean(values[0])
        except DjangoValidationError as error:
            raise ValidationError({name: error.messages}) from error

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 0}
        return parameters
