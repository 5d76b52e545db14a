"""The site's own library: what the MkDocs hooks and the command-line tools share.

Each module has one concern; the hooks in ``scripts/hook_*.py`` are thin adapters over it.
"""
