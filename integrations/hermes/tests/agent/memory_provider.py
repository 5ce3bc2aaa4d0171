"""A stand-in for Hermes Agent's agent/memory_provider.py: the same class
name and method names, none of Hermes' code. The tests put it on sys.path
so that the plugin subclasses it as it would inside Hermes."""

from abc import ABC, abstractmethod


class MemoryProvider(ABC):
    @property
    @abstractmethod
    def name(self):
        ...

    @abstractmethod
    def is_available(self):
        ...

    @abstractmethod
    def initialize(self, session_id, **kwargs):
        ...

    @abstractmethod
    def get_tool_schemas(self):
        ...

    def prefetch(self, query, *, session_id=None):
        return ""

    def queue_prefetch(self, query, *, session_id=None):
        return None

    def sync_turn(self, user_content, assistant_content, *, session_id=None, messages=None):
        return None

    def handle_tool_call(self, name, args):
        raise NotImplementedError

    def system_prompt_block(self):
        return ""

    def on_memory_write(self, action, target, content, metadata=None):
        return None

    def on_session_end(self, *args, **kwargs):
        return None

    def on_session_switch(self, session_id, **kwargs):
        return None

    def shutdown(self):
        return None
