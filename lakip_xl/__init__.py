"""lakip-xl: LAKIP/LKjIP toolkit for Indonesian government work units."""

__version__ = "0.1.0"
