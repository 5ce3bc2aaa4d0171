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


if __name__ == "__main__":
    unittest.main()
