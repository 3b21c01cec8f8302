"""Run configuration: the accounts, tie files and options of one analysis, from the command line
or a ``netmix.toml`` file validated against a schema (:mod:`netmix.config.schema`).

```toml
[run]
seed = 7
resolution = 1.0        # community-detection resolution
threshold = 0.8         # doubles: minimum confidence to merge two contacts
decisions = "decisions.csv"
labels = "labels.csv"
lang = "fr"

[[account]]
name = "perso"
sphere = "personal"     # or perso / pro / professional; default: from the name
path = "perso/facebook-me.zip"

[[account]]
name = "crm"
path = "crm.csv"
format = "csv"          # an importer name (netmix formats); default: detected
columns = { name = "Full Name", email = "Mail" }   # or "name=Full Name,email=Mail"

[[ties]]
account = "perso"
path = "ties/perso.gdf"
```
Relative paths are relative to the toml file.
"""

from .run import RunConfig, check_input_files
from .schema import SCHEMA, validate
from .toml import load_config

__all__ = ["SCHEMA", "RunConfig", "check_input_files", "load_config", "validate"]
