"""The vector plot (``vectorPlot``): arrows from the origin, their labels, dragging a tip, the choosers above it."""
