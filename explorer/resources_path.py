"""Where the built-in data sets live, in a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path


def resource_path(name: str) -> Path:
    """Return the path of the resource file ``name`` (for example ``materials.csv``)."""
    local = Path(__file__).resolve().parent.parent / "resources" / name
    if local.exists():
        return local
    from importlib.resources import files

    return Path(str(files("explorer.resources") / name))
