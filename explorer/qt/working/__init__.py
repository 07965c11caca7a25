"""The working panel (``workingPanel``): a score worked out step by step, and the claims checker."""
