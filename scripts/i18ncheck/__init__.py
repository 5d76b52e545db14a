"""The translation check: every page of docs/ exists in every configured language, and each translation
matches its source block by block, keeps what must survive translation and is in sync with it.

The command line is ``python -m i18ncheck`` (``cli.py``); the MkDocs hook ``scripts/hook_i18n.py`` runs
the same checks page by page. Modules, one concern each:

``document``  one file read once: bytes, front matter, blocks      ``blocks``  the line-based block parser
``inline``    numbers, markers, links, code inside a block          ``glossary``  term matching
``tree``      the docs tree, its pages and the data files           ``syncrecord``  data/translation-sync.json
``registry``  the check decorator and ids                           ``checks/``  the checks themselves
``engine``    runs the checks, applies waivers, sorts findings      ``finding``  one finding, its formats
``status``    each page's state per language                        ``sync``  the sync and prune commands
``align``     pairing blocks when the sequences differ              (YAML is read by ``sitekit.safeyaml``)
``languages`` per-language rules, from ``languages/<code>.yml``
"""
