"""Building blocks every app uses and no app owns.

``core`` imports no project app (import-linter checks it, see ``.importlinter``): tabular
imports (``core.imports``), exports that escape spreadsheet formulas (``core.exports``),
accessible SVG charts (``core.charts``), the API conventions (``core.api``), reference-data
loading (``core.loading``), the clock services read "now" from (``core.clock``) and the
registries through which a higher app plugs into a lower one (``core.registry``).
"""
