"""Protocol constants shared with the hub (generated; do not edit).

Source: packages/protocol/schema/constants.json. Regenerate with
`python3 scripts/write_constants.py` from the python/ folder.
"""

from typing import Final, Tuple

PROTOCOL_VERSION: Final = 1

MAX_LINE_BYTES: Final = 1048576
MAX_WS_PAYLOAD_BYTES: Final = 1048576
MAX_REQUEST_BODY_BYTES: Final = 1048576
MAX_LOG_LINE_CHARS: Final = 65536
MAX_SUBSCRIPTIONS_PER_SOCKET: Final = 128
EVENT_RING_SIZE: Final = 2000
WS_HIGH_WATER_MARK_BYTES: Final = 1048576
WS_PING_INTERVAL_MS: Final = 25000
WS_PONG_TIMEOUT_MS: Final = 10000
READY_TIMEOUT_MS: Final = 10000
HEARTBEAT_INTERVAL_MS: Final = 5000
HEARTBEAT_TIMEOUT_MS: Final = 2000
HEARTBEAT_MAX_MISSES: Final = 2
RESTART_BACKOFF_INITIAL_MS: Final = 1000
RESTART_BACKOFF_MAX_MS: Final = 60000
RESTART_BACKOFF_JITTER: Final = 0.2
RESTART_RESET_AFTER_MS: Final = 10000
CIRCUIT_BREAKER_FAILURES: Final = 5
SHUTDOWN_GRACE_MS: Final = 5000
TERMINATE_GRACE_MS: Final = 2000
SIDECAR_SHUTDOWN_WAIT_MS: Final = 3000
DEFAULT_WORKERS: Final = 4
CANCEL_GRACE_MS: Final = 5000
WORKER_IDLE_MS: Final = 60000
STDERR_TAIL_LINES: Final = 200
FSYNC_INTERVAL_MS: Final = 1000
RETAINED_FINISHED_JOBS: Final = 500
SSE_KEEPALIVE_MS: Final = 15000
DEFAULT_JOB_LIST_LIMIT: Final = 100
MAX_JOB_LIST_LIMIT: Final = 1000
DEFAULT_EVENT_PAGE_LIMIT: Final = 1000
MAX_EVENT_PAGE_LIMIT: Final = 10000

JOB_ID_PATTERN: Final = '^[A-Za-z0-9_-]{1,64}$'
JOB_TYPE_NAME_PATTERN: Final = '^[A-Za-z][A-Za-z0-9_.-]{0,127}$'
EPOCH_PATTERN: Final = '^[A-Za-z0-9_-]{1,64}$'

JOB_STATES: Final[Tuple[str, ...]] = ('queued', 'running', 'completed', 'failed', 'cancelled')
TERMINAL_STATES: Final[Tuple[str, ...]] = ('completed', 'failed', 'cancelled')
EVENT_KINDS: Final[Tuple[str, ...]] = ('status', 'log', 'progress', 'artifact', 'data', 'input', 'result', 'error')
LOG_STREAMS: Final[Tuple[str, ...]] = ('stdout', 'stderr', 'log')
LOG_LEVELS: Final[Tuple[str, ...]] = ('debug', 'info', 'warning', 'error')

INPUT_READ_DATA_NAME: Final = 'sidecast.input_read'
