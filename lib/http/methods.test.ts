import { describe, expect, it, vi } from "vitest";
import { errorEnvelopeSchema } from "../contract";
import { otherMethods } from "./methods";
import { withErrors } from "./respond";

const request = (method: string, path = "/api/predictions") => new Request(`http://127.0.0.1${path}`, { method });
const served = async () => new Response("ok");

describe("otherMethods", () => {
  it("answers every method a route does not serve with 405 in the envelope and an Allow header", async () => {
    const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET: served, POST: served });
    for (const [method, answer] of [
      ["PUT", PUT],
      ["PATCH", PATCH],
      ["DELETE", DELETE],
    ] as const) {
      const response = answer(request(method));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
      const body = errorEnvelopeSchema.parse(await response.json());
      expect(body).toMatchObject({ code: 405, error_code: "method_not_allowed", data: null });
      expect(body.message).toBe(`${method} is not allowed on /api/predictions; it accepts GET, HEAD, POST, OPTIONS.`);
    }
    const options = OPTIONS(request("OPTIONS"));
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, HEAD, POST, OPTIONS"]);
  });

  it("answers HEAD too when the route has no GET", async () => {
    const answers = otherMethods({ POST: served });
    expect(Object.keys(answers).sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "PUT"]);
    expect(answers.HEAD(request("HEAD")).headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("withErrors", () => {
  it("logs a client that went away at debug level, without a stack, and answers nothing useful", async () => {
    const lines: string[] = [];
    const spies = [vi.spyOn(console, "log"), vi.spyOn(console, "error")];
    for (const spy of spies) spy.mockImplementation((line: string) => void lines.push(line));
    vi.stubEnv("LOG_LEVEL", "debug");
    try {
      const aborted = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
      const response = await withErrors(async () => {
        throw aborted;
      })(request("POST"), {});
      expect(response.status).toBe(499);
      const logged = lines.map((line) => JSON.parse(line));
      expect(logged).toEqual([expect.objectContaining({ level: "debug", message: "the client went away before the answer" })]);
      expect(lines.join("\n")).not.toMatch(/stack|at /);
    } finally {
      for (const spy of spies) spy.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
