"""memaudit memory provider for Hermes Agent (a MemoryProvider).

Install: copy this folder to $HERMES_HOME/plugins/memaudit/ (each profile
has its own: <root>/profiles/<name>/plugins/memaudit/), run
`hermes memory setup` and pick memaudit, or set memory.provider: memaudit
in config.yaml."""

from .chat import Chat, chat_segment, parse_session_key
from .client import Client, MemauditError
from .config import ConfigError, load_config, save_config
from .provider import MemauditProvider

__all__ = ["Chat", "Client", "ConfigError", "MemauditError", "MemauditProvider", "chat_segment", "load_config",
           "parse_session_key", "register", "save_config"]


def register(ctx):
    ctx.register_memory_provider(MemauditProvider())
