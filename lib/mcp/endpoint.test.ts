import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type CallToolResult, CallToolResultSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import fc from "fast-check";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { CALLER_HEADER } from "@/lib/access/caller";
import { perMinuteInMemory } from "@/lib/access/limiter";
import { hostileBodies } from "@/testing/fuzz/hostile-bodies";
import { type JsonSchema, nearValidFrom, validFrom } from "@/testing/fuzz/schema-arbitrary";
import { createTestPredictions, pngOf } from "@/testing/harness";
import { completed, ScriptedEngine } from "@/testing/scripted-engine";
import { McpEndpoint } from "./endpoint";

/**
 * The endpoint with the official SDK's client, in process: the client's requests go straight to
 * `handle`, named as the proxy names callers. The engine answers at once with a small PNG.
 */
const BASE = "http://playground.test";
const opened: Array<{ endpoint: McpEndpoint; made: ReturnType<typeof createTestPredictions>; clients: Client[] }> = [];
afterEach(async () => {
  for (const { endpoint, made, clients } of opened.splice(0)) {
    for (const client of clients) await client.close().catch(() => undefined);
    await endpoint.closeAll();
    made.tracker.stop();
  }
});

async function setup({ maxSessions = 8, perMinute = 1000, maxQueued = 1000 } = {}) {
  const png = await pngOf(8, 6);
  const engine = new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]);
  const made = createTestPredictions(engine, { limits: { submits: perMinuteInMemory(perMinute), maxQueued } });
  const endpoint = new McpEndpoint({
    predictions: made.service,
    sweeps: made.sweeps,
    baseUrlOf: () => BASE,
    config: { waitMs: 10_000, maxSessions, idleMs: 60 * 60_000, maxBodyBytes: 1024 * 1024 },
  });
  const clients: Client[] = [];
  opened.push({ endpoint, made, clients });
  const connect = async ({
    caller = "token",
    title = "Unit assistant",
    sessionId,
  }: {
    caller?: string;
    title?: string;
    sessionId?: string;
  } = {}) => {
    const client = new Client({ name: "unit", title, version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", BASE), {
      sessionId,
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        headers.set(CALLER_HEADER, caller);
        return endpoint.handle(new Request(url, { ...init, headers }));
      },
    });
    await client.connect(transport);
    clients.push(client);
    return { client, sessionId: transport.sessionId! };
  };
  return { made, engine, endpoint, connect };
}

const generate = async (client: Client, prompt: string) =>
  (await client.callTool({ name: "generate", arguments: { prompt } }, CallToolResultSchema)) as CallToolResult;
const textOf = (result: CallToolResult) => result.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");

describe("McpEndpoint", () => {
  it("marks each run with the client's name, and answers a finished one with a JPEG of it", async () => {
    const { made, connect } = await setup();
    const { client } = await connect({ title: "Claude Desktop" });
    const answer = await generate(client, "a kite over dunes");
    expect(answer.isError).toBeFalsy();
    const { id, status } = answer.structuredContent as { id: string; status: string };
    expect(status).toBe("completed");
    expect((await made.service.get(id)).source).toEqual({ kind: "mcp", client: "Claude Desktop" });
    const [picture] = answer.content.filter((part) => part.type === "image");
    expect(picture?.mimeType).toBe("image/jpeg");
    const preview = await sharp(Buffer.from(String(picture?.type === "image" && picture.data), "base64")).metadata();
    expect([preview.format, preview.width, preview.height]).toEqual(["jpeg", 8, 6]);
    expect(textOf(answer)).toContain(`${BASE}/p/${id}`);
  });

  it("keeps a session to the caller that opened it, and lets the least recently used go past maxSessions", async () => {
    const { endpoint, connect } = await setup({ maxSessions: 2 });
    const first = await connect();
    const second = await connect();
    await first.client.listTools();
    const third = await connect();
    expect(endpoint.openSessions).toBe(2);
    // The second was used least recently: its client is told to start again.
    await expect(second.client.listTools()).rejects.toThrow(/404|Session not found/);
    expect((await first.client.listTools()).tools.length).toBeGreaterThan(0);
    expect((await third.client.listTools()).tools.length).toBeGreaterThan(0);
    // Another caller holding the first session's id finds nothing there.
    const borrowed = await connect({ caller: "address:198.51.100.7", sessionId: first.sessionId });
    await expect(borrowed.client.listTools()).rejects.toThrow(/404|Session not found/);
    expect((await first.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it("turns the submit limits into tool errors that say when to come back; nothing is stored", async () => {
    const { made, engine, connect } = await setup({ perMinute: 1 });
    const { client } = await connect();
    expect((await generate(client, "the one allowed")).isError).toBeFalsy();
    const refused = await generate(client, "one too many");
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /Too many submits in a minute[\s\S]*error_code: rate_limited \(HTTP 429\)[\s\S]*retry after: \d+ s/,
    );
    expect(engine.submits.map((input) => input.prompt)).toEqual(["the one allowed"]);
    expect((await made.service.history({ limit: 10 })).items).toHaveLength(1);
  });

  it("refuses a full queue the same way", async () => {
    const { connect } = await setup({ maxQueued: 0 });
    const { client } = await connect();
    const refused = await generate(client, "no room");
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/The queue is full[\s\S]*error_code: queue_full \(HTTP 429\)/);
  });
});

/** Bodies and calls per property; `FUZZ_RUNS` sends more, as `npm run fuzz` does for the routes. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Values a tool's field may be sent: any JSON, odd text, and the shapes the guards are for. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom("", "x".repeat(5_000), -1, 1e308, "../../etc/passwd", "http://127.0.0.1/", "data:image/png;base64,AAAA"),
);

describe("McpEndpoint, sent what no client should send", () => {
  it("answers a hostile body without a session with a 4xx, and opens and stores nothing", async () => {
    const { made, endpoint } = await setup();
    await fc.assert(
      fc.asyncProperty(hostileBodies, async (body) => {
        const answer = await endpoint.handle(
          new Request(`${BASE}/api/mcp`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              accept: "application/json, text/event-stream",
              [CALLER_HEADER]: "token",
            },
            body,
          }),
        );
        await answer.text();
        expect(answer.status, body.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(answer.status, body.slice(0, 200)).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(endpoint.openSessions).toBe(0);
    expect((await made.service.history({ limit: 10 })).items).toHaveLength(0);
  });

  it("answers any arguments to any tool with a result or an error naming the problem; a refused call stores nothing", async () => {
    const { made, connect } = await setup();
    const { client } = await connect();
    const { tools } = await client.listTools();
    // Per tool: arguments its schema accepts, the same with one field broken, and any values under its field names.
    const calls = fc.constantFrom(...tools).chain((tool) => {
      const schema = tool.inputSchema as JsonSchema;
      const valid = validFrom(schema);
      const fields = [...Object.keys(schema.properties ?? {}), "unknown_field"];
      return fc.record({
        name: fc.constant(tool.name),
        arguments: fc.oneof(
          valid,
          nearValidFrom(schema, valid),
          fc.dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: fields.length }),
        ) as fc.Arbitrary<Record<string, unknown>>,
      });
    });
    const stored = async () => (await made.service.history({ limit: 1_000 })).items.length;
    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        const before = await stored();
        const answer: CallToolResult | Error = await client.callTool(call, CallToolResultSchema).then(
          (result) => result as CallToolResult,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
        const what = JSON.stringify(call).slice(0, 300);
        // A JSON-RPC error (arguments the schema refuses) or a tool's own error, never a failed transport.
        if (answer instanceof Error) expect(answer, what).toBeInstanceOf(McpError);
        else if (!answer.isError) return;
        else expect(textOf(answer).length, what).toBeGreaterThan(0);
        expect(await stored(), `${what} stored a run`).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
