"""The pretalx peer of `make bench` (bench/peer.py): settings, URLs and the seed.

Imported only by the peer's own virtual environment (bench/.peer-venv, pretalx
2026.2.1 on Python >= 3.13), never by Otwarte's.
"""
