"""Exceptions job code may meet."""


class JobCancelled(BaseException):
    """Raised inside a job that was cancelled. Like `KeyboardInterrupt` it is not an
    `Exception`, so `except Exception` in job code does not swallow it."""
