"""The safe YAML reader now lives in ``sitekit.safeyaml`` (the site's library and the check share it);
this name stays for code that still imports it from here."""
from sitekit.safeyaml import *  # noqa: F401,F403
from sitekit.safeyaml import LIMIT, AliasBomb, DuplicateKey, check_duplicates, expanded_size, load, read  # noqa: F401
