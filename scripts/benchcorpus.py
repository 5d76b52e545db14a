"""Generate a valid docs tree of N pages × 3 languages (kk source, ru and en translations) and its sync
record, to measure the translation check on a site far larger than this one.

    python scripts/benchcorpus.py /tmp/corpus --pages 1000
    python -m i18ncheck --root /tmp/corpus        # must report no findings
    python scripts/benchcorpus.py /tmp/corpus --pages 1000 --time   # generate, then time 5 runs

Every page is brief-sized (front matter, two headings, five paragraphs with numbers in each language's
convention, reference markers, links and inline code, a list, a table, an admonition), and uses glossary
terms, so every check does its real work. The output is deterministic.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

MKDOCS_YML = """\
site_name: Benchmark corpus
docs_dir: docs
use_directory_urls: true
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - {locale: kk, name: Қазақша, default: true, build: true}
        - {locale: ru, name: Русский, build: true}
        - {locale: en, name: English, build: true}
"""
TAGS_YML = "statistics: {kk: Статистика, ru: Статистика, en: Statistics}\n" \
           "social-media: {kk: Әлеуметтік медиа, ru: Социальные медиа, en: Social media}\n"
TERMS = [  # (id, kk, ru, en) — the terms the pages use, then fillers the matcher must also look through
    ("social-media", "әлеуметтік медиа", "социальн медиа", "social media"),
    ("digital-diplomacy", "цифрлық дипломат", "цифров дипломат", "digital diploma"),
    ("foreign-policy", "сыртқы саясат", "внешн политик", "foreign polic"),
] + [(f"filler-{i}", f"толтырғыш{i} сөз", f"заполнитель{i} слово", f"filler{i} word") for i in range(40)]

TEXT = {
    "kk": {
        "title": "Шолу {n}", "description": "{n}-шолудың қысқаша сипаттамасы.", "summary": "{n}-шолу туралы.",
        "h1": "Кіріспе", "h2": "Деректер",
        "p1": "Бұл {n}-шолу әлеуметтік медиа мен цифрлық дипломатия туралы. 2013 жылы тіркелген қолданушылар "
              "саны 1,23 млрд адамға жетті [1], ал Жер бетінде 7,21 млрд адам тұрады [2].",
        "p2": "Twitter желісінде 230 млн белсенді қолданушы бар, олардың 76% ұялы телефон арқылы кіреді [3]. "
              "Толығырақ [мақалада](../article.md) және `twitter.com` бетінде.",
        "p3": "Сыртқы саясат туралы ақпарат әр 6-шы адамға жетеді; бюджет 100 000 долларды құрады.",
        "p4": "YouTube 2005 жылдан бері жұмыс істейді және аптасына 100 млн адамды тартады [4].",
        "p5": "Қазақстанда компьютер қолданатындардың 64% әлеуметтік желілерді пайдаланады [5].",
        "items": ["Бірінші тармақ: 2011 жыл.", "Екінші тармақ: 12 адам.", "Үшінші тармақ: `code`.",
                  "Төртінші тармақ: [1]."],
        "table": ["| Желі | Жыл | Саны |", "|---|---|---|", "| Facebook | 2004 | 1,23 млрд |",
                  "| Twitter | 2006 | 230 млн |"],
        "note": "Назар аударыңыз: деректер 2013 жылғы.",
    },
    "ru": {
        "title": "Обзор {n}", "description": "Краткое описание обзора {n}.", "summary": "Об обзоре {n}.",
        "h1": "Введение", "h2": "Данные",
        "p1": "Этот обзор {n} посвящён социальным медиа и цифровой дипломатии. В 2013 году число "
              "зарегистрированных пользователей достигло 1,23 млрд человек [1], а на Земле живёт 7,21 млрд человек [2].",
        "p2": "В сети Twitter 230 млн активных пользователей, и 76 % из них заходят с мобильных телефонов [3]. "
              "Подробнее [в статье](../article.md) и на странице `twitter.com`.",
        "p3": "Информация о внешней политике доходит до каждого 6-го человека; бюджет составил 100 000 долларов.",
        "p4": "YouTube работает с 2005 года и привлекает 100 млн человек в неделю [4].",
        "p5": "В Казахстане 64% пользователей компьютеров пользуются социальными сетями [5].",
        "items": ["Первый пункт: 2011 год.", "Второй пункт: 12 человек.", "Третий пункт: `code`.",
                  "Четвёртый пункт: [1]."],
        "table": ["| Сеть | Год | Число |", "|---|---|---|", "| Facebook | 2004 | 1,23 млрд |",
                  "| Twitter | 2006 | 230 млн |"],
        "note": "Обратите внимание: данные за 2013 год.",
    },
    "en": {
        "title": "Brief {n}", "description": "A short description of brief {n}.", "summary": "About brief {n}.",
        "h1": "Introduction", "h2": "Data",
        "p1": "Brief {n} is about social media and digital diplomacy. In 2013 the number of registered users "
              "reached 1.23 billion people [1], while 7.21 billion people live on Earth [2].",
        "p2": "Twitter has 230 million active users, and 76% of them log in from mobile phones [3]. "
              "More in [the article](../article.md) and on the `twitter.com` page.",
        "p3": "Information on foreign policy reaches every 6th person; the budget was 100,000 dollars.",
        "p4": "YouTube has worked since 2005 and attracts 100 million people a week [4].",
        "p5": "In Kazakhstan 64% of computer users use social networks [5].",
        "items": ["First item: the year 2011.", "Second item: 12 people.", "Third item: `code`.",
                  "Fourth item: [1]."],
        "table": ["| Network | Year | Count |", "|---|---|---|", "| Facebook | 2004 | 1.23 billion |",
                  "| Twitter | 2006 | 230 million |"],
        "note": "Note: the data are from 2013.",
    },
}


def page(lang: str, n: int) -> str:
    t = {k: (v.format(n=n) if isinstance(v, str) else v) for k, v in TEXT[lang].items()}
    lines = [
        "---", f"title: \"{t['title']}\"", f"description: \"{t['description']}\"", "source_lang: kk",
        "kind: brief", "date: 2026-11-25", "tags: [statistics, social-media]", f"summary: \"{t['summary']}\"",
        "---", "", f"## {t['h1']} {{#intro}}", "", t["p1"], "", t["p2"], "", t["p3"], "",
        *[f"- {item}" for item in t["items"]], "", f"## {t['h2']} {{#data}}", "", t["p4"], "",
        *t["table"], "", '!!! note', "", f"    {t['note']}", "", t["p5"], "",
    ]
    return "\n".join(lines)


def glossary() -> str:
    out = ["terms:"]
    for term_id, kk, ru, en in TERMS:
        out.append(f"  - id: {term_id}")
        for lang, stems in (("kk", kk), ("ru", ru), ("en", en)):
            out.append(f"    {lang}: {{term: {stems}, match: [{stems}]}}")
        out.append(f"    definition: {{kk: {kk}., ru: {ru}., en: {en}.}}")
    return "\n".join(out) + "\n"


def generate(target: Path, pages: int) -> None:
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    (docs / "briefs").mkdir(parents=True)
    (target / "data").mkdir()
    (target / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (target / "data" / "tags.yml").write_text(TAGS_YML, encoding="utf-8")
    (target / "data" / "glossary.yml").write_text(glossary(), encoding="utf-8")
    for lang in TEXT:  # the page every brief links to
        (docs / f"article.{lang}.md").write_text(page(lang, 0).replace("(../article.md)", "(article.md)"),
                                                 encoding="utf-8")
    for n in range(1, pages):
        for lang in TEXT:
            (docs / "briefs" / f"brief-{n:05d}.{lang}.md").write_text(page(lang, n), encoding="utf-8")
    from i18ncheck import sync
    from i18ncheck.tree import Tree, load_context
    from sitekit import project

    proj = project.load(target)
    tree = Tree(proj)
    sync.sync(tree, load_context(proj), sync.translations(tree))


def measure(target: Path, runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` runs of ``python -m i18ncheck --root target`` (each must pass)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "i18ncheck", "--root", str(target)], env=env,
                              capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"the corpus does not pass the check:\n{proc.stdout[:2000]}{proc.stderr}")
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("target", type=Path, help="folder to (re)create")
    p.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    p.add_argument("--time", type=int, nargs="?", const=5, default=0, metavar="RUNS",
                   help="then time RUNS runs of the check (default 5) and print the best and the median")
    args = p.parse_args(argv)
    generate(args.target.resolve(), args.pages)
    print(f"{args.target}: {args.pages} pages × {len(TEXT)} languages", file=sys.stderr)
    if args.time:
        times = measure(args.target.resolve(), args.time)
        print(f"python -m i18ncheck on {args.pages * len(TEXT)} files: best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s over {len(times)} runs ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
