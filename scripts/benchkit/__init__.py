"""The benchmark's library (``scripts/bench.py`` is its command line): corpora, build and browser
measurements, budgets and the report."""
