"""Markdown: the report, trend and charter as GitHub-flavoured Markdown (every value escaped)."""

from ownerdiag.render.templating import documents

report, trend, charter = documents("md")
