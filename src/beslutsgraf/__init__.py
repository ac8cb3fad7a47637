"""beslutsgraf: Swedish municipal minutes as a validated, queryable linked-data graph.

The package's own modules are the shell (the command line, the settings, the loading); its parts are `ingest`,
`store`, `queries`, `api` and `ontology`. The one version string of the project is here.
"""

__version__ = "0.2.0"
