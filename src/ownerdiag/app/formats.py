"""Which formats write which document, for the command line's choices."""

from ownerdiag.render.formats import DOCUMENTS

__all__ = ["DOCUMENTS"]
