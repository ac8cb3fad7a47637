"""The reads the use cases make of the store besides the named questions: what the ingest checks before it writes,
what a removal looks up, what the validation report and the start page count. Written from the vocabulary's
namespaces (`ontology`), never spelled out; each leaves the merged default graph of a server out (`not_the_merge`).
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from beslutsgraf.ontology import BESLUIT, BG, DOSSIER, ELI, FOAF, OA, ORG, PERSON, not_the_merge

# Every graph's ingest run, to tell a file unchanged since it was read from one to read again
INGEST_RUNS = f"""
SELECT ?graph ?run WHERE {{ GRAPH ?graph {{ ?run a <{BG.IngestRun}> }} {not_the_merge("graph")} }}
"""

# The graphs that hold a meeting (bound as ?meeting) or any of its §§, with the file each was read from
GRAPHS_OF_MEETING = f"""
SELECT DISTINCT ?graph ?fileName ?pathDigest ?paragraph WHERE {{
  GRAPH ?graph {{
    ?source a <{BG.SourceFile}> ; <{BG.fileName}> ?fileName . OPTIONAL {{ ?source <{BG.pathDigest}> ?pathDigest }}
    {{ ?meeting a <{BESLUIT.Zitting}> }} UNION
    {{ ?paragraph a <{BESLUIT.BehandelingVanAgendapunt}> ; <{DCTERMS.isPartOf}> ?meeting }}
  }} {not_the_merge("graph")}
}}
"""

# Every source file's graph, by the file's name, bytes and path, with the meeting it holds
SOURCES = f"""
SELECT DISTINCT ?graph ?fileName ?sha256 ?pathDigest ?meeting WHERE {{
  GRAPH ?graph {{
    ?source a <{BG.SourceFile}> ; <{BG.fileName}> ?fileName ; <{BG.sha256}> ?sha256 .
    OPTIONAL {{ ?source <{BG.pathDigest}> ?pathDigest }}
    OPTIONAL {{ ?meeting a <{BESLUIT.Zitting}> }}
  }} {not_the_merge("graph")}
}}
"""

# A source file's name and media type (bound as ?source)
SOURCE_FILE = f"""
SELECT ?fileName ?format WHERE {{
  ?source <{BG.fileName}> ?fileName . OPTIONAL {{ ?source <{DCTERMS["format"]}> ?format }}
}} LIMIT 1
"""

# A span's quoted text (bound as ?span)
SPAN_QUOTE = f"SELECT ?quote WHERE {{ ?span <{OA.exact}> ?quote }} LIMIT 1"

# The digest of every source file a graph was read from
SOURCE_DIGESTS = f"""
SELECT DISTINCT ?sha256 WHERE {{ GRAPH ?graph {{ ?source a <{BG.SourceFile}> ; <{BG.sha256}> ?sha256 }} }}
"""

# Every typed node with its class, once: the validation report counts them per class
TYPED_NODES = "SELECT DISTINCT ?class ?node WHERE { ?node a ?class }"

# The bodies, by name: the search page's filter
BODIES = f"""
SELECT ?body (SAMPLE(?name) AS ?label) WHERE {{ ?body a <{BESLUIT.Bestuursorgaan}> ; <{SKOS.prefLabel}> ?name }}
GROUP BY ?body ORDER BY ?label
"""

# What a § page shows of the § itself (bound as ?paragraph): its decision and outcome, its meeting, body and case
PARAGRAPH_FACTS = f"""
SELECT ?citation ?title ?decision ?text ?outcome ?meeting ?meetingLabel ?body ?bodyLabel ?case ?caseLabel WHERE {{
  ?paragraph <{BG.citation}> ?citation ; <{DCTERMS.isPartOf}> ?meeting .
  OPTIONAL {{ ?paragraph <{DCTERMS.title}> ?title }}
  OPTIONAL {{ ?meeting <{RDFS.label}> ?meetingLabel }}
  OPTIONAL {{ ?meeting <{BESLUIT.isGehoudenDoor}> ?body . OPTIONAL {{ ?body <{SKOS.prefLabel}> ?bodyLabel }} }}
  OPTIONAL {{ ?paragraph <{DOSSIER.vindtPlaatsTijdens}> ?case . OPTIONAL {{ ?case <{SKOS.notation}> ?caseLabel }} }}
  OPTIONAL {{
    ?paragraph <{PROV.generated}> ?decision .
    OPTIONAL {{ ?decision <{PROV.value}> ?text }}
    OPTIONAL {{ ?decision <{BG.decisionKind}> ?outcome }}
  }}
}} LIMIT 1
"""

# What was said and done about a § (bound as ?paragraph): its motions, statements and where it was sent; the person
# who made a motion or a reservation, where the ingest knew them
PARAGRAPH_PARTS = f"""
SELECT ?part ?kind ?text ?who ?person WHERE {{
  {{ ?paragraph <{BG.motion}> ?part . ?part <{PROV.value}> ?text ; <{BG.mover}> ?who . BIND("motion" AS ?kind) }}
  UNION {{ ?paragraph <{BG.reservation}> ?part . ?part <{PROV.value}> ?text . BIND("reservation" AS ?kind) }}
  UNION {{ ?paragraph <{BG.note}> ?part . ?part <{PROV.value}> ?text . BIND("note" AS ?kind) }}
  UNION {{ ?paragraph <{BG.specialStatement}> ?part . ?part <{PROV.value}> ?text . BIND("statement" AS ?kind) }}
  UNION {{ ?paragraph <{BG.jav}> ?part . ?part <{PROV.value}> ?text . BIND("jav" AS ?kind) }}
  UNION {{ ?paragraph <{BG.dispatchedTo}> ?part . ?part <{RDFS.label}> ?text . BIND("dispatch" AS ?kind) }}
  OPTIONAL {{ ?part <{DCTERMS.creator}> ?person . ?person a <{PERSON.Person}> }}
}} ORDER BY ?kind ?part
"""

# Where each basis document of a § (bound as ?paragraph) was read: its first span's page, line and characters
BASIS_SPANS = f"""
SELECT ?document (MIN(?from) AS ?start) (SAMPLE(?to) AS ?end) (SAMPLE(?onPage) AS ?page) (SAMPLE(?atLine) AS ?line)
       (SAMPLE(?digest) AS ?sha256) WHERE {{
  ?paragraph <{PROV.used}> ?document .
  ?document <{PROV.wasDerivedFrom}> ?span .
  ?span <{OA.start}> ?from ; <{OA.end}> ?to ; <{BG.line}> ?atLine ; <{DCTERMS.isPartOf}> ?source .
  OPTIONAL {{ ?span <{BG.page}> ?onPage }}
  OPTIONAL {{ ?source <{BG.sha256}> ?digest }}
}} GROUP BY ?document
"""

# The referral responses a § (bound as ?paragraph) used, and who answered: each response's author (where it has
# one), and the body, party or company it speaks for (a working committee for its board, an administration for its
# board: org's links); an author no registry holds counts as its own
RESPONDERS = f"""
SELECT DISTINCT ?document ?author ?authorLabel ?responder ?responderLabel WHERE {{
  ?paragraph <{PROV.used}> ?document .
  ?document <{BG.isReferralResponse}> true .
  OPTIONAL {{
    ?document <{DCTERMS.creator}> ?author .
    OPTIONAL {{ ?author <{ORG.subOrganizationOf}>|<{ORG.unitOf}> ?parent }}
    BIND(COALESCE(?parent, ?author) AS ?responder)
    OPTIONAL {{ ?author <{SKOS.prefLabel}> ?authorName }}
    OPTIONAL {{ ?author <{BG.mentionText}> ?written }}  # a name no registry holds, kept as written
    OPTIONAL {{ ?responder <{SKOS.prefLabel}> ?responderName }}
    BIND(STR(COALESCE(?authorName, ?written, ?author)) AS ?authorLabel)
    BIND(COALESCE(STR(?responderName), ?authorLabel) AS ?responderLabel)
  }}
}} ORDER BY ?responderLabel ?authorLabel
"""

# The basis documents of each § on a case (bound as ?case), whether each answers a referral
CASE_BASIS = f"""
SELECT ?paragraph ?document ?title ?referralResponse WHERE {{
  ?paragraph <{DOSSIER.vindtPlaatsTijdens}> ?case ; <{PROV.used}> ?document .
  ?document <{DCTERMS.title}> ?title ; <{BG.position}> ?position .
  OPTIONAL {{ ?document <{BG.isReferralResponse}> ?referralResponse }}
}} ORDER BY ?paragraph ?position
"""

# What a meeting page shows of the meeting itself (bound as ?meeting): its body, day, place, times, justering, notice
MEETING_FACTS = f"""
SELECT ?label ?date ?body ?bodyLabel ?place ?started ?ended ?justering ?justeringDate ?posted ?removed ?keptAt WHERE {{
  ?meeting <{DCTERMS.date}> ?date .
  OPTIONAL {{ ?meeting <{RDFS.label}> ?label }}
  OPTIONAL {{ ?meeting <{BESLUIT.isGehoudenDoor}> ?body . OPTIONAL {{ ?body <{SKOS.prefLabel}> ?bodyLabel }} }}
  OPTIONAL {{ ?meeting <{BG.place}> ?place }}
  OPTIONAL {{ ?meeting <{PROV.startedAtTime}> ?started }}
  OPTIONAL {{ ?meeting <{PROV.endedAtTime}> ?ended }}
  OPTIONAL {{ ?meeting <{BG.justering}> ?justering }}
  OPTIONAL {{ ?meeting <{BG.justeringDate}> ?justeringDate }}
  OPTIONAL {{ ?meeting <{BG.noticePosted}> ?posted }}
  OPTIONAL {{ ?meeting <{BG.noticeRemoved}> ?removed }}
  OPTIONAL {{ ?meeting <{BG.keptAt}> ?keptAt }}
}} LIMIT 1
"""

# What a body's page shows of the body itself (bound as ?body): its names, its kind and its municipality
BODY_FACTS = f"""
SELECT ?label (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR=", ") AS ?otherNames) (SAMPLE(?kinds) AS ?kind)
       (SAMPLE(?municipalities) AS ?municipality) (SAMPLE(?municipalityNames) AS ?municipalityLabel) WHERE {{
  ?body a <{BESLUIT.Bestuursorgaan}> ; <{SKOS.prefLabel}> ?label .
  OPTIONAL {{ ?body <{SKOS.altLabel}> ?alt }}
  OPTIONAL {{ ?body <{ORG.classification}> ?kinds }}
  OPTIONAL {{
    ?body <{BESLUIT.bestuurt}> ?municipalities . OPTIONAL {{ ?municipalities <{RDFS.label}> ?municipalityNames }}
  }}
}} GROUP BY ?label LIMIT 1
"""

# Who sat on a body (bound as ?body) at its meetings in the store: members and substitutes (not officials), how
# often, between which days, and as what
BODY_MEMBERS = f"""
SELECT ?person ?name (SAMPLE(?parties) AS ?party) (COUNT(DISTINCT ?meeting) AS ?meetings) (MIN(?date) AS ?first)
       (MAX(?date) AS ?last) (GROUP_CONCAT(DISTINCT ?kind; SEPARATOR=", ") AS ?kinds) WHERE {{
  ?meeting <{BESLUIT.isGehoudenDoor}> ?body ; <{DCTERMS.date}> ?date ; <{BG.attendance}> ?attendance .
  ?attendance <{BG.attendee}> ?person ; <{BG.attendanceKind}> ?kind .
  FILTER(?kind IN ("ledamot", "tjänstgörande ersättare", "ersättare"))
  ?person <{FOAF.name}> ?name .
  OPTIONAL {{ ?person <{BG.memberOfParty}>/<{SKOS.notation}> ?parties }}
}} GROUP BY ?person ?name ORDER BY DESC(?meetings) ?name
"""

# What a person's page shows of the person (bound as ?person): their name and party
PERSON_FACTS = f"""
SELECT ?name ?label ?party ?partyLabel WHERE {{
  ?person <{FOAF.name}> ?name .
  OPTIONAL {{ ?person <{RDFS.label}> ?label }}
  OPTIONAL {{ ?person <{BG.memberOfParty}> ?party . OPTIONAL {{ ?party <{SKOS.prefLabel}> ?partyLabel }} }}
}} LIMIT 1
"""

# What a document's page shows (bound as ?document): its title, kind, date, whether it answers a referral, and
# each author (a row each)
DOCUMENT_FACTS = f"""
SELECT ?title ?kind ?date ?referralResponse ?author ?authorLabel WHERE {{
  ?document <{DCTERMS.title}> ?title .
  OPTIONAL {{ ?document <{DCTERMS.type}> ?kind }}
  OPTIONAL {{ ?document <{DCTERMS.date}> ?date }}
  OPTIONAL {{ ?document <{BG.isReferralResponse}> ?referralResponse }}
  OPTIONAL {{
    ?document <{DCTERMS.creator}> ?author .
    OPTIONAL {{ ?author <{SKOS.prefLabel}> ?prefLabel }}
    OPTIONAL {{ ?author <{BG.mentionText}> ?written }}
    BIND(STR(COALESCE(?prefLabel, ?written)) AS ?authorLabel)
  }}
}}
"""

# The §§ that used a document (bound as ?document) as a basis, and the decisions it cites (their §§ where known)
DOCUMENT_LINKS = f"""
SELECT ?how ?target ?citation ?title ?date WHERE {{
  {{
    ?target <{PROV.used}> ?document ; <{BG.citation}> ?citation .
    OPTIONAL {{ ?target <{DCTERMS.title}> ?title }}
    OPTIONAL {{ ?target <{PROV.generated}>/<{ELI.date_document}> ?date }}
    BIND("usedBy" AS ?how)
  }} UNION {{
    ?document <{ELI.cites}> ?decision .
    OPTIONAL {{ ?decision <{BG.citation}> ?citation }}
    OPTIONAL {{ ?decision <{ELI.date_document}> ?date }}
    OPTIONAL {{ ?paragraph <{PROV.generated}> ?decision . OPTIONAL {{ ?paragraph <{DCTERMS.title}> ?title }} }}
    BIND(COALESCE(?paragraph, ?decision) AS ?target)  # the § page where the store has the §
    BIND("cites" AS ?how)
  }}
}} ORDER BY ?how ?date ?citation
"""

# Where a resource (bound as ?subject) was read: each span's quote, page, line and characters, and its file's digest
SPANS = f"""
SELECT ?quote ?page ?line ?start ?end ?sha256 WHERE {{
  ?subject <{PROV.wasDerivedFrom}> ?span .
  ?span <{OA.exact}> ?quote ; <{OA.start}> ?start ; <{OA.end}> ?end ; <{BG.line}> ?line ; <{DCTERMS.isPartOf}> ?source .
  OPTIONAL {{ ?span <{BG.page}> ?page }}
  OPTIONAL {{ ?source <{BG.sha256}> ?sha256 }}
}} ORDER BY ?start
"""

# A resource's label (bound as ?subject)
LABEL = f"SELECT ?label WHERE {{ ?subject <{RDFS.label}> ?label }} LIMIT 1"

# Whether the store says anything of a resource (bound as ?subject)
SUBJECT_KNOWN = "SELECT ?p WHERE { ?subject ?p ?o } LIMIT 1"

# How many nodes each class has, and how many triples the store holds: the dataset's description (VoID, DCAT)
CLASS_COUNTS = "SELECT ?class (COUNT(DISTINCT ?item) AS ?n) WHERE { ?item a ?class } GROUP BY ?class ORDER BY ?class"
TRIPLE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

# Where a resource (bound as ?iri) came from: the span, its source file, the ingest run
PROVENANCE = f"""
SELECT ?span ?source ?fileName ?sha256 ?extraction ?start ?end ?page ?line ?quote ?run ?started ?software ?iri WHERE {{
  ?iri <{PROV.wasDerivedFrom}> ?span .
  OPTIONAL {{ ?span <{DCTERMS.isPartOf}> ?partOf }}
  BIND(COALESCE(?partOf, ?span) AS ?source)
  ?source <{BG.fileName}> ?fileName ; <{BG.sha256}> ?sha256 ; <{BG.extraction}> ?extraction .
  OPTIONAL {{
    ?span <{OA.start}> ?start ; <{OA.end}> ?end ; <{OA.exact}> ?quote ; <{BG.line}> ?line .
    OPTIONAL {{ ?span <{BG.page}> ?page }}
  }}
  OPTIONAL {{
    ?iri <{BG.extractedBy}> ?run . ?run <{PROV.startedAtTime}> ?started ; <{BG.softwareVersion}> ?software
  }}
}}
"""

# The latest meetings, for the start page
LATEST_MEETINGS = f"""
SELECT ?meeting ?citation ?date WHERE {{
  ?meeting a <{BESLUIT.Zitting}> ; <{BG.citation}> ?citation ; <{DCTERMS.date}> ?date
}}
ORDER BY DESC(?date) LIMIT 50
"""
