"""``mkdocs build`` with the time spent in each plugin's and hook's event handlers recorded.

    python -m benchkit.eventtimes OUT.json build --strict -f mkdocs.yml -d site

Runs MkDocs' own command line in this process, with ``PluginCollection.run_event`` replaced by a copy
that times every handler. Times are *exclusive*: static-i18n builds the other languages from inside its
``on_post_build``, so time spent in handlers nested in another handler is taken off the outer one.
Times are CPU seconds of the process (``time.process_time``), so other load on the machine does
not inflate them. Templates (``overrides/``) are not events: their cost shows only in the build as a whole. The timing adds
two clock reads per handler call, well under a millisecond per page.
"""
from __future__ import annotations

import collections
import json
import os
import sys
import time

from mkdocs import plugins

from sitekit import parallel

TIMES: dict[str, float] = collections.defaultdict(float)
CALLS: dict[str, int] = collections.defaultdict(int)
_NESTED: list[float] = []


def _forked() -> None:
    """A language build forked by ``sitekit/parallel.py`` counts only its own handlers, sent back below."""
    TIMES.clear()
    CALLS.clear()


def _add(counted: tuple[dict, dict]) -> None:
    for key, value in counted[0].items():
        TIMES[key] += value
    for key, value in counted[1].items():
        CALLS[key] += value


os.register_at_fork(after_in_child=_forked)
parallel.share("eventtimes", lambda group: (dict(TIMES), dict(CALLS)), _add)


def origin(collection, method) -> str:
    name = collection._event_origins.get(method) or getattr(method, "__module__", "?")
    return name.rsplit("/", 1)[-1].removesuffix(".py")


def timed_run_event(self, name, item=None, **kwargs):
    """``PluginCollection.run_event`` of MkDocs 1.6, timing each handler."""
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        _NESTED.append(0.0)
        start = time.process_time()
        try:
            result = method(item, **kwargs) if pass_item else method(**kwargs)
        finally:
            elapsed = time.process_time() - start
            key = f"{origin(self, method)}:{name}"
            TIMES[key] += elapsed - _NESTED.pop()
            CALLS[key] += 1
            if _NESTED:
                _NESTED[-1] += elapsed
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def main(argv: list[str]) -> int:
    out, args = argv[0], argv[1:]
    plugins.PluginCollection.run_event = timed_run_event
    from mkdocs.__main__ import cli

    try:
        cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # a failed build: MkDocs' own message, then a non-zero exit
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"seconds": dict(TIMES), "calls": dict(CALLS)}, fh, indent=1, sort_keys=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
