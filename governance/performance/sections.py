"""Sections the apps above add to a service's page (portfolio: the projects that change it).
See ``programmes.sections`` for how a section is registered and rendered."""

from core.registry import Registry

service_sections = Registry("service page sections")
