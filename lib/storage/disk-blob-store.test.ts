import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeBlobStoreContract } from "@/testing/contracts/blob-store";
import { tempDir } from "@/testing/harness";
import { DiskBlobStore } from "./disk-blob-store";

describeBlobStoreContract("disk", async () => ({ store: new DiskBlobStore(tempDir()) }));

describe("DiskBlobStore", () => {
  it("keeps today's layout: a key is a path under the root", async () => {
    const root = tempDir();
    await new DiskBlobStore(root).put("abc/0.jpg", Buffer.from("x"), "image/jpeg");
    expect(fs.readFileSync(path.join(root, "abc", "0.jpg"), "utf8")).toBe("x");
  });

  it("refuses a key that escapes the root", async () => {
    const store = new DiskBlobStore(tempDir());
    await expect(store.put("../escape.jpg", Buffer.from("x"), "image/jpeg")).rejects.toThrow(/escapes/);
    await expect(store.deletePrefix("..")).rejects.toThrow(/escapes/);
  });

  it("leaves no temporary file behind when a write fails, and removes those a crash left", async () => {
    const root = tempDir();
    const store = new DiskBlobStore(root);
    // A folder where the file should go makes the final rename fail, after the bytes were written.
    fs.mkdirSync(path.join(root, "abc", "0.jpg"), { recursive: true });
    await expect(store.put("abc/0.jpg", Buffer.from("x"), "image/jpeg")).rejects.toThrow();
    expect(fs.readdirSync(path.join(root, "abc"))).toEqual(["0.jpg"]);

    fs.writeFileSync(path.join(root, "abc", "1.jpg.0b6e5a.tmp"), "half");
    fs.writeFileSync(path.join(root, "abc", "2.jpg"), "whole");
    expect(await store.removeIncomplete()).toBe(1);
    expect(fs.readdirSync(path.join(root, "abc")).sort()).toEqual(["0.jpg", "2.jpg"]);
  });
});
