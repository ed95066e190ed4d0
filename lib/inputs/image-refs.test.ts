import { afterEach, describe, expect, it } from "vitest";
import { serveOnLoopback } from "@/testing/harness";
import { readImageRef } from "./image-refs";

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
async function serve(handler: Parameters<typeof serveOnLoopback>[0]) {
  const server = await serveOnLoopback(handler);
  servers.push(server);
  return server;
}

const bytes = Buffer.from("not checked here: only read");
const own = new Map<string, Buffer | undefined>([
  ["/api/images/abc/0.jpg", bytes],
  ["/api/inputs/gone.png", undefined],
]);
const context = {
  baseUrl: "http://play.test:3000",
  readOwn: async (path: string) => (own.has(path) ? own.get(path) : null),
  fetchPolicy: { allowPrivate: false, timeoutMs: 2_000 },
};
const read = (ref: string, policy: Partial<typeof context.fetchPolicy> & Record<string, unknown> = {}) =>
  readImageRef(ref, "image", { ...context, fetchPolicy: { ...context.fetchPolicy, ...policy } });

describe("readImageRef", () => {
  it("reads a data: URI and naked base64", async () => {
    expect((await read(`data:image/png;base64,${bytes.toString("base64")}`)).equals(bytes)).toBe(true);
    expect((await read(bytes.toString("base64"))).equals(bytes)).toBe(true);
    // Base64 of every JPEG starts with "/9j/": it is base64, not a path here.
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43]);
    expect((await read(jpegStart.toString("base64"))).equals(jpegStart)).toBe(true);
    await expect(read("data:image/png,%89PNG")).rejects.toMatchObject({ status: 400, field: "image" });
    await expect(read("this is not base64 !")).rejects.toMatchObject({ status: 400, field: "image" });
  });

  it("reads this playground's own files from the store, by path or by a URL on this server", async () => {
    expect((await read("/api/images/abc/0.jpg")).equals(bytes)).toBe(true);
    expect((await read("http://play.test:3000/api/images/abc/0.jpg")).equals(bytes)).toBe(true);
    await expect(read("/api/inputs/gone.png")).rejects.toThrow("no longer stored here");
    await expect(read("http://play.test:3000/p/abc")).rejects.toThrow("names no image of this playground");
  });

  it("refuses other schemes, file: first among them, naming the field", async () => {
    for (const ref of ["file:///etc/passwd", "ftp://example.com/a.png", "gopher://x/"]) {
      const refused = read(ref);
      await expect(refused, ref).rejects.toMatchObject({ status: 400, field: "image" });
      await expect(refused, ref).rejects.toThrow(/must be an https URL, a data: URI or base64/);
    }
  });

  it("refuses a loopback or private address without the owner's flag, before connecting", async () => {
    let reached = false;
    const server = await serve((_req, res) => {
      reached = true;
      res.end();
    });
    const embedded = ["https://[::127.0.0.1]/a.png", "https://[64:ff9b::10.0.0.8]/a.png", "https://[2002:7f00:1::]/a.png"];
    for (const ref of [
      `${server.url}/a.png`,
      "https://127.0.0.1/a.png",
      "https://10.0.0.8/a.png",
      "https://[::1]/a.png",
      ...embedded,
    ]) {
      const refused = read(ref);
      await expect(refused, ref).rejects.toMatchObject({ status: 400, field: "image" });
      await expect(refused, ref).rejects.toThrow(/is refused: .*only from public https addresses/);
      // Whoever sent it may be a guest: the refusal names no setting of the server.
      await expect(refused, ref).rejects.not.toThrow(/[A-Z]{3,}_[A-Z_]{3,}/);
    }
    expect(reached).toBe(false);
  });

  it("gives up on a URL that never answers, within the time allowed", async () => {
    const silent = await serve(() => {});
    const refused = read(`${silent.url}/slow.png`, { allowPrivate: true, timeoutMs: 300 });
    await expect(refused).rejects.toMatchObject({ status: 400, field: "image" });
    await expect(refused).rejects.toThrow("no answer within 300 ms");
  });

  it("checks a redirect's target again: one to a private address is refused", async () => {
    let reachedPrivate = false;
    const inside = await serve((_req, res) => {
      reachedPrivate = true;
      res.end("secret");
    });
    const port = new URL(inside.url).port;
    const redirecting = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${port}/admin` }).end());
    // The redirecting server stands in for a public host; the address it points at stays what it is.
    const standIn = { allowHttp: true, isPublic: (address: string) => address === "127.0.0.1" };
    const refused = read(`${redirecting.url}/a.png`, standIn);
    await expect(refused).rejects.toMatchObject({ status: 400, field: "image" });
    await expect(refused).rejects.toThrow("127.0.0.2 is a loopback address");
    expect(reachedPrivate).toBe(false);
  });

  it("fetches a public image, and says so when the URL answers an error", async () => {
    const server = await serve((req, res) => (req.url === "/a.png" ? res.end(bytes) : res.writeHead(404).end()));
    const standIn = { allowHttp: true, isPublic: (address: string) => address === "127.0.0.1" };
    expect((await read(`${server.url}/a.png`, standIn)).equals(bytes)).toBe(true);
    await expect(read(`${server.url}/missing.png`, standIn)).rejects.toThrow("its URL answered HTTP 404");
  });
});
