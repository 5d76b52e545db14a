"""The checks, one module per concern; importing this package registers them all, in ``--list`` order."""
from i18ncheck.checks import text, data, frontmatter, structure, content, freshness, catalogs  # noqa: F401
