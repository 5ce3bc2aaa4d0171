"""The real Hermes Agent files, loaded for the tests, and a real memaudit serve.

Hermes' files come from the reference snapshot, read in place:
MEMAUDIT_HERMES_AGENT, else ../shared/hermes-agent next to the repository
(README.md there names each file's commit). They are never copied into this
repository. When the snapshot is missing, tests that need it are skipped,
except in CI (MEMAUDIT_REQUIRE_PYTHON set), where they fail.

The snapshot is not a runnable Hermes: its files import modules it does not
hold. Those modules are stubbed here, each with the least that lets the
real code run, and nothing else:

  agent.redact.redact_for_egress            identity (Hermes masks secrets; the tests use none)
  agent.skill_commands.extract_user_instruction_from_skill_message   identity
  agent.think_scrubber.fold_tag_case        str.lower
  agent.memory_provider.ctx_bound / spawn_context_thread
        the copied memory_manager.py (002b0646) imports them, the copied
        memory_provider.py (015e865f) lacks them: added to the real module
        as contextvars-preserving wrappers
  tools.hook_output_spill                   no spilling
  tools.registry                            a registry that records, tool_error as JSON
  tools.daemon_pool.DaemonThreadPoolExecutor   a ThreadPoolExecutor
  toolsets._HERMES_CORE_TOOLS               the core tool names a provider must not shadow
  hermes_cli.observability.shared_metrics_loop.record_provider_memory_call   no-op
  hermes_cli.config                         load_config/save_config on an in-memory dict, cfg_get
  hermes_cli.plugin_capabilities.parse_declared_capabilities   no capabilities
  hermes_constants.get_hermes_home          $HERMES_HOME, as Hermes resolves it
  utils.fast_safe_load                      PyYAML's safe_load when installed, else a YAML subset reader
  yaml (only when PyYAML is not installed)  the same subset reader
"""

import contextvars
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import types
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN_ROOT = os.path.dirname(HERE)  # integrations/hermes
PLUGIN_DIR = os.path.join(PLUGIN_ROOT, "memaudit")
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SNAPSHOT = os.path.abspath(os.environ.get("MEMAUDIT_HERMES_AGENT") or os.path.join(REPO, "..", "shared", "hermes-agent"))
REQUIRED = bool(os.environ.get("MEMAUDIT_REQUIRE_PYTHON"))

if PLUGIN_ROOT not in sys.path:
    sys.path.insert(0, PLUGIN_ROOT)


def snapshot_present():
    return os.path.isfile(os.path.join(SNAPSHOT, "agent", "memory_provider.py"))


def require_snapshot():
    """Skips (locally) or fails (CI) when the Hermes files are missing."""
    if snapshot_present():
        install()
        return
    msg = f"the Hermes Agent reference files are missing ({SNAPSHOT}); set MEMAUDIT_HERMES_AGENT"
    if REQUIRED:
        raise AssertionError(msg + " (MEMAUDIT_REQUIRE_PYTHON is set: CI does not skip these tests)")
    raise unittest.SkipTest(msg)


# A YAML subset: "key: scalar", "key:" followed by "- item" lines, comments.
def yaml_subset_load(text):
    out, key = {}, None
    for raw in str(text).splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if line.lstrip().startswith("- ") and key is not None:
            if not isinstance(out.get(key), list):
                out[key] = []
            out[key].append(_scalar(line.lstrip()[2:]))
            continue
        if line[0] in " \t" or ":" not in line:
            raise ValueError(f"unsupported YAML line: {raw!r}")
        key, _, value = line.partition(":")
        key = key.strip()
        out[key] = _scalar(value) if value.strip() else None
    return out


def _scalar(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    if v in ("true", "false"):
        return v == "true"
    if v in ("[]",):
        return []
    try:
        return int(v)
    except ValueError:
        return v


_installed = False
CONFIG = {}  # hermes_cli.config's in-memory config.yaml
REGISTERED_TOOLS = []
CORE_TOOLS = {"memory", "terminal", "read_file", "write_file", "web_search", "web_fetch", "clarify", "delegate_task", "session_search", "todo"}


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    m.__stub__ = True
    sys.modules[name] = m
    return m


def install():
    """Puts the snapshot on sys.path and the stubs into sys.modules. Once."""
    global _installed
    if _installed:
        return
    if SNAPSHOT not in sys.path:
        sys.path.insert(0, SNAPSHOT)

    _module("agent.redact", redact_for_egress=lambda text: text)
    _module("agent.skill_commands", extract_user_instruction_from_skill_message=lambda text: text)
    _module("agent.think_scrubber", fold_tag_case=lambda text: text.lower())
    _module("tools.hook_output_spill", get_spill_config=lambda: {}, spill_if_oversized=lambda result, **kw: result)

    class Registry:
        def register(self, **kw):
            REGISTERED_TOOLS.append(kw.get("name"))

    _module("tools.registry", registry=Registry(), tool_error=lambda msg: json.dumps({"error": str(msg)}))

    class DaemonThreadPoolExecutor(ThreadPoolExecutor):
        pass

    _module("tools.daemon_pool", DaemonThreadPoolExecutor=DaemonThreadPoolExecutor)
    _module("toolsets", _HERMES_CORE_TOOLS=set(CORE_TOOLS))
    _module("hermes_cli.observability")
    _module("hermes_cli.observability.shared_metrics_loop", record_provider_memory_call=lambda *a, **k: None)

    def cfg_get(cfg, *keys, default=None):
        for k in keys:
            if not isinstance(cfg, dict) or k not in cfg:
                return default
            cfg = cfg[k]
        return cfg

    _module("hermes_cli.config", load_config=lambda: json.loads(json.dumps(CONFIG)),
            save_config=lambda cfg: (CONFIG.clear(), CONFIG.update(json.loads(json.dumps(cfg)))), cfg_get=cfg_get)
    _module("hermes_cli.plugin_capabilities", parse_declared_capabilities=lambda raw, name: [])
    _module("hermes_constants", get_hermes_home=lambda: Path(os.environ.get("HERMES_HOME") or Path.home() / ".hermes"))
    try:
        import yaml  # noqa: F401 (PyYAML, when installed, reads plugin.yaml as Hermes does)

        _module("utils", fast_safe_load=yaml.safe_load)
    except ImportError:
        _module("utils", fast_safe_load=yaml_subset_load)
        _module("yaml", safe_load=lambda f: yaml_subset_load(f.read() if hasattr(f, "read") else f))

    import agent.memory_provider as mp  # the real one

    assert not getattr(mp, "__stub__", False)
    if not hasattr(mp, "ctx_bound"):
        def ctx_bound(fn):
            ctx = contextvars.copy_context()
            return lambda *a, **k: ctx.run(fn, *a, **k)

        def spawn_context_thread(fn, name=None):
            return threading.Thread(target=ctx_bound(fn), name=name, daemon=True)

        mp.ctx_bound = ctx_bound
        mp.spawn_context_thread = spawn_context_thread
    _installed = True


def hermes_home(root, plugin=True):
    """A Hermes home with the plugin installed as a user plugin
    ($HERMES_HOME/plugins/memaudit, a symlink to integrations/hermes/memaudit)."""
    os.makedirs(os.path.join(root, "memories"), mode=0o700, exist_ok=True)
    if plugin:
        os.makedirs(os.path.join(root, "plugins"), exist_ok=True)
        link = os.path.join(root, "plugins", "memaudit")
        if not os.path.lexists(link):
            os.symlink(PLUGIN_DIR, link)
    return root


def write_private(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)
    return path


# A real memaudit serve, one per test process.

def run(binary, env, *args, stdin=None):
    p = subprocess.run([binary, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError(f"memaudit {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


class Service:
    """memaudit init, tokens and serve on a Unix socket in a temporary
    directory. MEMAUDIT_BIN names the binary; without it, go build."""

    def __init__(self):
        from memaudit import Client, MemauditError

        self.tmp = tempfile.mkdtemp(prefix="mah")
        self.bin = os.environ.get("MEMAUDIT_BIN")
        if not self.bin:
            self.bin = os.path.join(self.tmp, "memaudit")
            subprocess.run(["go", "build", "-o", self.bin, "./cmd/memaudit"], cwd=REPO, check=True)
        self.env = dict(os.environ, MEMAUDIT_VAULT=os.path.join(self.tmp, "vault"), MEMAUDIT_IDENTITY=os.path.join(self.tmp, "key"))
        run(self.bin, self.env, "init")
        self.sock = os.path.join(self.tmp, "run", "memaudit.sock")
        self.log = open(os.path.join(self.tmp, "serve.log"), "w")
        self.proc = subprocess.Popen([self.bin, "serve", "--socket", self.sock], env=self.env, stderr=self.log)
        deadline = time.time() + 30
        while True:
            try:
                Client(self.sock, "x").health()
                break
            except MemauditError:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise AssertionError("memaudit serve did not start")
                time.sleep(0.05)
        self.exit_code = None

    def token(self, *segments, rights="remember,recall,forget", label="hermes"):
        args = ["token", "create", "--rights", rights, "--label", label]
        for s in segments:
            args += ["--segment", s]
        return run(self.bin, self.env, *args).strip()

    def cli(self, *args):
        return run(self.bin, self.env, *args)

    def export(self):
        """Every entry in the vault (the operator's view: any status)."""
        out = {}
        for line in self.cli("export").splitlines():
            if line.strip():
                e = json.loads(line)
                out[e["id"]] = e
        return out

    def stop(self):
        if self.proc is None:
            return self.exit_code
        self.proc.send_signal(signal.SIGTERM)
        self.exit_code = self.proc.wait(timeout=30)
        self.proc = None
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return self.exit_code
