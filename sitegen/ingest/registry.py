"""The ordered list of steps that clean a dump and find its metadata.

Each step is one function over the :class:`~sitegen.ingest.dump.Dump`; a new
heuristic is one function and one line here. A step with a name can be
switched off per project (``disable: [name]`` in ``seeds/debris.yaml``); the
package's rules file describes each of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sitegen.ingest import body, byline, clean, furniture, headline, outlet, prose
from sitegen.ingest.dump import Dump


@dataclass(frozen=True, slots=True)
class Step:
    """One step: its function, and the heuristic name that switches it off (None: always runs)."""

    run: Callable[[Dump], None]
    name: str | None = None


# In the order their evidence allows: metadata lines first, since they carry information before they go;
# outlet cues in the order they are trusted (the first that speaks wins); judgements of shape last.
STEPS: tuple[Step, ...] = (
    Step(clean.script, "script"),
    Step(clean.markup, "markup"),
    Step(clean.html_chrome, "html-chrome"),
    Step(clean.html_caption, "html-caption"),
    Step(clean.image_caption, "image-caption"),
    Step(clean.clean),
    Step(furniture.date_prefix, "date-prefix"),
    Step(byline.header_fields, "header-fields"),
    Step(clean.url_line, "url-line"),
    Step(furniture.banner, "banner"),
    Step(clean.line_rules),
    Step(byline.updated, "updated"),
    Step(furniture.skipped_box, "skipped-box"),
    Step(furniture.embedded_post, "embedded-post"),
    Step(clean.logo, "logo"),
    Step(byline.byline, "byline"),
    Step(byline.dateline, "dateline"),
    Step(byline.live_stamps, "live-stamp"),
    Step(byline.text_dateline, "text-dateline"),
    Step(prose.labels, "label"),
    Step(furniture.related_list, "related-list"),
    Step(outlet.signature),
    Step(outlet.byline_org, "byline-outlet"),
    Step(outlet.agency, "agency"),
    Step(outlet.site_name, "site-name"),
    Step(body.excerpt_label, "excerpt-label"),
    Step(headline.title, "title"),
    Step(headline.repeated_headline, "repeated-headline"),
    Step(body.author_bio, "author-bio"),
    Step(outlet.masthead, "masthead"),
    Step(outlet.choose),  # the outlet, from the cues above and the file's name ("file-name" can be switched off)
    Step(outlet.site_label, "site-label"),
    Step(body.footer_links, "footer-links"),
    Step(headline.kicker, "kicker"),
    Step(headline.standfirst, "standfirst"),
    Step(furniture.caption_above_credit, "caption-above-credit"),
    Step(byline.name_line, "name-line"),
    Step(body.duplicate, "duplicate"),
    Step(body.pull_quote, "pull-quote"),
    Step(headline.repeated_dek, "repeated-dek"),
    Step(furniture.trailing_links, "trailing-links"),
    Step(prose.lead_label, "lead-label"),
    Step(prose.orphan_headline, "orphan-headline"),
    Step(prose.stray_label, "stray-label"),
    Step(body.upstream),
    Step(body.staff_credit, "staff-credit-report"),
    Step(body.named_report, "named-report"),
    Step(body.outlet_mentions, "outlet-mention"),
    Step(body.truncation, "truncated"),
)

# Heuristics that live inside another step: "file-name" weighs the file's name in outlet.choose.
HEURISTICS = frozenset(step.name for step in STEPS if step.name) | {"html-fragment", "file-name"}


def run_steps(dump: Dump) -> None:
    """Every step in order, but those the project switched off."""
    on = dump.rules.heuristics
    for step in STEPS:
        if step.name is None or step.name in on:
            step.run(dump)
