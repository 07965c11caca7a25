"""The similarity heatmap: its data, its drawing items, the figure, the panel and its export.

``panel.HeatmapPanel`` is the ``similarityHeatmap`` dock; ``export`` writes PNG,
SVG, PDF and CSV (CSV without loading QtWidgets or pyqtgraph);
``export_dialog`` is the dialog behind ``actionExportHeatmap``, imported on
first use. Nothing is imported here, so that ``explorer.qt.heatmap.export``
stays light.
"""
