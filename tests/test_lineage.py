"""sitegen/lineage.py: which upstream report each source relies on, and which other sources rely on it."""

from __future__ import annotations

from sitegen.lineage import common_upstream, lineage, upstream_key
from sitegen.model import Paragraph, Source


def src(sid: str, *texts: str, outlet: str | None = None, relies_on: tuple[str, ...] = ()) -> Source:
    paras = tuple(Paragraph(i, f"p{i}", t) for i, t in enumerate(texts, 1))
    return Source(sid, f"seeds/{sid}.txt", None, outlet, (), None, None, relies_on, paras)


def test_lineage_groups_sources_by_upstream_report() -> None:
    sources = [
        src("a", "Source: The Decoder reported it first.", relies_on=("The Decoder",)),
        src("b", "Summary only.", relies_on=("the-decoder.com",)),
        src("c", "According to Bloomberg.", relies_on=("Bloomberg",)),
        src("d", "Nobody named."),
    ]
    lin = lineage(sources)
    assert upstream_key("The Decoder") == upstream_key("the-decoder.com") == "decoder"
    up = lin["a"].upstreams[0]
    assert (up.name, up.shared_with, up.evidence.anchor if up.evidence else None) == ("The Decoder", ("b",), "p1")
    assert lin["b"].upstreams[0].shared_with == ("a",) and lin["b"].upstreams[0].evidence is None
    assert lin["c"].upstreams[0].shared_with == ()
    assert lin["d"].upstreams == ()


def test_common_upstream_names_a_single_shared_origin() -> None:
    lin = lineage(
        [
            src("a", "x", relies_on=("Bloomberg",)),
            src("b", "y", relies_on=("Bloomberg", "Reuters")),
            src("c", "z", relies_on=("Reuters",)),
            src("d", "w"),
        ]
    )
    assert common_upstream(lin, ["a", "b"]) == "Bloomberg"
    assert common_upstream(lin, ["b", "c"]) == "Reuters"
    assert common_upstream(lin, ["a", "c"]) is None
    assert common_upstream(lin, ["a", "d"]) is None
