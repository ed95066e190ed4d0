import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type CallToolResult, CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { SUBMIT_PATH } from "../../lib/contract";
import { MCP_BENCH_PORTS } from "../../testing/ports";
import { uniqueToken } from "../lib/playground-client";
import { type Playground, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, type ScenarioContext } from "../lib/scenario";
import { ms, type Summary, summarize } from "../lib/stats";

/** Measured runs per path and engine, after the warm-up ones; the two paths take turns. */
const RUNS = 40;
const WARMUP = 5;
const TASK_MS = 200;

type Timed = { ms: number; status: string };
type Engine = { name: "local engine" | "fake upstream"; playground: Playground };
type Figures = {
  engine: Engine["name"];
  served: Summary;
  mcp: Summary;
  readPlain: Summary;
  readMcp: Summary;
  previewMs: Summary;
};

const elapsed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
};

async function connect(baseUrl: string): Promise<Client> {
  const client = new Client({ name: "kontext-bench", title: "Bench", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl)));
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args }, CallToolResultSchema, { timeout: 60_000 })) as CallToolResult;

/** The same run both ways: the served contract in sync mode, and the MCP tool that waits for it. */
async function measure(ctx: ScenarioContext, { name, playground }: Engine): Promise<Figures> {
  const client = await connect(playground.url);
  ctx.onCleanup(() => client.close());
  const token = uniqueToken("mcp");
  const prompt = (i: number) => `${token} ${i} a lighthouse at dusk`;
  const served = async (i: number): Promise<Timed> => {
    const { ms: took, value } = await elapsed(async () => {
      const response = await fetch(`${playground.url}${SUBMIT_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: prompt(i), enable_sync_mode: true }),
      });
      return (await response.json()) as { data: { status: string } };
    });
    return { ms: took, status: value.data.status };
  };
  const viaMcp = async (i: number): Promise<Timed & { id: string }> => {
    const { ms: took, value } = await elapsed(() => call(client, "generate", { prompt: prompt(i) }));
    const run = value.structuredContent as { id: string; status: string };
    return { ms: took, status: run.status, id: run.id };
  };

  for (let i = 0; i < WARMUP; i++) {
    await served(-i - 1);
    await viaMcp(-i - 1);
  }
  const times = { served: [] as number[], mcp: [] as number[] };
  const ids: string[] = [];
  const check = (path: string, i: number, status: string) => {
    if (status !== "completed") throw new Error(`${path} run ${i} on the ${name} ended ${status}`);
  };
  for (let i = 0; i < RUNS; i++) {
    // Taking turns, so a busy moment of the shared machine falls on both alike.
    for (const path of i % 2 === 0 ? ["served", "mcp"] : ["mcp", "served"]) {
      if (path === "served") {
        const result = await served(i);
        check(path, i, result.status);
        times.served.push(result.ms);
      } else {
        const result = await viaMcp(i);
        check(path, i, result.status);
        times.mcp.push(result.ms);
        ids.push(result.id);
      }
    }
  }

  // Reading a finished run: the route alone, the tool without pictures, and the tool with its picture.
  const reads = { plain: [] as number[], mcp: [] as number[], pictured: [] as number[] };
  for (const id of ids) {
    reads.plain.push((await elapsed(() => fetch(`${playground.url}/api/predictions/${id}`).then((r) => r.json()))).ms);
    reads.mcp.push((await elapsed(() => call(client, "get_run", { id }))).ms);
    reads.pictured.push((await elapsed(() => call(client, "get_run", { id, include_images: true }))).ms);
  }
  const figures: Figures = {
    engine: name,
    served: summarize(times.served),
    mcp: summarize(times.mcp),
    readPlain: summarize(reads.plain),
    readMcp: summarize(reads.mcp),
    previewMs: summarize(reads.pictured.map((took, i) => took - reads.mcp[i]!)),
  };
  ctx.log(`${name}: generate p50 ${ms(figures.mcp.p50)} over MCP, ${ms(figures.served.p50)} through ${SUBMIT_PATH} (sync)`);
  return figures;
}

runScenario({ name: "mcp", title: "MCP overhead", timeLimitMs: 300_000 }, async (ctx) => {
  const fake = await startFake(ctx, MCP_BENCH_PORTS.fake, { durationMs: TASK_MS });
  const engines: Engine[] = [
    {
      name: "local engine",
      playground: await startBenchPlayground(ctx, MCP_BENCH_PORTS.local, {
        KONTEXT_ENGINE: "local",
        DATA_DIR: ctx.tempDir("mcp-local"),
      }),
    },
    {
      name: "fake upstream",
      playground: await startBenchPlayground(ctx, MCP_BENCH_PORTS.wavespeed, {
        ...wavespeedEnv(fake),
        DATA_DIR: ctx.tempDir("mcp-upstream"),
      }),
    },
  ];
  const results: Figures[] = [];
  for (const engine of engines) results.push(await measure(ctx, engine));

  const checks: Check[] = results.map((r) =>
    atMost(
      `MCP overhead p50 on the ${r.engine}: tools/call generate minus the same run through POST ${SUBMIT_PATH} (sync)`,
      r.mcp.p50 - r.served.p50,
      20,
      ms,
    ),
  );
  return {
    checks,
    tables: [
      {
        title: `One image, ${RUNS} runs each way, one after another (latency to the finished result)`,
        columns: ["engine", "path", "p50", "p95", "min", "max"],
        rows: results.flatMap((r) => [
          [
            r.engine,
            `POST ${SUBMIT_PATH}, enable_sync_mode`,
            ms(r.served.p50),
            ms(r.served.p95),
            ms(r.served.min),
            ms(r.served.max),
          ],
          [
            r.engine,
            "MCP tools/call generate (with its JPEG preview)",
            ms(r.mcp.p50),
            ms(r.mcp.p95),
            ms(r.mcp.min),
            ms(r.mcp.max),
          ],
          [r.engine, "Δ (MCP minus served)", ms(r.mcp.p50 - r.served.p50), "", "", ""],
        ]),
      },
      {
        title: "Reading a finished run: the protocol's own cost, and the preview's",
        columns: [
          "engine",
          "GET /api/predictions/{id} p50",
          "MCP get_run p50",
          "preview (get_run with include_images minus without) p50",
        ],
        rows: results.map((r) => [r.engine, ms(r.readPlain.p50), ms(r.readMcp.p50), ms(r.previewMs.p50)]),
      },
    ],
    notes: [
      `Every task on the fake upstream takes ${TASK_MS} ms; both paths wait for the same tracker, so the upstream's time and the poll schedule cancel out in Δ.`,
      "The MCP client is the official SDK's (Client over StreamableHTTPClientTransport), one session reused for every call, in the harness process.",
    ],
    figures: { results },
  };
});
