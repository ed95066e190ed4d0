import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema } from "@/lib/contract";
import { predictionViewSchema } from "@/lib/playground-api";
import { rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { callTool, connectAssistant, runOf, textOf } from "../mcp/assistant";
import { uniqueToken } from "../wavespeed/upstream";
import { ACCESS_URL, JSON_TYPE, OWNER } from "./api-client";

/**
 * `/api/mcp` on a playground with ACCESS_TOKEN passes the same gate as every owner route: the
 * Bearer token, the per-address limit on wrong ones, the same-site rule. Wrong tokens leave from
 * loopback addresses of their own (127.0.0.80–82), apart from the other specs' tries.
 */
const MCP_URL = `${ACCESS_URL}/api/mcp`;
const STREAMABLE = { ...JSON_TYPE, accept: "application/json, text/event-stream" };
const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw-e2e", version: "1.0.0" } },
});
const send = (headers: Record<string, string>, from?: string) =>
  rawRequest(MCP_URL, { method: "POST", headers: { ...STREAMABLE, ...headers }, body: initialize, from });

test("without the token an assistant is refused (401, Bearer challenge); with it, it makes runs marked with its name", async () => {
  await expect(connectAssistant(ACCESS_URL)).rejects.toThrow(/401|Unauthorized/i);
  const refused = await send({});
  expect(refused.status).toBe(401);
  expect(refused.headers["www-authenticate"]).toMatch(/^Bearer/);
  expect(errorEnvelopeSchema.parse(JSON.parse(refused.body))).toMatchObject({ code: 401, error_code: "unauthorized" });

  const title = `Owner's assistant ${uniqueToken("mcp-access")}`;
  const assistant = await connectAssistant(ACCESS_URL, { title, headers: OWNER });
  try {
    const answer = await callTool(assistant, "generate", { prompt: `${title} a gate in the fog` });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    const { id } = runOf(answer);
    const view = predictionViewSchema.parse(
      JSON.parse((await rawRequest(`${ACCESS_URL}/api/predictions/${id}`, { headers: OWNER })).body),
    );
    expect(view.source).toEqual({ kind: "mcp", client: title });
  } finally {
    await assistant.close();
  }
});

test("wrong tokens at /api/mcp count against the per-address limit; past it even the right one waits", async () => {
  const from = "127.0.0.80";
  for (let i = 0; i < 10; i++) {
    const wrong = await send({ authorization: `Bearer wrong-mcp-token-${i}` }, from);
    expect(wrong.status).toBe(401);
  }
  const limited = await send(OWNER, from);
  expect(limited.status).toBe(429);
  expect(JSON.parse(limited.body)).toMatchObject({ code: 429, error_code: "rate_limited" });
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  // Another address is not held back: the session opens.
  const elsewhere = await send(OWNER, "127.0.0.81");
  expect(elsewhere.status, elsewhere.body).toBe(200);
  expect(elsewhere.headers["mcp-session-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("another site's page cannot reach it, and a session belongs to the one who opened it", async () => {
  const crossSite = await send({ ...OWNER, origin: "https://elsewhere.example" }, "127.0.0.82");
  expect(crossSite.status).toBe(403);
  expect(JSON.parse(crossSite.body)).toMatchObject({ error_code: "forbidden" });

  const opened = await send(OWNER, "127.0.0.82");
  expect(opened.status).toBe(200);
  const session = String(opened.headers["mcp-session-id"]);
  const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });
  const headers = { ...STREAMABLE, ...OWNER, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18" };
  const listed = await rawRequest(MCP_URL, { method: "POST", headers, body: list });
  expect(listed.status).toBe(200);
  expect(listed.body).toContain('"name":"generate"');
  // Without the token the gate stops it before the session is looked at.
  const { authorization: _token, ...guest } = headers;
  expect((await rawRequest(MCP_URL, { method: "POST", headers: guest, body: list })).status).toBe(401);
  // The owner signed in with a browser session is another caller: this session is not theirs to use.
  const signedIn = await rawRequest(`${ACCESS_URL}/api/session`, {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify({ token: E2E_ACCESS_TOKEN }),
  });
  const cookie = String(signedIn.headers["set-cookie"]?.[0]).split(";")[0]!;
  const asSession = { ...guest, cookie, origin: ACCESS_URL };
  const foreign = await rawRequest(MCP_URL, { method: "POST", headers: asSession, body: list });
  expect(foreign.status).toBe(404);
  expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: -32001, message: "Session not found" } });
  // Ended by its owner, the session is gone.
  expect((await rawRequest(MCP_URL, { method: "DELETE", headers: { ...OWNER, "mcp-session-id": session } })).status).toBe(200);
  expect((await rawRequest(MCP_URL, { method: "POST", headers, body: list })).status).toBe(404);
});
