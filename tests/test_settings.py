"""Every ARCHIVER_* setting a component reads is declared, with its default, in archiver/settings.py."""

from __future__ import annotations

import re
from pathlib import Path

import archiver.settings

PACKAGE = Path(archiver.settings.__file__).parent


def test_every_archiver_setting_read_is_declared_once_with_its_default() -> None:
    read = {
        name for path in PACKAGE.rglob("*.py") if path.name != "settings.py"
        for name in re.findall(r"[\"'](ARCHIVER_[A-Z_]+)[\"']", path.read_text())
    }
    declared = {name for name in vars(archiver.settings) if name.startswith("ARCHIVER_")}
    assert read and read <= declared, f"read but not declared in archiver/settings.py: {sorted(read - declared)}"
    # No reader keeps a default of its own: the declaration is the one place for it.
    for path in PACKAGE.rglob("*.py"):
        assert not re.search(r"settings\.get\w*\([\"']ARCHIVER_[A-Z_]+[\"'],", path.read_text()), path
