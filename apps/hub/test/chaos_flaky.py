"""A module that cannot be imported while the file named by CHAOS_FAIL_FLAG exists."""
import os

flag = os.environ.get("CHAOS_FAIL_FLAG", "")
if flag and os.path.exists(flag):
    raise ImportError(f"failing on purpose while {flag} exists")
