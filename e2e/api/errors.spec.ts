import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import { E2E_PORTS } from "@/testing/ports";
import { abortUpload } from "@/testing/raw-http";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

/** Every answer under /api is JSON: unknown paths, wrong methods, undecodable paths and bodies. */

async function expectEnvelope(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = errorEnvelopeSchema.parse(await response.json());
  expect(body).toMatchObject({ code: status, data: null });
  return body;
}

/** Requests that change state are sent as JSON, as the proxy's CSRF check wants them. */
const jsonType = (method: string): Record<string, string> =>
  method === "GET" || method === "HEAD" ? {} : { "content-type": "application/json" };

/** Each route file, as a URL that reaches it (dynamic segments filled in). */
function apiRoutes(): string[] {
  const root = path.resolve("app/api");
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith("route.ts") && !file.includes("[..."))
    .map((file) => `/api/${path.dirname(file)}`.replace("[id]", "0".repeat(32)).replace("[file]", "0.jpg"));
}

test.describe("JSON everywhere under /api", () => {
  test("an unknown path is a 404 envelope, whatever the method", async ({ baseURL }) => {
    for (const [method, pathname] of [
      ["GET", "/api/nope"],
      ["POST", "/api/predictions/x/y/z"],
      ["DELETE", "/api/v2/anything"],
    ]) {
      const body = await expectEnvelope(await fetch(`${baseURL}${pathname}`, { method, headers: jsonType(method) }), 404);
      expect(body.message).toContain(pathname);
    }
  });

  test("every route answers a method it does not serve with a 405 envelope and Allow", async ({ baseURL }) => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const route of routes) {
      const options = await fetch(`${baseURL}${route}`, { method: "OPTIONS" });
      const allow = options.headers.get("allow") ?? "";
      expect(allow, route).toMatch(/OPTIONS/);
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !allow.includes(m))) {
        const response = await fetch(`${baseURL}${route}`, { method, headers: jsonType(method) });
        const body = await expectEnvelope(response, 405);
        expect(response.headers.get("allow"), `${method} ${route}`).toBe(allow);
        expect(body.message).toContain(method);
      }
    }
  });

  test("a path that is not valid percent-encoding is a 400, not a 500", async ({ baseURL }) => {
    for (const pathname of [
      "/api/predictions/%ZZ",
      "/api/predictions/%E0%A4%A",
      "/api/v3/predictions/%ZZ/result",
      "/api/images/%ZZ/0.jpg",
    ]) {
      for (const method of ["GET", "DELETE"]) {
        const body = await expectEnvelope(await fetch(`${baseURL}${pathname}`, { method, headers: jsonType(method) }), 400);
        expect(body).toMatchObject({ error_code: "invalid_request", field: "path" });
      }
    }
    const page = await fetch(`${baseURL}/p/%ZZ`);
    expect(page.status).toBe(400);
  });

  test("a gzip body is read; an encoding it cannot read is a 415 naming the header", async ({ baseURL }) => {
    const body = JSON.stringify({ prompt: "a fox in the snow, sent compressed" });
    const headers = { "content-type": "application/json", "content-encoding": "gzip" };
    const submitted = await fetch(`${baseURL}/api/predictions`, { method: "POST", headers, body: zlib.gzipSync(body) });
    expect(submitted.status).toBe(201);
    const served = await fetch(`${baseURL}${SUBMIT_PATH}`, { method: "POST", headers, body: zlib.gzipSync(body) });
    expect(served.status).toBe(200);

    const refused = await fetch(`${baseURL}/api/predictions`, {
      method: "POST",
      headers: { ...headers, "content-encoding": "zstd" },
      body,
    });
    expect(await expectEnvelope(refused, 415)).toMatchObject({ field: "Content-Encoding" });
  });

  test("a prompt with nothing visible, or past the model's length, is a 400 naming the limit", async ({ baseURL }) => {
    const post = (prompt: string) =>
      fetch(`${baseURL}${SUBMIT_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt }),
      });
    expect(await expectEnvelope(await post("\u200b\u200d\ufeff"), 400)).toMatchObject({ field: "prompt" });
    const tooLong = await expectEnvelope(await post("a".repeat(2001)), 400);
    expect(tooLong).toMatchObject({ field: "prompt", message: expect.stringContaining("at most 2000 characters") });
  });
});

test.describe("logs", () => {
  let server: ServerProcess | undefined;
  test.afterEach(async () => server?.stop("SIGKILL"));

  test("a client that aborts its upload is a debug line of the front door, never an error of the playground's", async () => {
    const dataDir = path.join(process.env.E2E_DATA_ROOT!, "logs");
    server = await startPlayground({
      port: E2E_PORTS.logs,
      env: { KONTEXT_ENGINE: "local", DATA_DIR: dataDir, LOG_LEVEL: "debug" },
    });
    await abortUpload(E2E_PORTS.logs, "/api/predictions");
    await expect.poll(() => server!.output(), { timeout: 10_000 }).toContain("the client went away before its request was whole");
    // Next may print Node's own "aborted" as it likes; the playground logs no error of its own, and goes on.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const lines = server.output().split("\n");
    expect(lines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
