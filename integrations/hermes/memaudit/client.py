"""A small client for memaudit serve: HTTP/JSON over a Unix socket (or a
loopback address), standard library only."""

import http.client
import json
import socket

DEFAULT_TIMEOUT = 5.0


class MemauditError(Exception):
    """A request memaudit refused or could not serve.

    code is the service's stable error code (forbidden, blocked, ...), or
    "unreachable" when the service could not be reached."""

    def __init__(self, code, message, status=0):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("memaudit", timeout=timeout)
        self._path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        try:
            s.connect(self._path)
        except OSError:
            s.close()
            raise
        self.sock = s


class Client:
    """Calls one memaudit service with one token.

    address is a Unix socket path, or http://127.0.0.1:PORT."""

    def __init__(self, address, token, timeout=DEFAULT_TIMEOUT):
        if not address:
            raise ValueError("memaudit: no service address (socket path)")
        if not token:
            raise ValueError("memaudit: no token")
        self.address = address
        self._token = token
        self.timeout = timeout

    def __repr__(self):
        # Never the token.
        return f"Client({self.address!r})"

    def _conn(self):
        if self.address.startswith("http://"):
            hostport = self.address[len("http://"):].rstrip("/")
            host, _, port = hostport.rpartition(":")
            return http.client.HTTPConnection(host, int(port), timeout=self.timeout)
        return _UnixConnection(self.address, self.timeout)

    def request(self, method, path, body=None, auth=True):
        headers = {"Accept": "application/json"}
        if auth:
            headers["Authorization"] = "Bearer " + self._token
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        conn = self._conn()
        try:
            conn.request(method, path, body=data, headers=headers)
            res = conn.getresponse()
            raw = res.read()
        except (OSError, http.client.HTTPException) as e:
            raise MemauditError("unreachable", f"memaudit service at {self.address}: {e.__class__.__name__}") from None
        finally:
            conn.close()
        try:
            doc = json.loads(raw) if raw else {}
        except ValueError:
            raise MemauditError("bad_response", f"not JSON (HTTP {res.status})", res.status) from None
        if res.status >= 400:
            err = doc.get("error", {}) if isinstance(doc, dict) else {}
            raise MemauditError(err.get("code", "http_%d" % res.status), err.get("message", ""), res.status)
        return doc

    # The service's endpoints.

    def health(self):
        return self.request("GET", "/v1/health", auth=False)

    def remember(self, segment, text, source_kind="agent", source_uri="", sender="", channel="", session="", kind="", tags=None, trust=""):
        return self.request("POST", "/v1/remember", _entry(segment, text, source_kind, source_uri, sender, channel, session, kind, tags, trust))["entry"]

    def remember_batch(self, entries):
        return self.request("POST", "/v1/remember/batch", {"entries": entries})["entries"]

    def recall(self, segment, query, limit=10, session="", with_findings=False):
        body = {"segment": segment, "query": query, "limit": limit}
        if session:
            body["session"] = session
        if with_findings:
            body["with_findings"] = True
        return self.request("POST", "/v1/recall", body)["hits"]

    def get(self, entry_id):
        return self.request("GET", "/v1/entries/" + _quote(entry_id))["entry"]

    def forget(self, entry_id, reason=""):
        path = "/v1/entries/" + _quote(entry_id)
        if reason:
            path += "?reason=" + _quote(reason)
        return self.request("DELETE", path)

    def segments(self):
        return self.request("GET", "/v1/segments")


def _entry(segment, text, source_kind="agent", source_uri="", sender="", channel="", session="", kind="", tags=None, trust=""):
    source = {"kind": source_kind}
    if source_uri:
        source["uri"] = source_uri
    if sender:
        source["sender"] = sender
    if channel:
        source["channel"] = channel
    e = {"segment": segment, "text": text, "source": source}
    if session:
        e["session"] = session
    if kind:
        e["kind"] = kind
    if tags:
        e["tags"] = list(tags)
    if trust:
        # The service accepts a trust at or below what it would give the
        # entry (never above).
        e["trust"] = trust
    return e


def _quote(s):
    from urllib.parse import quote

    return quote(str(s), safe="")
