import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type CallToolResult, CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { SUBMIT_PATH } from "../../lib/contract";
import { MCP_BENCH_PORTS } from "../../testing/ports";
import { getPrediction, uniqueToken } from "../lib/playground-client";
import { type Playground, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, type ScenarioContext } from "../lib/scenario";
import { ms, type Summary, summarize } from "../lib/stats";

/** Measured runs per path and engine, after the warm-up ones; the two paths take turns. */
const RUNS = 40;
const WARMUP = 5;
const TASK_MS = 200;

type Engine = { name: "local engine" | "fake upstream"; playground: Playground };
/** A run's round trip as the client saw it, and the part of it the run itself took (created to stored). */
type Timed = { roundTripMs: number; runMs: number };
type PathFigures = { roundTrip: Summary; overhead: Summary };
type Figures = {
  engine: Engine["name"];
  served: PathFigures;
  mcp: PathFigures;
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

const pathFigures = (timed: Timed[]): PathFigures => ({
  roundTrip: summarize(timed.map((t) => t.roundTripMs)),
  overhead: summarize(timed.map((t) => t.roundTripMs - t.runMs)),
});

/**
 * The same run both ways: the served contract in sync mode, and the MCP tool that waits for it. Each
 * round trip is also taken less the run's own time (its stored createdAt to completedAt: the queue,
 * the render or the upstream, the mirror), which varies far more between runs than either path's cost.
 */
async function measure(ctx: ScenarioContext, { name, playground }: Engine): Promise<Figures> {
  const client = await connect(playground.url);
  ctx.onCleanup(() => client.close());
  const token = uniqueToken("mcp");
  const prompt = (i: number) => `${token} ${i} a lighthouse at dusk`;
  const timed = async (path: string, i: number, id: string, roundTripMs: number): Promise<Timed & { id: string }> => {
    const view = await getPrediction(playground.url, id);
    if (view.status !== "completed") throw new Error(`${path} run ${i} on the ${name} ended ${view.status}`);
    return { id, roundTripMs, runMs: Date.parse(view.completedAt!) - Date.parse(view.createdAt) };
  };
  const served = async (i: number) => {
    const { ms: took, value } = await elapsed(async () => {
      const response = await fetch(`${playground.url}${SUBMIT_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: prompt(i), enable_sync_mode: true }),
      });
      return (await response.json()) as { data: { id: string } };
    });
    return timed("served", i, value.data.id, took);
  };
  const viaMcp = async (i: number) => {
    const { ms: took, value } = await elapsed(() => call(client, "generate", { prompt: prompt(i) }));
    return timed("mcp", i, (value.structuredContent as { id: string }).id, took);
  };

  for (let i = 0; i < WARMUP; i++) {
    await served(-i - 1);
    await viaMcp(-i - 1);
  }
  const runs = { served: [] as Timed[], mcp: [] as Timed[] };
  for (let i = 0; i < RUNS; i++) {
    // Taking turns, so a busy moment of the shared machine falls on both alike.
    if (i % 2 === 0) {
      runs.served.push(await served(i));
      runs.mcp.push(await viaMcp(i));
    } else {
      runs.mcp.push(await viaMcp(i));
      runs.served.push(await served(i));
    }
  }

  // Reading a finished run: the route alone, the tool without pictures, and the tool with its picture.
  const reads = { plain: [] as number[], mcp: [] as number[], pictured: [] as number[] };
  for (const { id } of runs.mcp as Array<Timed & { id: string }>) {
    reads.plain.push((await elapsed(() => getPrediction(playground.url, id))).ms);
    reads.mcp.push((await elapsed(() => call(client, "get_run", { id }))).ms);
    reads.pictured.push((await elapsed(() => call(client, "get_run", { id, include_images: true }))).ms);
  }
  const figures: Figures = {
    engine: name,
    served: pathFigures(runs.served),
    mcp: pathFigures(runs.mcp),
    readPlain: summarize(reads.plain),
    readMcp: summarize(reads.mcp),
    previewMs: summarize(reads.pictured.map((took, i) => took - reads.mcp[i]!)),
  };
  ctx.log(
    `${name}: overhead p50 ${ms(figures.mcp.overhead.p50)} over MCP, ${ms(figures.served.overhead.p50)} through ${SUBMIT_PATH} (sync)`,
  );
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
      `MCP overhead p50 on the ${r.engine}: tools/call generate minus the same run through POST ${SUBMIT_PATH} (sync), each less the run's own time`,
      r.mcp.overhead.p50 - r.served.overhead.p50,
      20,
      ms,
    ),
  );
  const row = (r: Figures, path: string, f: PathFigures) => [
    r.engine,
    path,
    ms(f.roundTrip.p50),
    ms(f.roundTrip.p95),
    ms(f.overhead.p50),
    ms(f.overhead.p95),
  ];
  return {
    checks,
    tables: [
      {
        title: `One image, ${RUNS} runs each way, one after another`,
        columns: ["engine", "path", "round trip p50", "round trip p95", "less the run's own time p50", "p95"],
        rows: results.flatMap((r) => [
          row(r, `POST ${SUBMIT_PATH}, enable_sync_mode`, r.served),
          row(r, "MCP tools/call generate (with its JPEG preview)", r.mcp),
          [
            r.engine,
            "Δ (MCP minus served)",
            ms(r.mcp.roundTrip.p50 - r.served.roundTrip.p50),
            "",
            ms(r.mcp.overhead.p50 - r.served.overhead.p50),
            "",
          ],
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
      `Every task on the fake upstream takes ${TASK_MS} ms; the local engine renders a 1024 × 1024 picture.`,
      "The MCP client is the official SDK's (Client over StreamableHTTPClientTransport), one session reused for every call, in the harness process.",
    ],
    figures: { results },
  };
});
