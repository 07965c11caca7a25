"""The window around the panels: start-up, the main window, its actions, layout, files and settings."""
