import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import fc from "fast-check";
import { errorEnvelopeSchema } from "@/lib/contract";
import { hostileBodies } from "@/testing/fuzz/hostile-bodies";
import { type JsonRoute, jsonRoutes, overridesFor } from "@/testing/fuzz/json-routes";
import { nearValidFrom } from "@/testing/fuzz/schema-arbitrary";
import { type RawResponse, rawRequest } from "@/testing/http-client";
import { solid } from "@/testing/images";
import { E2E_ACCESS_TOKEN, E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

/**
 * Property-based requests to every JSON route of a playground of its own: bodies the schemas
 * accept, bodies with one field broken, and hostile ones. Whatever comes in, the answer is never a
 * 5xx, always JSON (the error envelope on a refusal), and a refusal stores nothing. FUZZ_RUNS sets
 * how many bodies of each kind each route gets (`npm run fuzz` sends many more than `npm test`).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const OWNER = { authorization: `Bearer ${E2E_ACCESS_TOKEN}` };

test.describe.configure({ mode: "serial" });
let server: ServerProcess;
let dataDir: string;
let db: Database.Database;
let routes: JsonRoute[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = path.join(process.env.E2E_DATA_ROOT!, `fuzz-${Date.now()}`);
  server = await startPlayground({
    port: E2E_PORTS.fuzz,
    env: {
      KONTEXT_ENGINE: "local",
      ACCESS_TOKEN: E2E_ACCESS_TOKEN,
      DATA_DIR: dataDir,
      // Valid bodies start real runs: small grids and a short queue keep the server light.
      SWEEP_MAX_CELLS: "4",
      MAX_QUEUED: "12",
      SUBMITS_PER_MINUTE: "100000",
    },
  });
  const post = async (route: string, body: unknown) =>
    JSON.parse((await send("POST", route, JSON.stringify(body), true)).body) as { id: string };
  const prediction = await post("/api/predictions", { prompt: "a lighthouse" });
  const sweep = await post("/api/sweeps", { base: { prompt: "a mill" }, x: { field: "seed", values: [1, 2] } });
  const pictures = await Promise.all(
    [
      [8, 8, "#336699"],
      [24, 16, "#993366"],
    ].map(
      async ([width, height, colour]) =>
        `data:image/png;base64,${(await solid(Number(width), Number(height), String(colour)).png().toBuffer()).toString("base64")}`,
    ),
  );
  routes = jsonRoutes({ prediction: prediction.id, sweep: sweep.id }, overridesFor(pictures, E2E_ACCESS_TOKEN));
  db = new Database(path.join(dataDir, "playground.sqlite"), { readonly: true, fileMustExist: true });
});

test.afterAll(async () => {
  db?.close();
  await server?.stop();
});

const send = (method: string, route: string, body: string, owner: boolean): Promise<RawResponse> =>
  rawRequest(`${server.url}${route}`, {
    method,
    headers: { "content-type": "application/json", ...(owner ? OWNER : {}) },
    body,
  });

/** Rows a request may add (outputs and mirrored files come later, as runs finish), and input pictures on disk. */
function stored(): Record<string, number> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('prediction_outputs', 'upstream_images', 'image_totals')",
    )
    .all() as Array<{ name: string }>;
  const counts = Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
  );
  const inputs = path.join(dataDir, "inputs");
  return { ...counts, inputFiles: fs.existsSync(inputs) ? fs.readdirSync(inputs, { recursive: true }).length : 0 };
}

/** A body as a failure message shows it: whole, or its start and its length. */
const shown = (body: string) => (body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body);

/** One request, and what every answer must be. */
async function check(route: JsonRoute, body: string): Promise<void> {
  const before = stored();
  const answer = await send(route.method, route.path, body, route.owner);
  const what = `${route.name} with ${shown(body)}`;
  expect(answer.status, `${what}\n→ ${answer.body.slice(0, 500)}`).toBeLessThan(500);
  expect(answer.headers["content-type"], what).toMatch(/^application\/json/);
  const json: unknown = JSON.parse(answer.body);
  if (answer.status < 400) return;
  expect(errorEnvelopeSchema.safeParse(json).success, `${what}\n→ ${answer.body}`).toBe(true);
  const after = stored();
  for (const [name, count] of Object.entries(after))
    expect(count, `${what} stored in ${name}`).toBeLessThanOrEqual(before[name] ?? 0);
}

const property = (route: JsonRoute, bodies: fc.Arbitrary<string>) =>
  fc.assert(
    fc.asyncProperty(bodies, (body) => check(route, body)),
    // The first failure is reported with its seed and body; shrinking huge bodies would take long.
    { numRuns: RUNS, endOnFailure: true },
  );

test("valid bodies: never a 5xx, always JSON, and a refusal (a limit, the queue) stores nothing", async () => {
  test.setTimeout(60_000 + RUNS * 6_000);
  for (const route of routes)
    await property(
      route,
      route.valid.map((body) => JSON.stringify(body)),
    );
});

test("near-valid bodies, one field broken: a 4xx envelope, nothing stored", async () => {
  test.setTimeout(60_000 + RUNS * 6_000);
  for (const route of routes)
    await property(
      route,
      nearValidFrom(route.schema, route.valid).map((body) => JSON.stringify(body)),
    );
});

test("hostile bodies (huge, nested, control characters, odd unicode, wrong types, not JSON): a 4xx envelope, nothing stored", async () => {
  test.setTimeout(60_000 + RUNS * 6_000);
  const webhook: JsonRoute = {
    ...routes[0],
    name: "POST /api/webhooks/wavespeed",
    path: "/api/webhooks/wavespeed",
    owner: false,
  };
  for (const route of [...routes, webhook]) await property(route, hostileBodies);
});

test("hostile bodies to the MCP endpoint: a 4xx in JSON, no session, nothing stored", async () => {
  test.setTimeout(60_000 + RUNS * 6_000);
  await fc.assert(
    fc.asyncProperty(hostileBodies, async (body) => {
      const before = stored();
      const answer = await rawRequest(`${server.url}/api/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...OWNER },
        body,
      });
      expect(answer.status, `${shown(body)}\n→ ${answer.body.slice(0, 500)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${shown(body)}\n→ ${answer.body.slice(0, 500)}`).toBeLessThan(500);
      expect(answer.headers["content-type"], shown(body)).toMatch(/^application\/json/);
      expect(answer.headers["mcp-session-id"], shown(body)).toBeUndefined();
      expect(stored(), shown(body)).toEqual(before);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
});
