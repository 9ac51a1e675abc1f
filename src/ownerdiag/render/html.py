"""HTML: the report, trend and charter as one self-contained page each (every value escaped)."""

from ownerdiag.render.templating import documents

report, trend, charter = documents("html")
