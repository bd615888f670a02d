"""Wheel build hook: validate the data tables and ship their compiled form.

The wheel then starts without PyYAML, pydantic or a cache: magcalc.tables reads
magcalc/data/compiled.json, which was validated here by the same pydantic models the tests use.
Editable installs skip this; they compile once into the user's cache instead.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTables(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from magcalc.tables import COMPILED, compile_sources

            tables = compile_sources()
        finally:
            sys.path.pop(0)
        out = Path(tempfile.mkdtemp(prefix="magcalc-build-")) / COMPILED
        out.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
        build_data["force_include"][str(out)] = f"magcalc/data/{COMPILED}"
