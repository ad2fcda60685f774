"""sitegen: a static-site generator for cited explainer microsites."""

__version__ = "0.1.0"
