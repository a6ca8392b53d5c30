"""Form helpers every app's pages use."""


def add_service_error(form, error):
    """Put a service's ``ValidationError`` on ``form``, beside what was typed: on its field
    when the form has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
