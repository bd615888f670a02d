"""Wheel build hook: validate the data tables and ship their compiled form.

The wheel then starts without PyYAML, pydantic or a cache: magcalc.tables imports
magcalc/_compiled.py, which was validated here by the same pydantic models the tests use.
Editable installs skip this; they compile once into the user's cache instead.
"""

from __future__ import annotations

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
            from magcalc.tables import COMPILED_MODULE, compile_sources

            tables = compile_sources()
        finally:
            sys.path.pop(0)
        # A Python module, not JSON: pip compiles it to bytecode on install, and loading
        # that is faster than importing the json module and parsing.
        out = Path(tempfile.mkdtemp(prefix="magcalc-build-")) / f"{COMPILED_MODULE}.py"
        out.write_text(
            '"""The data tables, validated when this wheel was built (hatch_build.py)."""\n\n'
            f"TABLES = {tables!r}\n",
            encoding="utf-8",
        )
        build_data["force_include"][str(out)] = f"magcalc/{COMPILED_MODULE}.py"
