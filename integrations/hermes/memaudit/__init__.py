"""memaudit memory provider for Hermes Agent. Copy this folder to
$HERMES_HOME/plugins/memaudit/ and set memory.provider: memaudit."""

from .client import Client, MemauditError
from .provider import MemauditProvider, chat_segment, load_config, parse_session_key

__all__ = ["Client", "MemauditError", "MemauditProvider", "chat_segment", "load_config", "parse_session_key", "register"]


def register(ctx):
    ctx.register_memory_provider(MemauditProvider())
