import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { predictionViewSchema } from "@/lib/playground-api";
import { uniqueToken } from "../wavespeed/upstream";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const INSPECTOR = path.join(ROOT, "node_modules/@modelcontextprotocol/inspector");
const { engines, bin } = JSON.parse(fs.readFileSync(path.join(INSPECTOR, "package.json"), "utf8")) as {
  engines?: { node: string };
  bin: { "mcp-inspector": string };
};

/**
 * The MCP Inspector's CLI mode (the devDependency `@modelcontextprotocol/inspector`, pinned at 0.15.0,
 * its last release that runs on the Node 20 this project supports) as a second, independent client,
 * run by the same Node as the suite.
 */
async function inspector(baseURL: string, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    [path.join(INSPECTOR, bin["mcp-inspector"]), "--cli", `${baseURL}/api/mcp`, "--transport", "http", ...args],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

test("the MCP Inspector's CLI lists the tools and calls generate", async ({ baseURL, request }) => {
  test.setTimeout(240_000);
  expect(engines).toBeUndefined();
  const listed = (await inspector(baseURL!, "--method", "tools/list")) as { tools: Array<{ name: string }> };
  expect(listed.tools.map((tool) => tool.name)).toEqual(
    expect.arrayContaining(["generate", "edit", "sweep", "get_run", "search_runs", "star", "note", "compare_link"]),
  );

  const prompt = `${uniqueToken("mcp-inspector")} a kite over the dunes`;
  const called = (await inspector(
    baseURL!,
    "--method",
    "tools/call",
    "--tool-name",
    "generate",
    "--tool-arg",
    `prompt=${prompt}`,
    "--tool-arg",
    "num_images=1",
  )) as {
    content: Array<{ type: string; mimeType?: string }>;
    structuredContent: { id: string; status: string; prompt: string };
  };
  expect(called.structuredContent).toMatchObject({ status: "completed", prompt });
  expect(called.content.map((part) => part.mimeType ?? part.type)).toEqual(["text", "image/jpeg"]);

  const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${called.structuredContent.id}`)).json());
  expect(view.source?.kind).toBe("mcp");
  expect(view.source?.client).toBeTruthy();
});
