"""``sitegen serve``: build, serve the output folder, rebuild on every change and reload the open tabs.

:mod:`sitegen.serve.preview` decides what to build and when; :mod:`sitegen.serve.server` is the web server
(livereload and tornado) and :mod:`sitegen.serve.files` what it sends.
"""

from sitegen.serve.server import serve_site

__all__ = ["serve_site"]
