"""Which chat a Hermes agent serves, and the memaudit segments that hold it.

A Hermes agent learns its chat once, from the keyword arguments of
initialize() (platform, chat_type, chat_id, thread_id, user_id, or the
gateway session key when the chat columns are missing). A session switch
(/new, /resume, /branch, compression) changes the session id, never the
chat, so the provider keeps the Chat it built at initialize() for its whole
life.

Segments, as `memaudit import --format hermes` names them:

    channel/<platform>/<chat_type>/<chat_id>[/<thread>]   a chat
    user/profile                                          USER.md (target "user")
    agent                                                 MEMORY.md (target "memory")

A Hermes profile (a home at <root>/profiles/<name>/) is another agent with
its own memory: its segments carry the prefix profile/<name>/.
"""

import os

# Platforms that are the local user at a terminal, not a chat with others.
LOCAL_PLATFORMS = ("cli", "local", "tui", "desktop")


def clean_part(part):
    """One segment part: characters a segment name refuses (/, \\, glob
    characters, spaces and controls) become "_", "." and ".." become "_",
    at most 100 bytes of UTF-8 (cut between characters)."""
    out = []
    for ch in str(part):
        if ch in "/\\*?[]" or ord(ch) <= 32 or 0x7F <= ord(ch) <= 0x9F or ch.isspace() or ch == "\ufffd" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("_")
        else:
            out.append(ch)
    s = "".join(out)
    if s in (".", ".."):
        s = "_"
    b = s.encode("utf-8")
    if len(b) > 100:
        s = b[:100].decode("utf-8", "ignore")
    return s or "_"


def chat_segment(platform, chat_type="", chat_id="", thread_id="", prefix=""):
    """The segment of a chat: [prefix]channel/<platform>/<chat_type>/<chat_id>[/<thread>],
    missing parts left out."""
    parts = ["channel", clean_part(platform or "unknown")]
    for p in (chat_type, chat_id, thread_id):
        if p not in (None, ""):
            parts.append(clean_part(p))
    return prefix + "/".join(parts)


def profile_name(hermes_home):
    """The profile a Hermes home belongs to: <name> for <root>/profiles/<name>,
    "" for any other home (the default profile)."""
    if not hermes_home:
        return ""
    home = os.path.normpath(str(hermes_home))
    parent, name = os.path.split(home)
    if os.path.basename(parent) == "profiles" and name not in ("", ".", ".."):
        return name
    return ""


def profile_prefix(profile):
    """The segment prefix of a profile's memory: "" for the default profile."""
    if not profile or profile == "default":
        return ""
    return "profile/" + clean_part(profile) + "/"


def parse_session_key(key, user_id=""):
    """Reads (platform, chat_type, chat_id, thread_id) from a Hermes gateway
    session key, for gateways that do not pass the chat columns.

    The layout (gateway/session.py build_session_key) is
    agent:<namespace>:<platform>:<chat_type>[:<chat_id>][:<thread>][:<user>],
    where a DM puts the sender before the thread and a group puts it after,
    and a group or channel outside a thread carries the sender only when
    sessions are per user (the default). A trailing part equal to user_id is
    the sender; in a group without a known user_id, one trailing part is
    taken as the sender (the default layout) and two as thread and sender.
    Returns None when the key has another shape."""
    parts = str(key or "").split(":")
    if len(parts) < 4 or parts[0] != "agent" or not parts[2] or not parts[3]:
        return None
    platform, chat_type, rest = parts[2], parts[3], parts[4:]
    if platform == "slack" and len(rest) >= 2 and rest[0][:1] in ("T", "E"):
        rest = rest[1:]  # the workspace (scope id) comes before the chat
    chat_id = rest[0] if rest else ""
    tail = rest[1:]
    if user_id and user_id in tail:
        tail = [p for p in tail if p != user_id]
    elif chat_type not in ("dm", "thread") and tail:
        tail = tail[:-1]  # the sender, in the default per-user layout
    thread = tail[0] if tail else ""
    return platform, chat_type, chat_id, thread


class Chat:
    """Where the agent's turns happen: a platform and, in the gateway, one
    chat (and thread)."""

    __slots__ = ("platform", "chat_type", "chat_id", "thread_id", "user_id")

    def __init__(self, platform="cli", chat_type="", chat_id="", thread_id="", user_id=""):
        self.platform = str(platform or "cli")
        self.chat_type = str(chat_type or "")
        self.chat_id = str(chat_id or "")
        self.thread_id = str(thread_id or "")
        self.user_id = str(user_id or "")

    @classmethod
    def from_init(cls, kwargs):
        """The chat named by initialize()'s keyword arguments."""
        platform = kwargs.get("platform") or ""
        user_id = str(kwargs.get("user_id") or "")
        chat_type = kwargs.get("chat_type") or ""
        chat_id = kwargs.get("chat_id") or ""
        thread = kwargs.get("thread_id") or ""
        if not chat_id:
            parsed = parse_session_key(kwargs.get("gateway_session_key"), user_id)
            if parsed:
                platform = platform or parsed[0]
                chat_type = chat_type or parsed[1]
                chat_id = parsed[2]
                thread = thread or parsed[3]
        platform = platform or "cli"
        if not chat_id and platform not in LOCAL_PLATFORMS and (chat_type or "dm") == "dm" and user_id:
            # A DM without a chat id is keyed by its sender (build_session_key).
            chat_type, chat_id = "dm", user_id
        return cls(platform, chat_type, chat_id, thread, user_id)

    @property
    def local(self):
        return self.platform in LOCAL_PLATFORMS and not self.chat_id

    @property
    def direct(self):
        """A conversation with one person: a DM, or the local terminal."""
        return self.local or self.chat_type == "dm"

    def segment(self, prefix=""):
        if self.local:
            return chat_segment(self.platform, prefix=prefix)
        return chat_segment(self.platform, self.chat_type, self.chat_id, self.thread_id, prefix=prefix)

    def __repr__(self):
        return f"Chat({self.platform!r}, {self.chat_type!r}, {self.chat_id!r}, {self.thread_id!r})"
