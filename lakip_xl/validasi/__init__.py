"""Validation of a LAKIP model: findings with a code, severity, location and message."""

from .periksa import validasi
from .temuan import Temuan, ada_galat, jalur_teks

__all__ = ["Temuan", "ada_galat", "jalur_teks", "validasi"]
