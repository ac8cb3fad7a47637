"""The outside test suites the tests hold the graph and the API to, taken from the package registries a clean
machine reaches (`make standards`, run by `make test`), into `.cache/standards/`:

- `shapes/lblod-*.ttl`: LBLOD's operational shapes for local decisions, as npm's `@lblod/lib-decision-shapes`
  0.0.25 exports them (its `getShapeOfDocumentType`, run by node);
- `w3c-sparql11/{json-res,csv-tsv-res,service-description,protocol}/`: the W3C SPARQL 1.1 suites as the rdflib
  7.6.0 source distribution on PyPI carries them (its protocol manifest names the 34 tests without their requests);
- `axe/axe.min.js`: Deque's axe-core accessibility rules, from npm, which the browser tests inject into each page.

Files that no registry carries (OSLO's "Besluit publicatie" SHACL, the W3C protocol manifest with its requests)
are read from `../shared/standards/` where a machine has them (`standard()` looks there first). Nothing here is
committed; a machine without npm or the registries gets a note, and the tests that need a file skip, naming it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = (ROOT.parent / "shared" / "standards", ROOT / ".cache" / "standards")
CACHE = PLACES[1]

LBLOD_PACKAGE = "@lblod/lib-decision-shapes@0.0.25"
# each file as the package names the document type whose shapes it holds
LBLOD_SHAPES = {
    "lblod-notulen.ttl": "notulen",
    "lblod-decision-list.ttl": "besluitenlijst",
    "lblod-basic-agenda.ttl": "agenda",
    "lblod-decision.ttl": "decision",
}
RDFLIB_SDIST = "rdflib==7.6.0"
AXE_PACKAGE = "axe-core@4.10.3"  # the accessibility rules the browser tests run on every page kind
W3C_FOLDERS = ("json-res", "csv-tsv-res", "service-description", "protocol")
W3C_IN_SDIST = "test/data/suites/w3c/sparql11/"
PRINT_SHAPE = "process.stdout.write(require(process.argv[1]).getShapeOfDocumentType(process.argv[2]))"


def standard(relative: str) -> Path | None:
    """Where a suite's file is on this machine: ../shared/standards first, then what `make standards` took."""
    return next((place / relative for place in PLACES if (place / relative).exists()), None)


def _npm_pack(package: str, scratch: Path) -> Path | str:
    """The package's tarball from npm, in `scratch`; or why it could not be had."""
    npm = shutil.which("npm")
    if npm is None:
        return f"npm is not installed: {package} not taken"
    packed = subprocess.run(
        [npm, "pack", package, "--silent", "--pack-destination", str(scratch)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if packed.returncode != 0:
        return f"npm pack {package} failed: {packed.stderr.strip()[-300:]}"
    (tarball,) = scratch.glob("*.tgz")
    return tarball


def _lblod(scratch: Path, into: Path) -> str:
    node = shutil.which("node")
    if node is None:
        return "node is not installed: LBLOD's shapes not taken"
    tarball = _npm_pack(LBLOD_PACKAGE, scratch)
    if isinstance(tarball, str):
        return tarball
    with tarfile.open(tarball) as archive:
        archive.extractall(scratch, filter="data")
    entry = scratch / "package" / "dist" / "index.js"
    into.mkdir(parents=True, exist_ok=True)
    for name, document_type in LBLOD_SHAPES.items():
        shape = subprocess.run(
            [node, "-e", PRINT_SHAPE, str(entry), document_type], capture_output=True, text=True, timeout=60, check=True
        )
        (into / name).write_text(shape.stdout, encoding="utf-8")
    return f"LBLOD's shapes from npm {LBLOD_PACKAGE}: {len(LBLOD_SHAPES)} files"


def _w3c(scratch: Path, into: Path) -> str:
    downloaded = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--dest",
            str(scratch),
            RDFLIB_SDIST,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    tarballs = list(scratch.glob("rdflib-*.tar.gz"))
    if not tarballs:
        return f"pip download {RDFLIB_SDIST} failed: {downloaded.stderr.strip()[-300:]}"
    taken = 0
    with tarfile.open(tarballs[0]) as archive:
        for member in archive.getmembers():
            _, _, inside = member.name.partition("/")
            folder = inside.removeprefix(W3C_IN_SDIST).split("/", 1)[0] if inside.startswith(W3C_IN_SDIST) else ""
            if member.isfile() and folder in W3C_FOLDERS:
                target = into / inside.removeprefix(W3C_IN_SDIST)
                target.parent.mkdir(parents=True, exist_ok=True)
                extracted = archive.extractfile(member)
                assert extracted is not None
                target.write_bytes(extracted.read())
                taken += 1
    return f"the W3C SPARQL 1.1 suites from PyPI's {RDFLIB_SDIST} source: {taken} files"


def _axe(scratch: Path, into: Path) -> str:
    tarball = _npm_pack(AXE_PACKAGE, scratch)
    if isinstance(tarball, str):
        return tarball
    with tarfile.open(tarball) as archive:
        script = archive.extractfile("package/axe.min.js")
        if script is None:
            return f"{AXE_PACKAGE} holds no axe.min.js"
        into.mkdir(parents=True, exist_ok=True)
        (into / "axe.min.js").write_bytes(script.read())
    return f"axe-core from npm {AXE_PACKAGE}"


def main() -> None:
    """Take what is not yet taken; a second run changes nothing."""
    steps = (
        ("shapes", LBLOD_SHAPES.keys(), _lblod),
        ("w3c-sparql11", [f"{W3C_FOLDERS[0]}/manifest.ttl"], _w3c),
        ("axe", ["axe.min.js"], _axe),
    )
    for folder, files, take in steps:
        into = CACHE / folder
        if all((into / name).exists() for name in files):
            continue
        with tempfile.TemporaryDirectory() as scratch:
            try:
                print(take(Path(scratch), into))
            except (OSError, subprocess.SubprocessError, tarfile.TarError) as error:
                print(f"note: {folder} not taken ({error}); the tests that need it will be skipped")


if __name__ == "__main__":
    main()
