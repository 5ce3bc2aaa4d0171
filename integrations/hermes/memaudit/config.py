"""The provider's configuration: where `memaudit serve` listens, the token,
and who the owner is. Read per Hermes home, so that each profile
(<root>/profiles/<name>/) uses its own.

Sources, first found wins for each value:

1. <home>/memaudit.json, written by `hermes memory setup` (save_config) or by
   hand: {"socket": ..., "token_file": ..., "owner_ids": [...], ...}.
   A file holding "token" must be mode 600.
2. MEMAUDIT_TOKEN / MEMAUDIT_SOCKET in <home>/.env, where `hermes memory
   setup` writes secrets (a multiplexed gateway serves several profiles
   from one process, so the process environment may be another profile's).
3. The process environment: MEMAUDIT_SOCKET or MEMAUDIT_ADDRESS,
   MEMAUDIT_TOKEN or MEMAUDIT_TOKEN_FILE.

Reading the configuration touches only local files: no network.
"""

import json
import os
import stat
import tempfile

from .chat import profile_name, profile_prefix

CONFIG_FILE = "memaudit.json"
TOKEN_ENV = "MEMAUDIT_TOKEN"
DEFAULT_TIMEOUT = 5.0

# What `hermes memory setup` asks (hermes_cli/memory_setup.py reads key,
# description, secret, required, default, env_var). Secrets go to <home>/.env
# under env_var; the other answers reach save_config().
CONFIG_SCHEMA = [
    {
        "key": "socket",
        "description": "memaudit serve's socket (memaudit serve prints it; default <vault>/memaudit.sock), or http://127.0.0.1:PORT",
        "required": True,
        "type": "text",
    },
    {
        "key": "token",
        "description": "a service token from 'memaudit token create' (kept in .env as MEMAUDIT_TOKEN)",
        "secret": True,
        "required": True,
        "env_var": TOKEN_ENV,
        "type": "text",
    },
    {
        "key": "owner_ids",
        "description": "your own user ids on the chat platforms, comma-separated (in group chats, what others write is kept with low trust)",
        "type": "text",
    },
]

# Keys save_config() writes; anything else a caller passes is ignored.
_SAVED_KEYS = ("socket", "token_file", "owner_ids", "user_segment", "agent_segment", "segment_prefix", "timeout")


class ConfigError(Exception):
    """The configuration cannot be used. Messages name files and keys,
    never a token."""


def hermes_home():
    """The active Hermes home: Hermes' own get_hermes_home() inside Hermes,
    else $HERMES_HOME, else ~/.hermes."""
    try:
        from hermes_constants import get_hermes_home  # inside Hermes

        return str(get_hermes_home())
    except Exception:
        return os.environ.get("HERMES_HOME") or os.path.join(os.path.expanduser("~"), ".hermes")


def _private(path):
    return not (stat.S_IMODE(os.stat(path).st_mode) & 0o077)


def _read_secret_file(path):
    if not _private(path):
        raise ConfigError(f"{path} is readable by others; chmod 600 it")
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


def _read_dotenv(path):
    """KEY=VALUE lines of a .env file (quotes stripped); {} when absent."""
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return out
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if key.startswith("export "):
            key = key[len("export "):].strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key] = value
    return out


def _owner_ids(raw):
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, (list, tuple)):
        raise ConfigError(f"{CONFIG_FILE}: owner_ids must be a list or a comma-separated string")
    return [str(x).strip() for x in raw if str(x).strip()]


def load_config(home=None):
    """The configuration of one Hermes home (the active one by default).
    Raises ConfigError for a file it cannot use."""
    home = str(home or hermes_home())
    cfg = {}
    path = os.path.join(home, CONFIG_FILE)
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as f:
                cfg = json.load(f)
        except ValueError:
            raise ConfigError(f"{path} is not valid JSON") from None
        if not isinstance(cfg, dict):
            raise ConfigError(f"{path} is not a JSON object")
        if cfg.get("token") and not _private(path):
            raise ConfigError(f"{path} holds a token and is readable by others; chmod 600 it")
    dotenv = _read_dotenv(os.path.join(home, ".env"))
    env = os.environ
    address = (cfg.get("socket") or cfg.get("address") or dotenv.get("MEMAUDIT_SOCKET")
               or env.get("MEMAUDIT_SOCKET") or env.get("MEMAUDIT_ADDRESS") or "")
    token = cfg.get("token") or ""
    if not token and cfg.get("token_file"):
        token = _read_secret_file(os.path.expanduser(str(cfg["token_file"])))
    token = token or dotenv.get(TOKEN_ENV) or env.get(TOKEN_ENV) or ""
    if not token and env.get("MEMAUDIT_TOKEN_FILE"):
        token = _read_secret_file(os.path.expanduser(env["MEMAUDIT_TOKEN_FILE"]))
    prefix = cfg.get("segment_prefix")
    if prefix is None:
        prefix = profile_prefix(profile_name(home))
    try:
        timeout = float(cfg.get("timeout", DEFAULT_TIMEOUT))
    except (TypeError, ValueError):
        raise ConfigError(f"{path}: timeout must be a number of seconds") from None
    return {
        "home": home,
        "address": os.path.expanduser(str(address)) if address else "",
        "token": str(token),
        "prefix": str(prefix),
        "user_segment": str(cfg.get("user_segment") or prefix + "user/profile"),
        "agent_segment": str(cfg.get("agent_segment") or prefix + "agent"),
        "owner_ids": _owner_ids(cfg.get("owner_ids")),
        "timeout": timeout,
    }


def save_config(values, home):
    """Writes the non-secret answers of `hermes memory setup` into
    <home>/memaudit.json (merged with what is there, mode 600, atomically).
    A token never goes here: setup puts it into .env."""
    path = os.path.join(str(home), CONFIG_FILE)
    cfg = {}
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as f:
                cfg = json.load(f)
        except ValueError:
            raise ConfigError(f"{path} is not valid JSON; fix or remove it") from None
        if not isinstance(cfg, dict):
            cfg = {}
    for key in _SAVED_KEYS:
        if key not in (values or {}):
            continue
        value = values[key]
        if key == "owner_ids":
            value = _owner_ids(value)
        elif key == "timeout":
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise ConfigError("timeout must be a number of seconds") from None
        elif isinstance(value, str):
            value = value.strip()
        if value in ("", None, []):
            cfg.pop(key, None)
        else:
            cfg[key] = value
    os.makedirs(str(home), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".memaudit.json.", dir=str(home))
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(cfg, f, indent=2, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(str(home), os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
    return path
