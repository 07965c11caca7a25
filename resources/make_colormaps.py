"""Write resources/colormaps.json: the heatmap's colour maps as 256 colours each.

Run from the repository root with the bench extra installed (it needs pyqtgraph and matplotlib):

    python resources/make_colormaps.py

The model (explorer/model/colormaps.py) reads the file without Qt, pyqtgraph or
matplotlib. Sources and licences:
- CET maps: Peter Kovesi, "Good Colour Maps: How to Design Them" (2015), CC-BY 4.0,
  as shipped by pyqtgraph (pyqtgraph/colors/maps).
- viridis, magma, inferno, plasma (Smith and van der Walt) and cividis (Nuñez, Anderton and
  Renslow): CC0, as shipped by pyqtgraph.
- RdBu, PuOr, BrBG: ColorBrewer 2.0 by Cynthia Brewer (Apache 2.0 licence), and coolwarm:
  Kenneth Moreland's diverging map (public domain), both sampled from matplotlib.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
FROM_PYQTGRAPH = (
    "CET-CBD1", "CET-D1A", "CET-D1", "CET-D4", "CET-D9", "CET-D13",
    "viridis", "cividis", "magma", "inferno", "plasma",
    "CET-L1", "CET-CBL1", "CET-CBL2", "CET-L17", "CET-L19",
)  # fmt: skip
FROM_MATPLOTLIB = ("RdBu", "coolwarm", "PuOr", "BrBG")


def main() -> int:
    import matplotlib
    import pyqtgraph as pg

    tables: dict[str, str] = {}
    for name in FROM_PYQTGRAPH:
        rgb = pg.colormap.get(name).getLookupTable(0.0, 1.0, nPts=256, alpha=False, mode="byte")
        tables[name] = bytes(np.asarray(rgb, np.uint8).reshape(-1)).hex()
    for name in FROM_MATPLOTLIB:
        rgb = np.round(matplotlib.colormaps[name](np.linspace(0, 1, 256))[:, :3] * 255)
        tables[name] = bytes(rgb.astype(np.uint8).reshape(-1)).hex()
    target = HERE / "colormaps.json"
    target.write_text(json.dumps(tables, indent=0) + "\n")
    print(f"wrote {target} ({target.stat().st_size:,} bytes, {len(tables)} maps)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
