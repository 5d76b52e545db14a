"""The reader side, on the real site built for and served from a local sub-path: the article page's first
view, search index against text, search latency (and the search worker's CPU time in Node, robust to the
machine's load) and Lighthouse, in every language."""
from __future__ import annotations

import collections
import re
from pathlib import Path

from benchkit import browser, lighthouse, searchcpu, textsize, transfer
from benchkit.server import Server
from sitekit.project import Project

PAGE = "article/"  # the page measured, under each language's root
WORD = re.compile(r"[^\W\d_]{5,}")


def queries_for(project: Project, code: str, count: int = 5) -> list[str]:
    """The words searched for in ``code``: the article's most frequent words of five letters or more in
    that language (none while the article is pending there), most frequent first, then alphabetical."""
    path = project.docs_dir / f"{PAGE.strip('/')}.{code}.md"
    if not path.exists():
        return []
    words = collections.Counter(WORD.findall(path.read_text(encoding="utf-8").split("---", 2)[-1]))
    return [w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))[:count]]


def measure(site_dir: Path, port: int, project: Project, lighthouse_bin: Path | None, lighthouse_runs: int,
            queries: int, repeats: int, progress=print) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"page": PAGE, "first_view": {}, "search": {}, "lighthouse": {}}
    out["search_index"] = textsize.measure(site_dir, project)
    with Server(site_dir, port) as server:
        with sync_playwright() as pw:
            chromium = browser.launch(pw)
            try:
                for lang in project.languages:
                    path = lang.prefix + PAGE
                    out["first_view"][lang.code] = transfer.summarise(browser.first_view(chromium, server, path))
                    words = queries_for(project, lang.code, queries)
                    if words:
                        first, timed = browser.search_times(chromium, server, path, words, repeats)
                        out["search"][lang.code] = {
                            "median_ms": browser.median_ms(timed), "first_query_ms": first.ms,
                            "queries": [q.__dict__ for q in timed],
                        }
                    out.setdefault("index_build", {})[lang.code] = browser.index_build(
                        chromium, server, path, max(repeats, 3))
                    out.setdefault("search_cpu", {})[lang.code] = searchcpu.measure(
                        site_dir, site_dir / lang.prefix / "search" / "search_index.json", words, repeats=max(repeats, 3))
                    progress(f"  {lang.code}: first view {out['first_view'][lang.code]['wire'] / 1000:.1f} KB, "
                             f"search median {out['search'].get(lang.code, {}).get('median_ms')} ms, index build "
                             f"{out['index_build'][lang.code]}")
            finally:
                chromium.close()
        if lighthouse_bin is not None and lighthouse_runs:
            origin = server.base.split("/qdd/")[0] + "/"
            for lang in project.languages:
                runs = [lighthouse.run(lighthouse_bin, server.url(lang.prefix + PAGE), origin)
                        for _ in range(lighthouse_runs)]
                out["lighthouse"][lang.code] = {"runs": runs, "median": lighthouse.median_scores(runs)}
                progress(f"  {lang.code}: Lighthouse {out['lighthouse'][lang.code]['median']}")
    return out
