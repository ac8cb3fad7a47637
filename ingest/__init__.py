"""From a protocol file to a validated named graph: extract, segment, parse, resolve, map, validate.

Pure functions: nothing here touches the store or reads the environment.
"""

PARSER_VERSION = "0.1.0"
