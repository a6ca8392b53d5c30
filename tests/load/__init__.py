"""`make loadtest`: see __main__.py."""
