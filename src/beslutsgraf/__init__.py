"""beslutsgraf: Swedish municipal minutes as a validated, queryable linked-data graph.

This package is the shell: the command line and the settings. It wires the parts; nothing imports it.
"""

__version__ = "0.1.0"
