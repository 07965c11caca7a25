"""The similarity heatmap: its data, its drawing items, the figure and the panel.

The window adds :class:`~explorer.qt.heatmap.panel.HeatmapPanel` as a dock and
connects ``actionExportHeatmap`` to
:func:`~explorer.qt.heatmap.export_dialog.export_heatmap_interactive`. The
export dialog is imported on first use, not at start-up.
"""

from explorer.qt.heatmap.panel import HeatmapPanel

__all__ = ["ExportHeatmapDialog", "HeatmapPanel", "export_heatmap_interactive"]


def __getattr__(name: str):
    if name in ("ExportHeatmapDialog", "export_heatmap_interactive"):
        from explorer.qt.heatmap import export_dialog

        return getattr(export_dialog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
