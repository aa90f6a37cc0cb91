"""A module that cannot be imported while the file named by CHAOS_FAIL_FLAG exists, and
that takes CHAOS_IMPORT_SECONDS to import."""
import os
import time

time.sleep(float(os.environ.get("CHAOS_IMPORT_SECONDS", "0")))
flag = os.environ.get("CHAOS_FAIL_FLAG", "")
if flag and os.path.exists(flag):
    raise ImportError(f"failing on purpose while {flag} exists")
