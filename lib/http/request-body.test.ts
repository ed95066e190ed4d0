import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { readJsonBody } from "./request-body";

const post = (body: Uint8Array | string, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/predictions", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : Buffer.from(body),
  });

const json = JSON.stringify({ prompt: "a fox in the snow" });

describe("readJsonBody", () => {
  it("decompresses gzip, deflate and br bodies", async () => {
    for (const [encoding, bytes] of [
      ["gzip", zlib.gzipSync(json)],
      ["x-gzip", zlib.gzipSync(json)],
      ["deflate", zlib.deflateSync(json)],
      ["br", zlib.brotliCompressSync(json)],
      ["GZip ", zlib.gzipSync(json)],
      ["identity", Buffer.from(json)],
    ] as const) {
      expect(await readJsonBody(post(bytes, { "content-encoding": encoding }), 65536)).toEqual({ prompt: "a fox in the snow" });
    }
  });

  it("refuses an encoding it cannot read with 415 naming the header", async () => {
    for (const encoding of ["zstd", "compress", "gzip, br"]) {
      await expect(readJsonBody(post(json, { "content-encoding": encoding }), 65536)).rejects.toMatchObject({
        code: "unsupported_media_type",
        status: 415,
        field: "Content-Encoding",
      });
    }
  });

  it("caps the body once decompressed too (413), and says when the bytes are not what the header claims (400)", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(5_000_000, " "));
    expect(bomb.length).toBeLessThan(65536);
    await expect(readJsonBody(post(bomb, { "content-encoding": "gzip" }), 65536)).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("once decompressed"),
    });
    await expect(readJsonBody(post(json, { "content-encoding": "gzip" }), 65536)).rejects.toMatchObject({
      status: 400,
      field: "Content-Encoding",
    });
  });
});
