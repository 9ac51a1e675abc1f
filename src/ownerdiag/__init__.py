"""ownerdiag: ask each revenue leader separately who owns what, then compare the answers."""

__version__ = "0.5.0"
