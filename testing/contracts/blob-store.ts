import { afterEach, describe, expect, it } from "vitest";
import { type BlobStore, readBlob } from "@/lib/storage/blob-store";

/** What every BlobStore must do, run against each implementation. `open` gives a fresh, empty store. */
export function describeBlobStoreContract(name: string, open: () => Promise<{ store: BlobStore; close?: () => Promise<void> }>) {
  describe(`BlobStore contract: ${name}`, () => {
    const closers: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) await close();
    });
    const fresh = async () => {
      const { store, close } = await open();
      if (close) closers.push(close);
      return store;
    };
    const bytes = (text: string) => Buffer.from(text, "utf8");

    it("gives back what was put, as a stream with its size and type", async () => {
      const store = await fresh();
      await store.put("p1/0.png", bytes("first image"), "image/png");
      const blob = await store.get("p1/0.png");
      expect(blob).toMatchObject({ size: 11, contentType: "image/png" });
      expect(Buffer.from(await new Response(blob!.body).arrayBuffer()).toString()).toBe("first image");
      expect(await store.head("p1/0.png")).toEqual({ size: 11, contentType: "image/png" });
    });

    it("answers undefined, not an error, for a key that is not there", async () => {
      const store = await fresh();
      expect(await store.get("nope/0.jpg")).toBeUndefined();
      expect(await store.head("nope/0.jpg")).toBeUndefined();
      expect(await readBlob(store, "nope/0.jpg")).toBeUndefined();
    });

    it("replaces a key whole: a reader sees the old bytes or the new, never a mix", async () => {
      const store = await fresh();
      await store.put("p2/0.webp", bytes("a".repeat(100_000)), "image/webp");
      const writes = Array.from({ length: 5 }, (_, i) => store.put("p2/0.webp", bytes(String(i).repeat(100_000)), "image/webp"));
      const reads = Array.from({ length: 5 }, () => readBlob(store, "p2/0.webp"));
      for (const read of await Promise.all(reads)) {
        const text = read!.toString();
        expect(text).toHaveLength(100_000);
        expect(new Set(text).size).toBe(1);
      }
      await Promise.all(writes);
    });

    it("deletes everything under a prefix and nothing else, and lists the prefixes that hold keys", async () => {
      const store = await fresh();
      await store.put("keep/0.jpg", bytes("k"), "image/jpeg");
      await store.put("gone/0.jpg", bytes("g0"), "image/jpeg");
      await store.put("gone/1.jpg", bytes("g1"), "image/jpeg");
      await store.put("gone-too/0.jpg", bytes("g2"), "image/jpeg");
      expect((await store.listPrefixes()).sort()).toEqual(["gone", "gone-too", "keep"]);

      await store.deletePrefix("gone");
      expect(await store.head("gone/0.jpg")).toBeUndefined();
      expect(await store.head("gone/1.jpg")).toBeUndefined();
      expect(await store.head("gone-too/0.jpg")).toEqual({ size: 2, contentType: "image/jpeg" });
      expect((await store.listPrefixes()).sort()).toEqual(["gone-too", "keep"]);
      // Deleting what is not there is not an error.
      await store.deletePrefix("gone");
    });

    it("keeps every whole blob when it removes what unfinished writes left", async () => {
      const store = await fresh();
      await store.put("p3/0.jpg", bytes("whole"), "image/jpeg");
      await store.put("p3/1.jpg", bytes("also whole"), "image/jpeg");
      expect(await store.removeIncomplete()).toBe(0);
      expect(await readBlob(store, "p3/0.jpg")).toEqual(bytes("whole"));
      expect(await readBlob(store, "p3/1.jpg")).toEqual(bytes("also whole"));
    });
  });
}
