"""From a protocol file to a validated named graph: extract, segment, parse, resolve, map, validate.

Nothing here touches the store or reads the environment; the one thing done at import is hashing this package's
own code and data into the parser's version.
"""

import hashlib
from pathlib import Path

from beslutsgraf import __version__


def _code_digest() -> str:
    """A digest of what decides the graph a file becomes: the parser's code, the mapping's terms and IRIs, the
    shapes and the packaged registries. Any change to them is a new version, so every source is read again
    (Ferenda's rule: a step is fresh only while its input and its code are unchanged) — no version to forget."""
    root = Path(__file__).parent.parent
    patterns = ("ingest/**/*.py", "ontology/**/*.py", "ontology/*.ttl", "ontology/registry/**/*.toml")
    files = sorted({path for pattern in patterns for path in root.glob(pattern)})
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = f"{__version__}+{_code_digest()}"
