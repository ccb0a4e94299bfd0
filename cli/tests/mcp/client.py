"""Drive `goseam mcp` with the official MCP Python SDK, then with raw bytes.

Usage: python3 client.py GOSEAM_BINARY FIXTURE_ROOT

The first part is what an agent's client does: initialize, list the tools,
call them and check the answers against the facts FIXTURE.md derives by
hand. The second part writes malformed messages on the server's stdin and
checks that each gets an error response while the server keeps serving.
Exits 0 when every check passes; prints each failure and exits 1 otherwise.
"""

import asyncio
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading

try:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.shared.exceptions import McpError
except ImportError as e:  # no silent skip: the acceptance test needs the SDK
    print(f"FAIL: the MCP Python SDK is not importable ({e}); run `pip install mcp==1.22.0`")
    sys.exit(2)

GOSEAM, FIXTURE = sys.argv[1], os.path.abspath(sys.argv[2])
FAILURES = []

TOOLS = {
    "list_analyzers", "scan_summary", "find_callsites", "sql_sites", "table_ownership",
    "write_paths", "callers", "callees", "package_deps", "plan_call_migration",
    "plan_schema_change", "check_invariant",
}

# FIXTURE.md: call sites of platformdb.WithTx, production and tests.
WITH_TX = "github.com/acme/monolith/internal/platform/db.WithTx"
WITH_TX_SITES = {
    "internal/accounts/store.go:73", "internal/accounts/store.go:96",
    "internal/billing/store/invoices.go:22", "internal/billing/store/invoices.go:129",
    "internal/vault/capture.go:38", "internal/admin/store/actions.go:48",
    "internal/accounts/service_test.go:40", "internal/accounts/service_test.go:53",
    "internal/accounts/store_test.go:33", "internal/billing/store/ledger_test.go:40",
    "internal/billing/store/ledger_integration_test.go:50", "internal/vault/vault_test.go:20",
    "internal/admin/admin_test.go:27", "internal/platform/db/tx_test.go:17",
}


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}")


def text_of(result):
    return " ".join(getattr(c, "text", "") for c in result.content)


async def sdk_session():
    params = StdioServerParameters(command=GOSEAM, args=["mcp", "--root", FIXTURE])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            check(init.serverInfo.name == "goseam", f"server name: {init.serverInfo.name}")
            check(init.capabilities.tools is not None, "tools capability")

            listed = await session.list_tools()
            names = {t.name for t in listed.tools}
            check(names == TOOLS, f"tools: missing {TOOLS - names}, extra {names - TOOLS}")
            for t in listed.tools:
                schema = t.inputSchema
                check(isinstance(schema, dict) and schema.get("type") == "object",
                      f"{t.name}: input schema is not an object schema: {schema}")
                a = t.annotations
                check(a is not None and a.readOnlyHint is True and a.destructiveHint is False
                      and a.idempotentHint is True and a.openWorldHint is False,
                      f"{t.name}: annotations {a}")
            fc = next(t for t in listed.tools if t.name == "find_callsites")
            check("targets" in fc.inputSchema.get("properties", {}), "find_callsites schema has targets")
            check("targets" in fc.inputSchema.get("required", []), "find_callsites requires targets")

            # find_callsites: the 14 call sites of WithTx, paginated.
            r = await session.call_tool("find_callsites", {"targets": ["db.WithTx"], "limit": 1000})
            check(not r.isError, f"find_callsites failed: {text_of(r)}")
            sc = r.structuredContent or {}
            check(sc.get("targets") == [WITH_TX], f"find_callsites targets: {sc.get('targets')}")
            got = {f"{s['file']}:{s['line']}" for s in sc.get("sites", []) if s.get("kind") == "call"}
            check(got == WITH_TX_SITES,
                  f"WithTx sites: missing {WITH_TX_SITES - got}, extra {got - WITH_TX_SITES}")
            check(sc.get("total") == len(sc.get("sites", [])) and sc.get("next_cursor") is None,
                  f"single page: total {sc.get('total')}, next_cursor {sc.get('next_cursor')}")
            check(bool(text_of(r)), "find_callsites has a text summary")
            pages, cursor = [], None
            while True:
                args = {"targets": ["db.WithTx"], "limit": 4}
                if cursor is not None:
                    args["cursor"] = cursor
                p = await session.call_tool("find_callsites", args)
                psc = p.structuredContent or {}
                check(not p.isError and psc.get("total") == sc.get("total"),
                      f"page at {cursor}: {text_of(p)}")
                pages.extend(psc.get("sites", []))
                cursor = psc.get("next_cursor")
                if cursor is None or p.isError:
                    break
            check(pages == sc.get("sites"), "pages of 4 concatenate to the whole list")

            # A file filter inside the root.
            r = await session.call_tool("find_callsites",
                                        {"targets": ["db.WithTx"], "path": "internal/vault"})
            files = {s["file"] for s in (r.structuredContent or {}).get("sites", [])}
            check(not r.isError and files == {"internal/vault/capture.go", "internal/vault/vault_test.go"},
                  f"path filter internal/vault: {files} {text_of(r)}")

            # table_ownership: ledger_entries shared by billing and vault;
            # notification_log written by notifications' email and sms.
            r = await session.call_tool("table_ownership", {"table": "ledger_entries"})
            check(not r.isError, f"table_ownership failed: {text_of(r)}")
            tables = (r.structuredContent or {}).get("tables", [])
            check(len(tables) == 1, f"one table: {len(tables)}")
            if tables:
                t = tables[0]
                check(t.get("status") == "shared", f"ledger_entries status {t.get('status')}")
                check(t.get("writing_domains") == ["billing", "vault"],
                      f"ledger_entries writers {t.get('writing_domains')}")
            r = await session.call_tool("table_ownership", {"include_tests": False})
            all_tables = {t["name"]: t for t in (r.structuredContent or {}).get("tables", [])}
            nl = all_tables.get("notification_log", {})
            writes = {f"{w['file']}:{w['line']}" for w in nl.get("writes", [])}
            check(writes == {"internal/notifications/email/email.go:72",
                             "internal/notifications/sms/sms.go:86"},
                  f"notification_log writes: {writes}")
            check(nl.get("writing_domains") == ["notifications"],
                  f"notification_log writers {nl.get('writing_domains')}")
            shared = sorted(n for n, t in all_tables.items() if t.get("status") == "shared")
            check(shared == ["ledger_entries"], f"shared tables: {shared}")

            # Determinism: the same call twice gives the same answer.
            again = await session.call_tool("table_ownership", {"include_tests": False})
            check(json.dumps(again.structuredContent, sort_keys=False)
                  == json.dumps(r.structuredContent, sort_keys=False), "table_ownership is deterministic")

            # Confinement: paths and roots outside the root are refused.
            for label, args in [
                ("path ../../etc", {"targets": ["db.WithTx"], "path": "../../etc"}),
                ("path /etc", {"targets": ["db.WithTx"], "path": "/etc"}),
                ("root ../../etc", {"targets": ["db.WithTx"], "root": "../../etc"}),
                ("root /etc", {"targets": ["db.WithTx"], "root": "/etc"}),
            ]:
                r = await session.call_tool("find_callsites", args)
                check(r.isError is True, f"{label} was not refused: {text_of(r)}")
                check(not (r.structuredContent or {}).get("sites"), f"{label} returned sites")
            r = await session.call_tool("check_invariant", {"invariant": {
                "kind": "no_new_writers", "table": "ledger_entries", "baseline": "../../etc/passwd"}})
            check(r.isError is True, f"baseline ../../etc/passwd was not refused: {text_of(r)}")

            # Bad arguments are tool errors, an unknown tool a protocol error.
            r = await session.call_tool("find_callsites", {"targets": 5})
            check(r.isError is True, f"targets: 5 was accepted: {text_of(r)}")
            r = await session.call_tool("table_ownership", {"tabel": "x"})
            check(r.isError is True, f"an unknown argument was accepted: {text_of(r)}")
            try:
                await session.call_tool("no_such_tool", {})
                check(False, "an unknown tool did not raise")
            except McpError:
                pass

            # The other tools answer on the fixture.
            for name, args in [
                ("list_analyzers", {}),
                ("scan_summary", {}),
                ("sql_sites", {"path": "internal/notifications"}),
                ("write_paths", {"table": "notification_log"}),
                ("callers", {"target": "db.WithTx"}),
                ("callees", {"target": "db.WithTx"}),
                ("package_deps", {"level": "domain"}),
                ("plan_call_migration", {"from": "db.WithTx"}),
                ("plan_schema_change", {"table": "ledger_entries",
                                        "change": {"kind": "add_column", "column": "currency"}}),
                ("check_invariant", {"invariant": {"kind": "only_writer", "table": "ledger_entries",
                                                   "domain": "billing"}}),
            ]:
                r = await session.call_tool(name, args)
                check(not r.isError and isinstance(r.structuredContent, dict)
                      and "total" in r.structuredContent,
                      f"{name}({args}): {text_of(r)}")
                if name == "check_invariant":
                    check(r.structuredContent.get("verdict") == "violated",
                          f"only_writer billing on ledger_entries: {r.structuredContent.get('verdict')}")


class Raw:
    """The server on pipes, one JSON-RPC message per line."""

    def __init__(self, root=FIXTURE):
        self.proc = subprocess.Popen([GOSEAM, "mcp", "--root", root], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def request(self, id, method, params):
        self.send(json.dumps({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).encode() + b"\n")

    def initialize(self):
        self.request(1, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "raw", "version": "0"}})
        _, init = self.response()
        self.send(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
        return init

    def call(self, id, name, arguments):
        self.request(id, "tools/call", {"name": name, "arguments": arguments})
        _, r = self.response()
        check(r.get("id") == id and "result" in r, f"{name} {arguments}: {r}")
        return r.get("result", {})

    def close(self):
        self.proc.stdin.close()
        try:
            code = self.proc.wait(timeout=60)
            check(code == 0, f"the server exited {code} at the end of stdin")
        except subprocess.TimeoutExpired:
            self.proc.kill()
            check(False, "the server did not exit at the end of stdin")

    def response(self, timeout=120):
        line = self.lines.get(timeout=timeout)
        if line is None:
            raise RuntimeError(f"the server closed stdout (exit {self.proc.poll()})")
        return line, json.loads(line)


def raw_session():
    s = Raw()
    try:
        init = s.initialize()
        check(init.get("id") == 1 and "result" in init, f"raw initialize: {init}")

        s.send(b"this is not json\n")
        _, r = s.response()
        check(r.get("error", {}).get("code") == -32700 and r.get("id") is None,
              f"invalid JSON: {r}")

        s.send(b'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":"oops"}\n')
        _, r = s.response()
        check(r.get("id") == 2 and "error" in r, f"params of the wrong type: {r}")

        s.send(b'{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_analyzers","arguments":[1]}}\n')
        _, r = s.response()
        check(r.get("id") == 3 and "error" in r, f"arguments of the wrong type: {r}")

        s.send(b"\xff\xfe garbage \x00\n")
        _, r = s.response()
        check(r.get("error", {}).get("code") == -32700, f"binary garbage: {r}")

        # Still up: a valid call works, and twice gives the same bytes.
        args = {"name": "table_ownership", "arguments": {"table": "notification_log"}}
        s.request(4, "tools/call", args)
        line4, r4 = s.response()
        check(r4.get("id") == 4 and "result" in r4 and not r4["result"].get("isError"),
              f"valid call after malformed ones: {r4}")
        s.request(5, "tools/call", args)
        line5, r5 = s.response()
        check(line4.replace(b'"id":4', b"") == line5.replace(b'"id":5', b""),
              "the same call gives byte-identical results")
    finally:
        s.close()


ADJUST_GO = """package vault

import (
\t"context"
\t"database/sql"
)

// Adjust books a manual correction.
func Adjust(ctx context.Context, db *sql.DB, account int64, cents int64) error {
\t_, err := db.ExecContext(ctx, `INSERT INTO ledger_entries (account_id, amount_cents, description, created_at) VALUES ($1, $2, 'adjustment', now())`, account, cents)
\treturn err
}
"""


def changing_tree():
    """A copy of the fixture that changes while the server runs: the index
    is rebuilt, and a symbolic link out of the root is refused."""
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "monolith")
        shutil.copytree(FIXTURE, root, symlinks=True)
        s = Raw(root)
        try:
            s.initialize()
            args = {"table": "ledger_entries", "include_tests": False}
            before = s.call(2, "table_ownership", args)["structuredContent"]["tables"][0]["writes"]
            with open(os.path.join(root, "internal/vault/adjust.go"), "w") as f:
                f.write(ADJUST_GO)
            after = s.call(3, "table_ownership", args)["structuredContent"]["tables"][0]["writes"]
            added = [w for w in after if w not in before]
            check(len(after) == len(before) + 1 and [w["file"] for w in added] == ["internal/vault/adjust.go"],
                  f"the index was not refreshed after a file was added: {added}")

            os.symlink("/etc", os.path.join(root, "escape"))
            r = s.call(4, "find_callsites", {"targets": ["db.WithTx"], "path": "escape"})
            check(r.get("isError") is True and "symbolic link" in json.dumps(r),
                  f"a symbolic link out of the root was followed: {r}")
            r = s.call(5, "find_callsites", {"targets": ["db.WithTx"], "path": "internal/vault"})
            check(not r.get("isError") and r["structuredContent"]["total"] == 2,
                  f"after the link, the tree still answers: {r}")
        finally:
            s.close()


def main():
    asyncio.run(sdk_session())
    raw_session()
    changing_tree()
    if FAILURES:
        print(f"{len(FAILURES)} checks failed")
        sys.exit(1)
    print("all MCP checks passed")


if __name__ == "__main__":
    main()
