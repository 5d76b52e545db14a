"""Test-only hook: records what scripts/hook_i18n.py left in page.meta["i18n"], one JSON line per page
and language, in the file named by I18N_SPY."""
import json
import os


def on_page_context(context, page, config, nav):
    plugin = config.plugins.get("i18n")
    with open(os.environ["I18N_SPY"], "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"src_uri": page.file.src_uri, "build": plugin.current_language,
                             "i18n": page.meta.get("i18n")}, ensure_ascii=False) + "\n")
    return context
