"""Drafts written by the editor's own language model, every sentence held to its quotes.

The offline draft chooses the facts; the model rewrites the overview's opening and each section
as prose from the facts and the sources' paragraphs (``prompt``); every sentence of its answer
is checked (``verify``); the sentences that fail are sent back once with their errors, and those
that fail again are dropped. A section left with no sentence keeps the offline draft's. The key
facts, where the reports differ, the timeline and the claims stay the offline draft's. Each
request and the model's raw answer are kept in ``.sitegen-cache/curate/``, so ``--cached``
checks a draft again without calling the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.curate.chat import Endpoint, content_of, request_body, send, shown
from sitegen.curate.prompt import numbered, pieces, repair, tokens, widen
from sitegen.curate.prose import Casing, casing
from sitegen.curate.rules import Rules
from sitegen.curate.verify import Checked, check, sentences_of
from sitegen.curate.write import Draft, stamp
from sitegen.errors import Location, SitegenError
from sitegen.model import Source
from sitegen.pages import parse_page

CACHE = ".sitegen-cache/curate"
_CONFIG = Location("site.yaml")


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """The model to draft with: ``site.yaml``'s ``curate:`` with the command line's ``--model``/``--endpoint``."""

    model: str
    endpoint: str
    api_key_env: str = ""
    timeout: float = 120.0
    context: int = 4096  # tokens the model reads at once


def model_settings(
    items: Sequence[tuple[str, object, int]], model: str | None = None, endpoint: str | None = None
) -> ModelSettings | None:
    """The settings from ``site.yaml``'s ``curate:`` (key, value, line) and the command line; None: no model."""
    given = {k: v for k, v, _ in items}
    line = {k: n for k, _, n in items}
    if model is not None:
        given["model"], line["model"] = model, 0
    if endpoint is not None:
        given["endpoint"], line["endpoint"] = endpoint, 0
    if not given.get("model") and not given.get("endpoint"):
        return None

    def bad(key: str, message: str) -> SitegenError:
        where = Location("site.yaml", line[key]) if line.get(key) else Location(f"--{key}")
        return SitegenError(f"curate: {message}", where, "config.curate")

    name, url = str(given.get("model") or "").strip(), str(given.get("endpoint") or "").strip()
    if not name:
        raise SitegenError("curate: no model named (site.yaml curate.model or --model)", _CONFIG, "config.curate")
    if not url:
        raise SitegenError("curate: no endpoint (site.yaml curate.endpoint or --endpoint)", _CONFIG, "config.curate")
    if not re.match(r"^https?://[^\s/?#@]+(/[^\s?#]*)?$", url):
        example = "http://127.0.0.1:11434/v1"
        raise bad("endpoint", f"endpoint {url!r} must be an http(s) URL without a user name, such as {example}")
    env = str(given.get("api_key_env") or "")
    if env and not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", env):
        raise bad("api_key_env", "api_key_env must name an environment variable, not hold the key")
    timeout, context = given.get("timeout", 120.0), given.get("context", 4096)
    if not isinstance(timeout, (int, float)) or not 0 < timeout <= 3600:
        raise bad("timeout", "timeout must be more than 0 and at most 3600 seconds")
    if not isinstance(context, int) or context < 512:
        raise bad("context", "context must be the model's context size in tokens, at least 512")
    return ModelSettings(name, url, env, float(timeout), context)


@dataclass(slots=True)
class SectionReport:
    """What became of one page's sentences."""

    path: str
    written: int = 0
    kept: int = 0
    repaired: int = 0
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (sentence, reason)
    sources: list[str] = field(default_factory=list)  # the outlets its kept sentences cite
    offline: bool = False  # no sentence passed: the offline draft's prose was kept


@dataclass(slots=True)
class ModelReport:
    """The run's report: every page's sentences, the warnings, how many requests were sent or read back."""

    model: str
    endpoint: str
    sections: list[SectionReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sent: int = 0
    cached: int = 0

    def lines(self, explain: bool = False) -> list[str]:
        """The report as the command line prints it; ``explain`` lists every dropped sentence and why."""
        total = [sum(getattr(s, k) for s in self.sections) for k in ("written", "kept", "repaired")]
        dropped = sum(len(s.dropped) for s in self.sections)
        how = f"{self.sent} request(s) sent" + (f", {self.cached} answer(s) read from {CACHE}/" if self.cached else "")
        out = [
            f"model {self.model} at {self.endpoint} ({how}): {total[0]} sentences written, {total[1]} kept, "
            f"{total[2]} repaired, {dropped} dropped"
        ]
        for s in self.sections:
            tail = "no sentence passed, the offline draft kept" if s.offline else f"sources: {', '.join(s.sources)}"
            out.append(
                f"  {s.path}: {s.written} written, {s.kept} kept, {s.repaired} repaired, "
                f"{len(s.dropped)} dropped; {tail}"
            )
            for sentence, reason in s.dropped if explain else ():
                out.append(f"    dropped ({reason}): {sentence}")
        return out + [f"warning: {w}" for w in self.warnings]


def draft_with_model(
    project: Path,
    drafts: Sequence[Draft],
    sources: Sequence[Source],
    rules: Rules,
    settings: ModelSettings,
    cached: bool = False,
) -> tuple[list[Draft], ModelReport]:
    """The offline ``drafts`` with their prose rewritten by the model, sentence by sentence verified."""
    key = ""
    if settings.api_key_env:
        key = os.environ.get(settings.api_key_env, "")
        if not key and not cached:
            raise SitegenError(
                f"curate: the environment variable {settings.api_key_env} (curate.api_key_env) is not set",
                _CONFIG,
                "config.curate",
            )
    endpoint = Endpoint(settings.endpoint, settings.model, settings.timeout, key)
    report = ModelReport(settings.model, shown(settings.endpoint))
    by_id = {s.id: s for s in sources}
    case = casing([p.text for s in sources for p in s.numbered][:2000])
    ask = _Asker(project, endpoint, settings, cached, report)
    out: list[Draft] = []
    for d in drafts:
        if not d.path.endswith(".md"):
            out.append(d)
            continue
        page = parse_page(d.text, d.path)
        lead, rest = _prose_of(page.body, d.path.endswith("index.md"))
        facts = [widen(s, by_id, rules.abbreviations) for para in sentences_of(lead, rules.abbreviations) for s in para]
        if not facts:
            out.append(d)
            continue
        task = _task(page.title, page.summary or "", d.path.endswith("index.md"), len(facts))
        section = SectionReport(d.path)
        report.sections.append(section)
        paragraphs: list[list[str]] = []
        budget = settings.context - _answer_room(settings)
        for piece in pieces(task, facts, by_id, budget):
            paragraphs += _written(ask, piece.messages, by_id, case, rules, section, d.path, budget)
        if not any(paragraphs):
            section.offline = True
            out.append(d)
            continue
        body = "\n\n".join(" ".join(p) for p in paragraphs if p) + ("\n\n" + rest if rest else "") + "\n"
        head = d.text[: d.text.index("\n---\n", 3) + 5]
        out.append(Draft(d.path, stamp(head + "\n" + body)))
    return out, report


def _prose_of(body: str, overview: bool) -> tuple[str, str]:
    """A page's prose (the overview's opening: what comes before its first heading) and the rest, kept as is."""
    if not overview:
        return body, ""
    at = body.find("\n## ")
    return (body, "") if at < 0 else (body[:at], body[at + 1 :].strip())


def _task(title: str, summary: str, overview: bool, facts: int) -> str:
    if overview:
        return (
            "Write the opening of the explainer: the story in two to four sentences, in one paragraph. "
            f'It is titled "{title}".'
        )
    low, high = max(2, min(facts, 3)), max(3, facts + 1)
    return f'Write the section "{title}" ({summary}) in {low} to {high} sentences, in one to three paragraphs.'


def _answer_room(settings: ModelSettings) -> int:
    return max(256, min(1024, settings.context // 4))


def _written(
    ask: _Asker,
    messages: tuple[tuple[str, str], ...],
    sources: Mapping[str, Source],
    case: Casing,
    rules: Rules,
    section: SectionReport,
    path: str,
    budget: int,
) -> list[list[str]]:
    """One piece's answer as paragraphs of verified sentences; failures sent back once, then dropped."""
    answer = ask(messages, path)
    paragraphs = [[check(s, sources, case, path) for s in para] for para in sentences_of(answer, rules.abbreviations)]
    failed = [c for para in paragraphs for c in para if c.reason]
    section.written += sum(len(p) for p in paragraphs)
    section.kept += sum(1 for p in paragraphs for c in p if not c.reason)
    fixed: dict[int, Checked] = {}
    if failed:
        piece = repair([(c.text, c.reason) for c in failed], sources, budget)
        again = ask(piece.messages, path)
        for old, new in zip(failed, numbered(again, len(failed)), strict=True):
            second = check(new, sources, case, path) if new else Checked(old.text, old.reason)
            if second.reason:
                section.dropped.append((old.text, second.reason if new else f"{old.reason}; not repaired"))
            else:
                section.repaired += 1
                fixed[id(old)] = second
    out = [
        [fixed[id(c)].text if id(c) in fixed else c.text for c in p if not c.reason or id(c) in fixed]
        for p in paragraphs
    ]
    for p in out:
        for sentence in p:
            for sid in re.findall(r"@([A-Za-z0-9][A-Za-z0-9_-]*)", sentence):
                name = sources[sid].outlet or sid if sid in sources else sid
                if name not in section.sources:
                    section.sources.append(name)
    return [p for p in out if p]


class _Asker:
    """Sends a conversation to the model, or reads the answer kept for it, and keeps every new answer; warns of a
    request that may not fit the model's context."""

    def __init__(
        self, project: Path, endpoint: Endpoint, settings: ModelSettings, cached: bool, report: ModelReport
    ) -> None:
        self.project, self.endpoint, self.settings, self.cached, self.report = (
            project,
            endpoint,
            settings,
            cached,
            report,
        )

    def __call__(self, messages: Sequence[tuple[str, str]], path: str) -> str:
        body = request_body(
            self.endpoint, [{"role": r, "content": c} for r, c in messages], _answer_room(self.settings)
        )
        size = sum(tokens(c) for _, c in messages)
        if size + _answer_room(self.settings) > self.settings.context:
            self.report.warnings.append(
                f"{path}: a request of about {size:,} tokens and its answer may not fit the model's context of "
                f"{self.settings.context:,} tokens (curate.context); a server that cuts what does not fit (Ollama's "
                "default context does, without a word) would lose part of the sources"
            )
        name = hashlib.sha256(json.dumps([shown(self.endpoint.url), body], sort_keys=True).encode()).hexdigest()[:24]
        kept = self.project / CACHE / f"{name}.json"
        if self.cached:
            raw = _read_kept(kept)
            content = content_of(raw) if raw is not None else None
            if content is None:
                raise SitegenError(
                    f"no kept answer for this request ({CACHE}/{name}.json); run without --cached to ask the model",
                    Location(path),
                    "curate.cache",
                )
            self.report.cached += 1
            return content
        content, raw = send(self.endpoint, body, Location(path))
        self.report.sent += 1
        _keep(kept, {"endpoint": shown(self.endpoint.url), "request": body, "answer": raw})
        return content


def _read_kept(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    answer = data.get("answer") if isinstance(data, dict) else None
    return answer if isinstance(answer, str) else None


def _keep(path: Path, data: Mapping[str, object]) -> None:
    """Write one request and its raw answer (never the key: it is in no request body)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise SitegenError(f"cannot keep the model's answer: {exc.strerror}", Location(CACHE), "curate.io") from None
