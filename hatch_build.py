"""Wheel build hook: validate the data tables and ship them as one SQLite catalogue.

The wheel then starts without parsing anything: magcalc.store opens magcalc/catalogue.sqlite,
which magcalc.build made here from data/, validated by the same pydantic models the tests
use, with its full-text index. Editable installs skip this; they build the catalogue once
into the user's cache instead.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BuildCatalogue(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from magcalc.build import build

            out = Path(tempfile.mkdtemp(prefix="magcalc-build-")) / "catalogue.sqlite"
            build(str(out))
        finally:
            sys.path.pop(0)
        build_data["force_include"][str(out)] = "magcalc/catalogue.sqlite"
