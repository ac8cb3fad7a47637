"""References to national law, resolved to the rinfo IRIs lagen.nu uses."""

from __future__ import annotations

import pytest

from beslutsgraf.ontology.law import find_law_references

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "iri", "label"),
    [
        ("enligt 5 kap. 23 § kommunallagen", "sfs/2017:725#K5P23", "5 kap. 23 § SFS 2017:725"),
        ("med stöd av 6 kap. 24 § KL", "sfs/2017:725#K6P24", "6 kap. 24 § SFS 2017:725"),
        ("KL 6:24", "sfs/2017:725#K6P24", "6 kap. 24 § SFS 2017:725"),
        ("23 § förvaltningslagen (2017:900)", "sfs/2017:900#P23", "23 § SFS 2017:900"),
        ("2 kap. 1 § offentlighets- och sekretesslagen", "sfs/2009:400#K2P1", "2 kap. 1 § SFS 2009:400"),
        ("10 kap. 17 § plan- och bygglagen (2010:900)", "sfs/2010:900#K10P17", "10 kap. 17 § SFS 2010:900"),
        ("3 kap. 9 a § skollagen", "sfs/2010:800#K3P9a", "3 kap. 9a § SFS 2010:800"),
        ("lag (SFS 2017:725)", "sfs/2017:725", "SFS 2017:725"),
        ("betänkandet (SOU 2017:114)", "sou/2017:114", "SOU 2017:114"),
        ("prop. 2016/17:171", "prop/2016/17:171", "prop. 2016/17:171"),
        ("Ds 2019:12", "ds/2019:12", "Ds 2019:12"),
    ],
)
def test_each_form_of_reference(text: str, iri: str, label: str) -> None:
    (reference,) = find_law_references(text)
    assert reference.iri == "http://rinfo.lagrummet.se/publ/" + iri
    assert reference.label == label
    assert text[reference.start : reference.end] == reference.written


@pytest.mark.parametrize("text", ["kl 15:00–16:30", "§ 12 Val av justerare", "23 § okändlagen", "Bilaga 6:24"])
def test_what_is_no_reference_to_law(text: str) -> None:
    assert find_law_references(text) == []
