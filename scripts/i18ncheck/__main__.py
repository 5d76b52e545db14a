import sys

from i18ncheck.cli import main

sys.exit(main())
