"""The build cache: warm builds equal cold ones, an edit changes exactly the right pages, bad entries are redone."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import Builder, build
from sitegen.cache import CACHE_DIR, DB_FILE, Cache
from sitegen.errors import SitegenError
from sitegen.helper import Helper
from tests.conftest import MakeSite, tree_digest

SEED_2 = """\
Harbour Authority Dredges the Old Channel
By Sam Roe | April 9, 2025
The harbour authority began dredging the old channel on Tuesday to let larger ships reach the quay.
Work is expected to last six weeks and will close the eastern berth at night.
"""

FILES = {
    "seeds/harbour.txt": SEED_2,
    "seeds/sources.yaml": "bridge.txt:\n  id: bridge\nharbour.txt:\n  id: harbour\n",
    "content/index.md": '---\ntitle: Overview\n---\n\nTwo stories [@bridge "new bridge over the river"].\n',
    "content/bridge.md": (
        "---\ntitle: The bridge\norder: 1\n---\n\n## Opening\n\n"
        'The city opened it [@bridge "opened a new bridge over the river"].\n'
    ),
    "content/harbour.md": (
        "---\ntitle: The harbour\norder: 2\n---\n\n## Dredging\n\n"
        'Ships will reach the quay [@harbour "let larger ships reach the quay"].\n'
    ),
    "content/notes/plain.md": "---\ntitle: A plain note\n---\n\nNo citations here. See [the bridge](../bridge.md).\n",
}


def html_pages(digest: dict[str, str]) -> dict[str, str]:
    """Only the HTML pages of a tree digest."""
    return {k: v for k, v in digest.items() if k.endswith(".html")}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Paths added, removed or different between two tree digests."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def cold_copy(project: Path, tmp_path: Path, name: str) -> dict[str, str]:
    """The output of a cache-less build of a copy of ``project``."""
    copy = tmp_path / name
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("public", CACHE_DIR, ".sitegen.lock"))
    build(copy, cache=Cache.off())
    return tree_digest(copy / "public")


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    """A project built once, so its cache is warm."""
    project = make_site(FILES)
    first = build(project)
    assert first.reused == 0
    return project


def test_warm_build_is_byte_identical_to_cold(site: Path, tmp_path: Path) -> None:
    cold = tree_digest(site / "public")
    result = build(site)
    assert result.reused == result.pages - 0 or result.reused > 0
    assert tree_digest(site / "public") == cold
    assert cold_copy(site, tmp_path, "cold") == cold
    assert (site / CACHE_DIR / DB_FILE).is_file()


def test_summary_counts_reused_pages(site: Path) -> None:
    result = build(site)
    assert result.summary().startswith(f"built {result.pages} pages ({result.reused} reused from cache) from 2 sources")
    assert result.reused >= 4  # the four content pages at least


def test_editing_one_page_changes_only_that_page(site: Path, tmp_path: Path) -> None:
    before = tree_digest(site / "public")
    page = site / "content" / "harbour.md"
    page.write_text(page.read_text() + "\nThe eastern berth closes at night.\n")
    build(site)
    after = tree_digest(site / "public")
    assert changed(html_pages(before), html_pages(after)) == {"harbour/index.html"}
    assert after == cold_copy(site, tmp_path, "cold")


def test_a_sections_reading_time_on_the_home_page_follows_its_text(site: Path, tmp_path: Path) -> None:
    """The home page's card for a section shows its reading time, so a longer section changes the home page."""
    page = site / "content" / "harbour.md"
    page.write_text(page.read_text() + "\n" + "The eastern berth closes at night. " * 300 + "\n")
    build(site)
    home = (site / "public" / "index.html").read_text()
    assert re.search(r"[4-9] min read", home)
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_sections_new_reading_time_redoes_the_home_page_and_no_other(site: Path, tmp_path: Path) -> None:
    """Every page's navigation lists the sections, but only the home page shows how long they are."""
    before = html_pages(tree_digest(site / "public"))
    page = site / "content" / "harbour.md"
    page.write_text(page.read_text() + "\n" + "The eastern berth closes at night. " * 300 + "\n")
    result = build(site)
    assert changed(before, html_pages(tree_digest(site / "public"))) == {"harbour/index.html", "index.html"}
    assert result.reused == result.pages - 2  # the other pages are not even rendered again


def test_a_template_that_lists_every_pages_reading_time_follows_their_text(site: Path, tmp_path: Path) -> None:
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<ul>{% for p in site.pages %}'
        "<li>{{ p.page.title }}: {{ p.words }} words</li>{% endfor %}</ul>{% endblock %}\n",
        encoding="utf-8",
    )
    build(site)
    assert "A plain note: 6 words" in (site / "public" / "404.html").read_text()
    page = site / "content" / "notes" / "plain.md"
    page.write_text(page.read_text() + "\nThree more words.\n")
    build(site)
    assert "A plain note: 9 words" in (site / "public" / "404.html").read_text()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_build_that_changes_nothing_leaves_the_output_folder_as_it_is(site: Path) -> None:
    public = site / "public"
    before = {p: p.stat().st_ino for p in public.rglob("*")}
    folder = public.stat().st_ino
    build(site)
    assert public.stat().st_ino == folder
    assert {p: p.stat().st_ino for p in public.rglob("*")} == before
    assert not list(site.glob("public.staging-*"))


def test_a_small_edit_swaps_in_a_whole_new_folder_at_once(site: Path) -> None:
    """Readers see the old site or the new one, never a mix: the folder is replaced in one step."""
    public = site / "public"
    folder_before = public.stat().st_ino
    untouched_before = (public / "sources" / "bridge" / "index.html").stat().st_ino
    page = site / "content" / "harbour.md"
    page.write_text(page.read_text() + "\nThe eastern berth closes at night.\n")
    build(site)
    assert public.stat().st_ino != folder_before
    assert (public / "sources" / "bridge" / "index.html").stat().st_ino == untouched_before  # linked, not rewritten
    assert not list(site.glob("public.staging-*"))
    assert "eastern berth closes at night" in (public / "harbour" / "index.html").read_text()


def test_editing_a_source_changes_its_page_and_the_pages_citing_it(site: Path, tmp_path: Path) -> None:
    before = tree_digest(site / "public")
    seed = site / "seeds" / "harbour.txt"
    seed.write_text(seed.read_text() + "Officials said the channel had silted up over ten years.\n")
    build(site)
    after = tree_digest(site / "public")
    assert changed(html_pages(before), html_pages(after)) == {"sources/harbour/index.html"}
    assert after == cold_copy(site, tmp_path, "cold")


def test_editing_a_sources_byline_changes_the_pages_citing_it(site: Path, tmp_path: Path) -> None:
    before = html_pages(tree_digest(site / "public"))
    seed = site / "seeds" / "harbour.txt"
    seed.write_text(seed.read_text().replace("By Sam Roe", "By Sam Rowe"))
    build(site)
    after = tree_digest(site / "public")
    edited = changed(before, html_pages(after))
    assert {"harbour/index.html", "sources/harbour/index.html", "sources/index.html"} <= edited
    assert not edited & {"bridge/index.html", "notes/plain/index.html", "sources/bridge/index.html"}
    assert after == cold_copy(site, tmp_path, "cold")


def test_editing_a_template_changes_every_page_using_it(site: Path, tmp_path: Path) -> None:
    before = tree_digest(site / "public")
    templates = site / "templates"
    templates.mkdir()
    package_page = Path(__file__).resolve().parent.parent / "sitegen" / "templates" / "page.html"
    text = package_page.read_text().replace("{% block main %}", '{% block main %}<p class="edited">edited</p>', 1)
    (templates / "page.html").write_text(text)
    build(site)
    after = tree_digest(site / "public")
    assert changed(html_pages(before), html_pages(after)) == {
        "bridge/index.html",
        "harbour/index.html",
        "notes/plain/index.html",
    }
    assert after == cold_copy(site, tmp_path, "cold")


def test_editing_the_config_changes_every_page(site: Path, tmp_path: Path) -> None:
    before = html_pages(tree_digest(site / "public"))
    (site / "site.yaml").write_text("title: Another title\nbase_url: /\n")
    build(site)
    after = tree_digest(site / "public")
    assert changed(before, html_pages(after)) == set(before)
    assert after == cold_copy(site, tmp_path, "cold")


def test_a_corrupt_entry_is_detected_and_rebuilt(site: Path) -> None:
    cold = tree_digest(site / "public")
    db = sqlite3.connect(site / CACHE_DIR / DB_FILE)
    rows = db.execute("SELECT kind, key, value FROM entries").fetchall()
    with db:
        for kind, key, value in rows:
            flipped = value[:20] + bytes(b ^ 0xFF for b in value[20:24]) + value[24:]
            db.execute("UPDATE entries SET value=? WHERE kind=? AND key=?", (flipped, kind, key))
    db.close()
    cache = Cache.for_project(site)
    result = build(site, cache=cache)
    assert cache.corrupt > 0
    assert result.reused == 0
    assert tree_digest(site / "public") == cold
    assert build(site).reused > 0  # the entries were written again


def test_unchanged_pages_are_linked_from_the_output_and_remade_when_it_lost_them(site: Path, tmp_path: Path) -> None:
    """A warm build links unchanged pages from public/ by their digests; when public/ was tampered with and the
    cached bytes are gone too, the pages are rendered again rather than trusted or lost."""
    cold = tree_digest(site / "public")
    page = site / "content" / "harbour.md"
    page.write_text(page.read_text() + "\nThe eastern berth closes at night.\n")
    inode = (site / "public" / "notes" / "plain" / "index.html").stat().st_ino
    build(site)
    assert (site / "public" / "notes" / "plain" / "index.html").stat().st_ino == inode  # linked, not rewritten
    db = sqlite3.connect(site / CACHE_DIR / DB_FILE)
    with db:
        db.execute("DELETE FROM entries WHERE kind='out'")  # the digests stay, the bytes go
    db.close()
    (site / "public" / "notes" / "plain" / "index.html").write_text("tampered")
    build(site)
    after = tree_digest(site / "public")
    assert after == cold_copy(site, tmp_path, "cold")
    assert after["notes/plain/index.html"] == cold["notes/plain/index.html"]


def test_a_page_whose_links_were_sound_is_checked_again_when_their_target_changes(site: Path) -> None:
    """The link check remembers sound pages, but never past a change to what they link to."""
    note = site / "content" / "notes" / "plain.md"
    note.write_text("---\ntitle: A plain note\n---\n\nSee [its opening](../bridge.md#opening).\n")
    build(site)
    bridge = site / "content" / "bridge.md"
    bridge.write_text(bridge.read_text().replace("## Opening", "## Opened"))
    with pytest.raises(SitegenError) as caught:
        build(site)
    assert "content/notes/plain.md:5: error: broken link '../bridge.md#opening'" in caught.value.format()
    bridge.write_text(bridge.read_text().replace("## Opened", "## Opening"))
    build(site)
    (site / "content" / "bridge.md").unlink()
    with pytest.raises(SitegenError) as caught:
        build(site)
    assert "content/notes/plain.md:5: error: broken link" in caught.value.format()


def test_a_cache_file_that_is_not_a_database_is_replaced(site: Path) -> None:
    cold = tree_digest(site / "public")
    (site / CACHE_DIR / DB_FILE).write_bytes(b"this is not a database" * 100)
    result = build(site)
    assert result.reused == 0
    assert tree_digest(site / "public") == cold
    assert build(site).reused > 0


def test_entries_of_another_sitegen_version_are_never_used(site: Path) -> None:
    other = Cache.for_project(site)
    other.salt = "another sitegen"
    assert build(site, cache=other).reused == 0
    mine = Cache.for_project(site)
    assert build(site, cache=mine).reused == 0  # the other version's build replaced every entry
    assert build(site).reused > 0


def test_a_deleted_page_disappears_from_a_warm_build(site: Path, tmp_path: Path) -> None:
    (site / "content" / "notes" / "plain.md").unlink()
    build(site)
    after = tree_digest(site / "public")
    assert "notes/plain/index.html" not in after
    assert after == cold_copy(site, tmp_path, "cold")


def test_a_file_changed_in_the_output_folder_is_restored(site: Path) -> None:
    cold = tree_digest(site / "public")
    (site / "public" / "bridge" / "index.html").write_text("tampered")
    (site / "public" / "stray.html").write_text("stray")
    build(site)
    assert tree_digest(site / "public") == cold


def _outside_search(digest: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in digest.items() if not k.startswith("pagefind/")}


def test_builder_rebuilds_in_memory_and_matches_a_cold_build(site: Path, tmp_path: Path) -> None:
    builder = Builder(site)
    builder.build()
    page = site / "content" / "bridge.md"
    page.write_text(page.read_text().replace("## Opening", "## Opening\n\nTraffic moved freely on day one."))
    result = builder.rebuild([page])
    assert result.reused == result.pages - 2  # a section got longer: its card on the home page changed too
    cold = cold_copy(site, tmp_path, "cold")
    assert _outside_search(tree_digest(site / "public")) == _outside_search(cold)
    builder.refresh()
    assert tree_digest(site / "public") == cold


def test_a_text_edit_in_preview_rewrites_that_page_alone_and_search_catches_up(site: Path, tmp_path: Path) -> None:
    builder = Builder(site)
    builder.build()
    before = tree_digest(site / "public")
    page = site / "content" / "notes" / "plain.md"
    page.write_text(page.read_text() + "\nTraffic moved freely on the first day.\n")
    result = builder.rebuild([page])
    after = tree_digest(site / "public")
    assert result.reused == result.pages - 1 and builder.stale
    assert changed(_outside_search(before), _outside_search(after)) == {"notes/plain/index.html"}
    cold = cold_copy(site, tmp_path, "cold")
    assert _outside_search(after) == _outside_search(cold)
    assert "Traffic moved freely" in (site / "public" / "notes" / "plain" / "index.html").read_text()
    refreshed = builder.refresh()
    assert refreshed is not None and not builder.stale and builder.refresh() is None
    assert tree_digest(site / "public") == cold  # the search index has the new text too
    again = builder.rebuild([page])  # a later quick rebuild starts from the refreshed state
    assert again.reused == again.pages - 1
    assert tree_digest(site / "public") == cold


@pytest.mark.parametrize(
    ("path", "edit"),
    [
        ("content/bridge.md", lambda t: t.replace("title: The bridge", "title: The new bridge")),  # in the nav
        ("content/bridge.md", lambda t: t.replace("## Opening", "## Opened")),  # the note links to the page
        ("content/notes/new.md", lambda t: "---\ntitle: New\n---\n\nA new page.\n"),
    ],
    ids=["title", "anchor", "new-page"],
)
def test_preview_edits_other_pages_see_take_the_full_path(
    site: Path, tmp_path: Path, path: str, edit: Callable[[str], str]
) -> None:
    """A title in the navigation, lost ids and new pages reach every page: a full build."""
    target = site / path
    (site / "content" / "notes" / "plain.md").write_text(
        "---\ntitle: A plain note\n---\n\nSee [the bridge](../bridge.md) and [its opening](../bridge.md#opening).\n"
    )
    builder = Builder(site)
    builder.build()
    text = target.read_text() if target.exists() else ""
    target.write_text(edit(text))
    try:
        builder.rebuild([target])
    except SitegenError as exc:  # the lost anchor: the full check names the linking page
        assert path == "content/bridge.md" and "opening" in exc.format() and "content/notes/plain.md" in exc.format()
        return
    assert not builder.stale
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_new_citation_in_preview_redoes_the_page_its_sources_and_the_home_page(site: Path, tmp_path: Path) -> None:
    """The cited source's page lists the new backlink and the home page's card counts the sources; the other
    pages show neither, so they are left as they are."""
    builder = Builder(site)
    builder.build()
    before = tree_digest(site / "public")
    page = site / "content" / "bridge.md"
    page.write_text(page.read_text().replace("[@bridge", '[@harbour "let larger ships reach the quay"][@bridge', 1))
    builder.rebuild([page])
    after = tree_digest(site / "public")
    cold = cold_copy(site, tmp_path, "cold")
    assert builder.stale and _outside_search(after) == _outside_search(cold)
    redone = {p for p in changed(before, after) if p.endswith(".html")}
    assert {"bridge/index.html", "sources/harbour/index.html", "index.html"} <= redone
    assert "notes/plain/index.html" not in redone
    assert builder.refresh() is not None
    assert tree_digest(site / "public") == cold


def test_retitling_a_page_no_template_lists_rewrites_it_and_the_feeds(site: Path, tmp_path: Path) -> None:
    builder = Builder(site)
    builder.build()
    before = tree_digest(site / "public")
    page = site / "content" / "notes" / "plain.md"
    page.write_text(page.read_text().replace("title: A plain note", "title: A renamed note"))
    result = builder.rebuild([page])
    after = tree_digest(site / "public")
    assert builder.stale and result.reused == result.pages - 1
    assert changed(_outside_search(before), _outside_search(after)) == {
        "notes/plain/index.html",
        "feed.xml",
    }  # the card follows with the search index
    assert "A renamed note" in (site / "public" / "feed.xml").read_text()
    builder.refresh()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_retitling_a_citing_page_in_preview_rewrites_what_shows_its_title(site: Path, tmp_path: Path) -> None:
    """Its title is on the pages of the sources it cites (backlinks) and the sources list, not on other pages."""
    page = site / "content" / "notes" / "cited.md"
    page.write_text('---\ntitle: A cited note\n---\n\nIt opened [@bridge "opened a new bridge over the river"].\n')
    builder = Builder(site)
    builder.build()
    before = tree_digest(site / "public")
    page.write_text(page.read_text().replace("A cited note", "A renamed cited note"))
    result = builder.rebuild([page])
    after = tree_digest(site / "public")
    assert builder.stale and result.reused < result.pages - 1
    touched = changed(_outside_search(before), _outside_search(after))
    assert {"notes/cited/index.html", "sources/bridge/index.html", "feed.xml"} <= touched
    assert not {"bridge/index.html", "harbour/index.html", "notes/plain/index.html"} & touched
    assert "A renamed cited note" in (site / "public" / "sources" / "bridge" / "index.html").read_text()
    builder.refresh()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_footer_that_shows_backlinks_on_every_page_follows_a_retitled_page(site: Path, tmp_path: Path) -> None:
    """What a template shows is found through what it includes: here every page's footer lists the backlinks."""
    (site / "content" / "notes" / "cited.md").write_text(
        '---\ntitle: A cited note\n---\n\nIt opened [@bridge "opened a new bridge over the river"].\n'
    )
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text(
        "<footer>{% for id, links in site.backlinks.items() %}{% for b in links %}"
        "{{ b.page_title }};{% endfor %}{% endfor %}</footer>\n"
    )
    builder = Builder(site)
    builder.build()
    page = site / "content" / "notes" / "cited.md"
    page.write_text(page.read_text().replace("A cited note", "A renamed cited note"))
    builder.rebuild([page])
    assert "A renamed cited note;" in (site / "public" / "harbour" / "index.html").read_text()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_template_that_lists_every_page_sees_a_retitled_page(site: Path, tmp_path: Path) -> None:
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        "{% extends 'base.html' %}{% block main %}"
        "{% for p in site.pages %}{{ p.page.title }};{% endfor %}{% endblock %}"
    )
    build(site)
    page = site / "content" / "notes" / "plain.md"
    page.write_text(page.read_text().replace("title: A plain note", "title: A renamed note"))
    build(site)
    assert "A renamed note;" in (site / "public" / "404.html").read_text()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_broken_citation_or_link_in_preview_fails_and_writes_nothing(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    before = tree_digest(site / "public")
    page = site / "content" / "notes" / "plain.md"
    original = page.read_text()
    page.write_text(original + '\nWrong [@bridge "words the source never had"].\n')
    with pytest.raises(SitegenError) as caught:
        builder.rebuild([page])
    assert "content/notes/plain.md:" in caught.value.format()
    page.write_text(original + "\nSee [nowhere](../missing.md).\n")
    with pytest.raises(SitegenError) as caught:
        builder.rebuild([page])
    assert "content/notes/plain.md:7: error: broken link" in caught.value.format()
    assert tree_digest(site / "public") == before
    page.write_text(original + "\nFixed.\n")
    result = builder.rebuild([page])
    assert result.reused == result.pages - 1
    assert "Fixed." in (site / "public" / "notes" / "plain" / "index.html").read_text()


def test_a_page_that_failed_in_preview_still_fails_when_another_page_is_saved(site: Path) -> None:
    builder = Builder(site)
    builder.build()
    broken, other = site / "content" / "notes" / "plain.md", site / "content" / "harbour.md"
    original = broken.read_text()
    broken.write_text(original + '\nWrong [@bridge "words the source never had"].\n')
    with pytest.raises(SitegenError):
        builder.rebuild([broken])
    other.write_text(other.read_text() + "\nMore.\n")
    with pytest.raises(SitegenError) as caught:
        builder.rebuild([other])
    assert "content/notes/plain.md:" in caught.value.format()
    broken.write_text(original)
    result = builder.rebuild([broken])
    assert result.reused == result.pages - 3  # the fixed page, the other page and its card on the home page
    assert "More." in (site / "public" / "harbour" / "index.html").read_text()


def test_a_quick_rebuild_never_writes_through_a_link_in_the_output(site: Path, tmp_path: Path) -> None:
    builder = Builder(site)
    builder.build()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("not the site's")
    shutil.rmtree(site / "public" / "notes" / "plain")
    (site / "public" / "notes" / "plain").symlink_to(outside)
    page = site / "content" / "notes" / "plain.md"
    page.write_text(page.read_text() + "\nMore.\n")
    builder.rebuild([page])
    assert (outside / "index.html").read_text() == "not the site's"
    assert not (site / "public" / "notes" / "plain").is_symlink()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")


def test_a_failed_first_build_writes_no_cache(make_site: MakeSite) -> None:
    project = make_site({"content/bad.md": "---\ntitle: [unclosed\n---\n"})
    with pytest.raises(Exception):  # noqa: B017 - the exact error is the pages' tests' business
        build(project)
    assert not (project / CACHE_DIR).exists()


def test_cli_no_op_build_checks_every_input_and_the_output(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sitegen.cli import main

    assert main(["build", "-C", str(site)]) == 0
    assert re.match(
        r"^built \d+ pages \((\d+) reused from cache\) from 2 sources in \d+\.\d+ s$", capsys.readouterr().out
    )
    before = tree_digest(site / "public")
    assert main(["build", "-C", str(site)]) == 0  # nothing changed: the stamp answers
    assert tree_digest(site / "public") == before
    page = site / "content" / "bridge.md"
    page.write_text(page.read_text().replace("The city opened it", "The city finally opened it"))
    assert main(["build", "-C", str(site)]) == 0
    assert "finally" in (site / "public" / "bridge" / "index.html").read_text()
    (site / "public" / "bridge" / "index.html").unlink()
    assert main(["build", "-C", str(site)]) == 0  # the output folder changed: built again
    assert (site / "public" / "bridge" / "index.html").is_file()


def test_source_date_epoch_is_part_of_the_stamp(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.cache import up_to_date

    assert up_to_date(site, None) is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert up_to_date(site, None) is None
    assert up_to_date(site, "/elsewhere/") is None


def test_unchanged_templates_are_not_compiled_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    compiled: list[str | None] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        compiled.append(name)
        return real(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.setattr(Helper, "start", classmethod(lambda cls, project: None))  # compiled here, where it is counted
    page = site / "content" / "harbour.md"
    page.write_text(page.read_text() + "\nA second berth is planned.\n")
    build(site)
    assert compiled == []
    template = site / "templates" / "page.html"
    template.parent.mkdir(exist_ok=True)
    template.write_text(
        '{% extends "base.html" %}{% block main %}<p>custom</p>{{ body }}'
        '{% include "partials/references.html" %}{% endblock %}\n'
    )
    build(site)
    assert "page.html" in compiled
    assert "<p>custom</p>" in (site / "public" / "harbour" / "index.html").read_text()


def many_pages(count: int) -> dict[str, str]:
    """``count`` pages with citations, footnotes and links to each other: enough to use the worker processes."""
    files = {}
    for i in range(count):
        files[f"content/many/p{i:03d}.md"] = (
            f"---\ntitle: Page {i}\n---\n\n## Part {i}\n\n"
            f'The city opened it [@bridge "opened a new bridge over the river"].[^n]\n\n'
            f"See [the next page](p{(i + 1) % count:03d}.md#part-{(i + 1) % count}).\n\n[^n]: A note on page {i}.\n"
        )
    return files


def test_pages_built_in_worker_processes_are_the_bytes_one_process_makes(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.incremental as incremental

    assert len(many_pages(60)) >= incremental.PARALLEL_MIN
    parallel = make_site({**FILES, **many_pages(60)}, name="parallel")
    serial = make_site({**FILES, **many_pages(60)}, name="serial")
    monkeypatch.setattr(incremental, "jobs", lambda: 2)
    build(parallel)
    monkeypatch.setattr(incremental, "jobs", lambda: 1)
    build(serial)
    assert tree_digest(parallel / "public") == tree_digest(serial / "public")
    monkeypatch.setattr(incremental, "jobs", lambda: 2)
    page = parallel / "content" / "many" / "p037.md"
    page.write_text(page.read_text() + '\nWrong [@bridge "words the source never had"].\n')
    with pytest.raises(SitegenError) as caught:
        build(parallel, cache=Cache.off())
    assert "content/many/p037.md:13: error: quote not found" in caught.value.format()


def test_a_disk_error_in_a_quick_rebuild_is_located_and_the_page_is_remade_whole(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while the preview replaces a page: a located error, the old file still served, nothing half-written,
    and the next save writes the page as a build would."""
    import errno

    from sitegen import output

    builder = Builder(site)
    builder.build()
    before = tree_digest(site / "public")
    page = site / "content" / "notes" / "plain.md"
    page.write_text(page.read_text() + "\nMore.\n")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "write_new", full)
    with pytest.raises(SitegenError) as caught:
        builder.rebuild([page])
    assert "public: error: cannot write: [Errno 28] No space left on device [output.io]" in caught.value.format()
    assert tree_digest(site / "public") == before
    assert not [p for p in (site / "public").rglob(".*") if p.is_file()]
    monkeypatch.undo()
    builder.rebuild([page])
    builder.refresh()
    assert tree_digest(site / "public") == cold_copy(site, tmp_path, "cold")
