import path from "node:path";
import { expect, test } from "@playwright/test";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { E2E_PORTS, FAKE_API_KEY } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { uniqueToken } from "../wavespeed/upstream";
import { callTool, connectAssistant, runOf, textOf } from "./assistant";

/**
 * A playground on the WaveSpeed engine (against the fake upstream, in this worker) with a daily
 * budget of five cents: one image fits, the next does not. What an assistant spends counts against
 * the same budget as the owner's own runs, and a refusal is a tool error it can read.
 */
test.describe.configure({ mode: "serial" });

let fake: FakeWavespeed;
let server: ServerProcess;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  fake = await startFakeWavespeed({ port: E2E_PORTS.mcpUpstream, apiKey: FAKE_API_KEY, defaultDurationMs: 300 });
  server = await startPlayground({
    port: E2E_PORTS.mcpBudget,
    env: {
      KONTEXT_ENGINE: "wavespeed",
      WAVESPEED_API_KEY: FAKE_API_KEY,
      WAVESPEED_BASE_URL: fake.url,
      BUDGET_USD_PER_DAY: "0.05",
      SUBMITS_PER_MINUTE: "10000",
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "mcp-budget"),
    },
  });
});
test.afterAll(async () => {
  await server?.stop("SIGKILL");
  await fake?.close();
});

test("tools that spend money say so; past the daily budget generate is a tool error naming the budget, and nothing goes upstream", async () => {
  test.setTimeout(120_000);
  const token = uniqueToken("mcp-budget");
  const assistant = await connectAssistant(server.url);
  try {
    const { tools } = await assistant.listTools();
    const described = Object.fromEntries(tools.map((tool) => [tool.name, tool.description ?? ""]));
    for (const name of ["generate", "edit", "sweep"])
      expect(described[name], name).toContain("Spends money: $0.04 per image with [pro], $0.08 per image with [max]");
    for (const name of ["get_run", "search_runs", "star", "note", "compare_link"])
      expect(described[name], name).not.toMatch(/spends money/i);

    // A sweep that costs money starts only once its total is confirmed.
    const unconfirmed = await callTool(assistant, "sweep", {
      base: { prompt: `${token} a fox` },
      x: { field: "seed", values: [1, 2] },
    });
    expect(unconfirmed.isError).toBe(true);
    expect(textOf(unconfirmed)).toMatch(/This costs \$0\.08 \(2 images\); confirm[\s\S]*field: confirmedCostUsd/);

    const first = await callTool(assistant, "generate", { prompt: `${token} a first kite` });
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(runOf(first).status).toBe("completed");

    const refused = await callTool(assistant, "generate", { prompt: `${token} one kite too many` });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("This run would pass today's budget of $0.05");
    expect(textOf(refused)).toContain("error_code: budget_exceeded (HTTP 402)");
    expect(textOf(refused)).toContain("daily budget: $0.05, left today: $0.01");
    expect(fake.requests.filter((request) => request.method === "POST").map((request) => request.prompt)).not.toContain(
      `${token} one kite too many`,
    );
    // The same refusal the served API gives.
    const served = await fetch(`${server.url}/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: `${token} over the API` }),
    });
    expect(served.status).toBe(402);
  } finally {
    await assistant.close();
  }
});
