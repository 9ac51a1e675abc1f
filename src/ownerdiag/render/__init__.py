"""Renderers: turn core results into terminal, JSON, Markdown or HTML output."""
