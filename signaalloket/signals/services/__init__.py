from .signals import signal_create, signal_update
from .transitions import signal_transition

__all__ = ["signal_create", "signal_transition", "signal_update"]
