import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { fetchJson, fetchNoContent, wasUnanswered } from "./fetcher";

/** A real HTTP server answering what each path names, instead of a mocked fetch. */
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    const send = (status: number, body: string, type = "application/json") => {
      response.writeHead(status, { "content-type": type });
      response.end(body);
    };
    if (request.url === "/ok") return send(200, JSON.stringify({ owner: true, signInRequired: false }));
    if (request.url === "/envelope") {
      return send(
        400,
        JSON.stringify({
          code: 400,
          message: "seed must be an integer",
          data: null,
          error_code: "invalid_request",
          field: "seed",
        }),
      );
    }
    if (request.url === "/html-error") return send(502, "<html>Bad gateway</html>", "text/html");
    if (request.url === "/gone") return send(204, "");
    return send(404, "not json", "text/plain");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchJson", () => {
  it("returns the body checked against the named answer", async () => {
    await expect(fetchJson(`${base}/ok`, "session")).resolves.toEqual({ owner: true, signInRequired: false });
  });

  it("rebuilds the server's error envelope as an AppError, field included", async () => {
    const error = await fetchJson(`${base}/envelope`, "session").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_request", status: 400, message: "seed must be an integer", field: "seed" });
  });

  it("maps a body that is not an envelope to a code from the status", async () => {
    await expect(fetchJson(`${base}/html-error`, "session")).rejects.toMatchObject({ code: "internal" });
    await expect(fetchJson(`${base}/missing`, "session")).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a success body of the wrong shape", async () => {
    await expect(fetchJson(`${base}/ok`, "budget")).rejects.toMatchObject({ code: "internal" });
  });

  it("says the server is unreachable when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await fetchJson(`http://127.0.0.1:${port}/ok`, "session").catch((error) => error);
    expect(failure).toMatchObject({ code: "upstream_unavailable" });
    // No answer at all, so a submit with an Idempotency-Key may safely go again.
    expect(wasUnanswered(failure)).toBe(true);
    const answered = await fetchJson(`${base}/envelope`, "session").catch((error) => error);
    expect(wasUnanswered(answered)).toBe(false);
  });
});

describe("fetchNoContent", () => {
  it("accepts a 204 and rejects an error envelope", async () => {
    await expect(fetchNoContent(`${base}/gone`)).resolves.toBeUndefined();
    await expect(fetchNoContent(`${base}/envelope`)).rejects.toMatchObject({ code: "invalid_request" });
  });
});
