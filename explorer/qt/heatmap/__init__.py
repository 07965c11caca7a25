"""The similarity heatmap: its data, its drawing items, the figure and the panel."""
