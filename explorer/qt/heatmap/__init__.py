"""The similarity heatmap: its drawing items, the figure and its layout, the panel and its export.

``panel.HeatmapPanel`` is the ``similarityHeatmap`` dock; it owns ``controls``
(the choosers), ``large`` (which vectors are shown) and ``clustering`` (the
clustered order on a worker). ``figure`` draws what a
:class:`~explorer.model.heatmap.HeatmapScores` holds, placed by ``layout``;
``render`` draws it offscreen as PNG, SVG or PDF; ``export`` writes files (CSV
without loading QtWidgets or pyqtgraph); ``export_dialog`` is the dialog behind
``actionExportHeatmap``, imported on first use. Nothing is imported here, so
that ``explorer.qt.heatmap.export`` stays light.
"""
