"""Make the sample builders importable from the importer tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
