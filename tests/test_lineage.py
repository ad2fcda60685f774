"""sitegen/lineage.py: which upstream report each source relies on, and which other sources rely on it."""

from __future__ import annotations

from sitegen.lineage import lineage, reporting_lines, upstream_key
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


def test_outlets_relying_on_one_report_or_on_each_other_are_one_line_of_reporting() -> None:
    a, b, c, d = (
        src("a", "x", relies_on=("Bloomberg",)),
        src("b", "y", relies_on=("Bloomberg", "Reuters")),
        src("c", "z", relies_on=("Reuters",)),
        src("d", "w", outlet="Wire"),
    )
    e = src("e", "v", outlet="Echo", relies_on=("the-wire.com",))  # relies on d, named by its site
    assert reporting_lines([a, b]) == [(["a", "b"], "Bloomberg")]
    assert reporting_lines([b, c]) == [(["b", "c"], "Reuters")]
    assert reporting_lines([a, c]) == [(["a"], "Bloomberg"), (["c"], "Reuters")]
    assert reporting_lines([a, c, b]) == [(["a", "c", "b"], None)]  # b joins the two: one line, no one origin
    assert reporting_lines([d, a, e]) == [(["d", "e"], None), (["a"], "Bloomberg")]
