"""The plugin against Hermes' own code for manifests, discovery, setup and
status (files from the reference snapshot; see hermes_env.py for what is
stubbed). No memaudit service: none of this may reach the network."""

import io
import json
import logging
import os
import shutil
import socket
import stat
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

import hermes_env


def setUpModule():
    hermes_env.require_snapshot()


class NoNetwork:
    """Counts (and refuses) every socket connection made inside the block."""

    def __enter__(self):
        self.calls = []
        real = socket.socket.connect

        def connect(sock, addr):
            self.calls.append(addr)
            raise OSError("network use in a test that forbids it")

        self.patch = mock.patch.object(socket.socket, "connect", connect)
        self.patch.start()
        self._real = real
        return self

    def __exit__(self, *exc):
        self.patch.stop()


class HomeTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="mahh")
        self.home = hermes_env.hermes_home(self.root)
        self.saved_env = {k: os.environ.get(k) for k in ("HERMES_HOME", "MEMAUDIT_SOCKET", "MEMAUDIT_ADDRESS", "MEMAUDIT_TOKEN", "MEMAUDIT_TOKEN_FILE")}
        for k in self.saved_env:
            os.environ.pop(k, None)
        os.environ["HERMES_HOME"] = self.home
        hermes_env.CONFIG.clear()

    def tearDown(self):
        for k, v in self.saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(self.root, ignore_errors=True)

    def load(self):
        from plugins.memory import load_memory_provider

        p = load_memory_provider("memaudit")
        self.assertIsNotNone(p, "Hermes' loader did not load the plugin")
        return p


class ManifestTest(HomeTest):
    def test_plugin_yaml_is_an_exclusive_provider(self):
        from hermes_cli import plugins_manifest as pm

        with self.assertLogs("hermes_cli.plugins", logging.DEBUG) as logs:
            pm.logger.debug("start")
            m = pm.parse_manifest_file(Path(hermes_env.PLUGIN_DIR) / "plugin.yaml", Path(hermes_env.PLUGIN_DIR), "user", "")
        self.assertIsNotNone(m)
        self.assertEqual(m.kind, "exclusive")
        self.assertEqual(m.name, "memaudit")
        self.assertTrue(m.description)
        text = "\n".join(logs.output)
        self.assertNotIn("unknown kind", text)
        self.assertNotIn("unknown manifest field", text)
        # The kind Hermes would detect from the source agrees.
        src = (Path(hermes_env.PLUGIN_DIR) / "__init__.py").read_text()[:8192]
        self.assertEqual(pm._detect_kind_from_source(src), "exclusive")
        with open(Path(hermes_env.PLUGIN_DIR) / "plugin.yaml") as f:
            fields = set(hermes_env.yaml_subset_load(f.read()))
        self.assertLessEqual(fields, pm._KNOWN_MANIFEST_FIELDS)


class DiscoveryTest(HomeTest):
    def test_found_and_loaded_by_hermes_without_network(self):
        from agent.memory_provider import MemoryProvider
        from plugins.memory import discover_memory_providers, find_provider_dir, list_memory_provider_names

        self.assertIn("memaudit", list_memory_provider_names())
        self.assertEqual(find_provider_dir("memaudit"), Path(self.home) / "plugins" / "memaudit")
        hermes_env.write_private(os.path.join(self.home, "memaudit.json"), json.dumps({"socket": "/run/nowhere.sock"}))
        hermes_env.write_private(os.path.join(self.home, ".env"), "MEMAUDIT_TOKEN=mat_0000000000000000_" + "A" * 43 + "\n")
        with NoNetwork() as net:
            found = {name: (desc, ok) for name, desc, ok in discover_memory_providers()}
            p = self.load()
            self.assertTrue(p.is_available())
            self.assertEqual(p.backup_paths(), [])
        self.assertEqual(net.calls, [], "is_available() or loading made a connection")
        self.assertIn("memaudit", found)
        self.assertIn("memaudit", found["memaudit"][0])  # plugin.yaml's description
        self.assertTrue(found["memaudit"][1])
        self.assertIsInstance(p, MemoryProvider)
        self.assertEqual(p.name, "memaudit")
        self.assertEqual(MemoryProvider.__abstractmethods__ - set(type(p).__dict__), set())

    def test_unavailable_says_why(self):
        with NoNetwork() as net:
            p = self.load()
            self.assertFalse(p.is_available())
            self.assertIn("socket", p.unavailable_reason())
        self.assertEqual(net.calls, [])


class SetupTest(HomeTest):
    def setUp(self):
        super().setUp()
        from hermes_cli import memory_setup

        self.ms = memory_setup

    def schema(self):
        return self.load().get_config_schema()

    def test_schema_is_what_memory_setup_reads(self):
        schema = self.schema()
        self.assertIsInstance(schema, list)
        for f in schema:
            self.assertIsInstance(f, dict)
            self.assertIsInstance(f["key"], str)
            self.assertIsInstance(f.get("description", ""), str)
            self.assertIn(f.get("type", "text"), ("text", "integer", "number", "boolean"))
            if f.get("secret"):
                # setup writes a secret only where env_var names it.
                self.assertTrue(f.get("env_var"), f["key"])
        self.assertTrue(any(f.get("secret") for f in schema))
        self.assertTrue(any(not f.get("secret") for f in schema))

    def test_setup_wizard_writes_a_working_configuration(self):
        token = "mat_0123456789abcdef_" + "Zq9" * 14 + "x"
        sock = os.path.join(self.root, "run", "memaudit.sock")
        answers = {"socket": sock, "token": token, "owner_ids": "5550001, discord:42"}
        stdin = io.StringIO("".join(answers.get(f["key"], "") + "\n" for f in self.schema()))
        out = io.StringIO()
        pick = lambda title, items, default=0: [name for name, _ in items].index("memaudit")
        with NoNetwork() as net, mock.patch.object(self.ms, "_curses_select", pick), mock.patch.object(sys, "stdin", stdin), redirect_stdout(out):
            self.ms.cmd_setup(None)
        self.assertEqual(net.calls, [])
        self.assertNotIn("Failed to write provider config", out.getvalue())
        self.assertEqual(hermes_env.CONFIG["memory"]["provider"], "memaudit")
        cfg_path = os.path.join(self.home, "memaudit.json")
        with open(cfg_path) as f:
            saved = json.load(f)
        self.assertEqual(saved["socket"], sock)
        self.assertEqual(saved["owner_ids"], ["5550001", "discord:42"])
        self.assertNotIn("token", saved)
        self.assertEqual(stat.S_IMODE(os.stat(cfg_path).st_mode), 0o600)
        with open(os.path.join(self.home, ".env")) as f:
            env_text = f.read()
        self.assertIn("MEMAUDIT_TOKEN=" + token, env_text)
        self.assertNotIn(token, out.getvalue())
        # A fresh provider finds it all in the home.
        p = self.load()
        p.initialize("s1", platform="cli", hermes_home=self.home, agent_context="primary")
        self.assertTrue(p.is_available())
        # and `hermes memory status` says so.
        out = io.StringIO()
        with NoNetwork() as net, redirect_stdout(out):
            self.ms.cmd_status(None)
        self.assertEqual(net.calls, [])
        self.assertIn("available ✓", out.getvalue())
        self.assertNotIn(token, out.getvalue())

    def test_status_lists_the_missing_token(self):
        hermes_env.CONFIG["memory"] = {"provider": "memaudit"}
        out = io.StringIO()
        with NoNetwork(), redirect_stdout(out):
            self.ms.cmd_status(None)
        self.assertIn("not available", out.getvalue())
        self.assertIn("MEMAUDIT_TOKEN", out.getvalue())

    def test_save_config_merges_and_keeps_secrets_out(self):
        p = self.load()
        hermes_env.write_private(os.path.join(self.home, "memaudit.json"), json.dumps({"token_file": "/t", "socket": "/old"}))
        p.save_config({"socket": " /new.sock ", "owner_ids": "", "token": "mat_x", "timeout": "2.5"}, self.home)
        with open(os.path.join(self.home, "memaudit.json")) as f:
            saved = json.load(f)
        self.assertEqual(saved, {"socket": "/new.sock", "token_file": "/t", "timeout": 2.5})


class ProfileConfigTest(HomeTest):
    def test_each_profile_reads_its_own_home(self):
        coder = hermes_env.hermes_home(os.path.join(self.root, "profiles", "coder"), plugin=False)
        hermes_env.write_private(os.path.join(self.home, "memaudit.json"), json.dumps({"socket": "/run/default.sock"}))
        hermes_env.write_private(os.path.join(self.home, ".env"), "MEMAUDIT_TOKEN=mat_default\n")
        hermes_env.write_private(os.path.join(coder, "memaudit.json"), json.dumps({"socket": "/run/coder.sock"}))
        hermes_env.write_private(os.path.join(coder, ".env"), "MEMAUDIT_TOKEN='mat_coder'\n")
        p = self.load()  # HERMES_HOME is the default profile's
        p.initialize("s1", platform="telegram", chat_type="dm", chat_id="42", user_id="42", hermes_home=coder,
                     agent_identity="coder", agent_context="primary")
        client = p._api()
        self.assertEqual(client.address, "/run/coder.sock")
        self.assertEqual(client._token, "mat_coder")
        self.assertEqual(p.segment, "profile/coder/channel/telegram/dm/42")
        d = self.load()
        d.initialize("s2", platform="telegram", chat_type="dm", chat_id="42", user_id="42", hermes_home=self.home)
        self.assertEqual(d._api().address, "/run/default.sock")
        self.assertEqual(d.segment, "channel/telegram/dm/42")


if __name__ == "__main__":
    unittest.main()
