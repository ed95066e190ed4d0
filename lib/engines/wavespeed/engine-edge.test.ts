import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineInput } from "@/lib/domain";
import { UpstreamError } from "../types";
import { createWavespeedEngine } from "./engine";

/**
 * Upstream answers the fake server has no directive for, from a tiny
 * scripted server: each test installs the handler it needs.
 */
const KEY = "ws-edge-key-93b1d07c44aa";
const input: EngineInput = {
  model: "pro",
  prompt: "p",
  aspect_ratio: "1:1",
  num_images: 1,
  seed: 1,
  guidance_scale: 3.5,
  safety_tolerance: "2",
};
const opts = { predictionId: "p_edge" };

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let handler: Handler = (_req, res) => res.end();
let hits = 0;
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer(async (req, res) => {
    hits++;
    let body = "";
    for await (const chunk of req) body += chunk;
    handler(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function script(next: Handler) {
  handler = next;
  hits = 0;
}
const send =
  (status: number, body: unknown, type = "application/json") =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { "content-type": type }).end(typeof body === "string" ? body : JSON.stringify(body));
  };
const engine = () => createWavespeedEngine({ apiKey: KEY, baseUrl: base, submitTimeoutMs: 300, resultTimeoutMs: 300 });
async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe("submit, where resending is not safe", () => {
  it("treats a bare 502 page from a proxy as outcome_unknown", async () => {
    script(send(502, "<html>Bad Gateway</html>", "text/html"));
    expect((await failure(engine().submit(input, opts))).kind).toBe("outcome_unknown");
    expect(hits).toBe(1);
  });

  it("treats a reset after the request was read as outcome_unknown", async () => {
    script((req) => req.socket.destroy());
    expect((await failure(engine().submit(input, opts))).kind).toBe("outcome_unknown");
    expect(hits).toBe(1);
  });

  it("reads an error code carried in a 200 body", async () => {
    script(send(200, { code: 401, message: "Unauthorized", data: null }));
    expect((await failure(engine().submit(input, opts))).kind).toBe("auth");
  });
});

describe("getState, lenient reading", () => {
  it("accepts nulls and missing fields", async () => {
    script(
      send(200, {
        code: 200,
        message: null,
        data: {
          id: "t1",
          status: "completed",
          outputs: ["https://cdn.example/a.png"],
          has_nsfw_contents: null,
          error: null,
          timings: null,
        },
      }),
    );
    expect(await engine().getState("t1", input)).toEqual({
      status: "completed",
      outputs: [{ kind: "url", url: "https://cdn.example/a.png", nsfw: false }],
      error: "",
      inferenceMs: 0,
    });
  });

  it("maps a failure sent as HTTP 500 with the task in the body", async () => {
    script(send(500, { code: 5004, message: "timeout", data: { id: "t2", status: "failed", error: "inference timed out" } }));
    expect(await engine().getState("t2", input)).toMatchObject({
      status: "failed",
      error: "timeout (code 5004): inference timed out",
    });
  });

  it("keeps the upstream's words when a failure has no code", async () => {
    script(send(200, { code: 200, message: "success", data: { id: "t3", status: "failed", error: "worker crashed" } }));
    expect((await engine().getState("t3", input)).error).toBe("worker crashed");
  });

  it("calls a completed task without outputs a bad response", async () => {
    script(send(200, { code: 200, data: { id: "t4", status: "completed", outputs: [] } }));
    expect((await failure(engine().getState("t4", input))).kind).toBe("bad_response");
  });

  it("calls an unknown status a bad response", async () => {
    script(send(200, { code: 200, data: { id: "t5", status: "exploded" } }));
    const error = await failure(engine().getState("t5", input));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toContain('unknown status "exploded"');
  });

  it("times out on a result that never comes", async () => {
    script(() => undefined);
    expect((await failure(engine().getState("t6", input))).kind).toBe("timeout");
  });
});

describe("the API key never leaks into a message", () => {
  const echo = (req: IncomingMessage) => `you sent ${req.headers.authorization} (key ${KEY}, ${encodeURIComponent(KEY)})`;
  const cases: Array<[string, Handler, "submit" | "getState"]> = [
    ["a 400 echoing the header", (req, res) => send(400, { code: 400, message: echo(req) })(req, res), "submit"],
    ["a 500 echoing the header", (req, res) => send(500, { code: 500, message: echo(req), error_code: KEY })(req, res), "submit"],
    ["a non-JSON 200 echoing the header", (req, res) => send(200, echo(req), "text/plain")(req, res), "submit"],
    ["a 429 echoing the header", (req, res) => send(429, { message: echo(req) })(req, res), "getState"],
    [
      "a garbled result echoing the key",
      (req, res) => send(200, { code: 200, data: { id: KEY, status: echo(req) } })(req, res),
      "getState",
    ],
  ];
  for (const [name, next, call] of cases) {
    it(`in ${name}`, async () => {
      script(next);
      const e = createWavespeedEngine({ apiKey: KEY, baseUrl: base });
      const error = await failure(call === "submit" ? e.submit(input, opts) : e.getState("t", input));
      expect(error.message).toContain("[redacted]");
      expect(JSON.stringify({ message: error.message, details: error.details, stack: error.stack })).not.toContain(KEY);
    });
  }

  it("in a failed task's error text", async () => {
    script((req, res) => send(200, { code: 1403, data: { id: "t", status: "failed", error: echo(req) } })(req, res));
    const state = await engine().getState("t", input);
    expect(state.error).toMatch(/^task failed \(code 1403\): you sent Bearer \[redacted\]/);
    expect(state.error).not.toContain(KEY);
  });
});
