"""The heatmap's colour maps by name, without Qt: which exist, what kind they are, their colours.

The command line, the document's view state and the panel all check names
here. Names are matched without regard to case, ``_`` and ``-``
(``cet_cbd1`` is ``CET-CBD1``), and any name with ``_r`` appended is that map
reversed (``RdBu_r``: blue for low scores, red for high, as seaborn users
know it). The colours are 256 entries per map, read from
``resources/colormaps.json`` (written by ``resources/make_colormaps.py``; the
sources and licences are listed there).

Diverging maps suit scores with a natural centre (cosine similarity around
0); sequential maps suit distances and angles. The defaults are colour-blind
safe: CET-CBD1 for cosine similarity, viridis for the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Colormap:
    """A colour map the heatmap offers: its name, kind, and what it is good for."""

    name: str
    kind: str  # "diverging" or "sequential"
    colorblind_safe: bool
    description: str

    @property
    def diverging(self) -> bool:
        return self.kind == "diverging"


_MAPS = (
    Colormap("CET-CBD1", "diverging", True, "blue to pale grey to yellow, colour-blind safe (CET)"),
    Colormap("RdBu", "diverging", True, "red to white to blue (ColorBrewer); RdBu_r puts red at the top"),
    Colormap("coolwarm", "diverging", False, "blue to grey to red (Moreland); coolwarm_r reverses it"),
    Colormap("PuOr", "diverging", True, "orange to white to purple (ColorBrewer)"),
    Colormap("BrBG", "diverging", True, "brown to white to blue-green (ColorBrewer)"),
    Colormap("CET-D1A", "diverging", False, "blue to white to red, brighter ends (CET)"),
    Colormap("CET-D1", "diverging", False, "blue to white to red (CET)"),
    Colormap("CET-D4", "diverging", False, "blue to black to red, for dark backgrounds (CET)"),
    Colormap("CET-D9", "diverging", False, "light blue to white to light red (CET)"),
    Colormap("CET-D13", "diverging", False, "blue to white to green (CET)"),
    Colormap("viridis", "sequential", True, "dark blue to green to yellow, colour-blind safe"),
    Colormap("cividis", "sequential", True, "dark blue to yellow, made for colour-blind readers"),
    Colormap("magma", "sequential", True, "black to purple to pale yellow"),
    Colormap("inferno", "sequential", True, "black to red to yellow"),
    Colormap("plasma", "sequential", True, "blue to purple to yellow"),
    Colormap("CET-L1", "sequential", True, "black to white (CET grey)"),
    Colormap("CET-CBL1", "sequential", True, "black to blue to yellow, colour-blind safe (CET)"),
    Colormap("CET-CBL2", "sequential", True, "black to blue to pale yellow, colour-blind safe (CET)"),
    Colormap("CET-L17", "sequential", False, "white to orange to purple (CET)"),
    Colormap("CET-L19", "sequential", False, "white to blue to purple (CET)"),
)

#: Every colour map by its name, diverging ones first (the order the chooser lists them in).
COLORMAPS: dict[str, Colormap] = {c.name: c for c in _MAPS}
#: Names of the diverging maps (for cosine similarity centred on 0) and of the sequential ones.
DIVERGING = tuple(c.name for c in _MAPS if c.diverging)
SEQUENTIAL = tuple(c.name for c in _MAPS if not c.diverging)
_REVERSED = "_r"


def _fold(name: str) -> str:
    return name.strip().casefold().replace("_", "-").replace(" ", "-")


_BY_FOLDED = {_fold(name): name for name in COLORMAPS}


def default_colormap(metric: str) -> str:
    """The colour-blind-safe default: diverging CET-CBD1 for cosine similarity, viridis otherwise."""
    return "CET-CBD1" if metric == "cosine" else "viridis"


def check_colormap(name: object) -> str:
    """The colour map's name as the program spells it ('rdbu_r' -> 'RdBu_r'); ValueError when unknown."""
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise ValueError(f"{name!r} is not a colour map's name")
    text = name.strip()
    reversed_ = text.casefold().endswith(_REVERSED) and _fold(text[: -len(_REVERSED)]) in _BY_FOLDED
    base = _BY_FOLDED.get(_fold(text[: -len(_REVERSED)] if reversed_ else text))
    if base is None:
        raise ValueError(f"unknown colour map '{text}'; choose one of {', '.join(COLORMAPS)} (add _r to reverse one)")
    return base + _REVERSED if reversed_ else base


def info(name: str) -> Colormap:
    """The :class:`Colormap` of ``name`` (a reversed map shares its base map's kind)."""
    checked = check_colormap(name)
    return COLORMAPS[checked.removesuffix(_REVERSED)]


def is_diverging(name: str) -> bool:
    """True for a diverging map (it has a centre colour)."""
    return info(name).diverging


@lru_cache(maxsize=1)
def _tables() -> dict[str, str]:
    from explorer.resources_path import resource_path

    result: dict[str, str] = json.loads(resource_path("colormaps.json").read_text(encoding="utf-8"))
    return result


@lru_cache(maxsize=64)
def colors(name: str, steps: int = 256) -> np.ndarray:
    """``steps`` colours of ``name`` from its low end to its high end, as a (steps, 3) uint8 array."""
    checked = check_colormap(name)
    base = checked.removesuffix(_REVERSED)
    table = np.frombuffer(bytes.fromhex(_tables()[base]), np.uint8).reshape(-1, 3).astype(np.float64)
    if checked.endswith(_REVERSED):
        table = table[::-1]
    where = np.linspace(0.0, len(table) - 1.0, steps)
    below = np.floor(where).astype(int)
    above = np.minimum(below + 1, len(table) - 1)
    weight = (where - below)[:, None]
    rgb: np.ndarray = np.rint(table[below] * (1 - weight) + table[above] * weight).astype(np.uint8)
    rgb.flags.writeable = False
    return rgb
