"""The built-in job types; importing this package registers them."""

from . import stream, checksum, profile_csv, chat  # the order `ready` lists them in

__all__ = ["stream", "checksum", "profile_csv", "chat"]
