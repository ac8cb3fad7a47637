"""What the tests and the benchmarks share, and nothing else imports (`make lint` holds it to that): throwaway SPARQL
servers (`servers`), real PDFs as a typesetter and as a word processor make them (`pdfs`, `wordprocessor`), and
synthetic protocols for any number of municipalities and years (`synthetic`). Some of it needs the development
dependencies (fpdf2) or Debian's programs (Virtuoso, LibreOffice), which `make setup` and `make system-deps` install.
"""
