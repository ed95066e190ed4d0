import { describe, expect, it } from "vitest";
import { DiskBlobStore } from "@/lib/storage/disk-blob-store";
import { tempDir } from "@/testing/harness";
import { StrayObjects } from "./strays";

describe("stray objects", () => {
  it("go once seen without an owner for the grace, so an owner written after its files keeps them", async () => {
    const store = new DiskBlobStore(tempDir());
    const owners = new Set<string>();
    let now = 0;
    const strays = new StrayObjects(
      [{ name: "images", store, owned: async (ids) => new Set(ids.filter((id) => owners.has(id))) }],
      {
        graceMs: 1_000,
        shared: true,
        now: () => now,
      },
    );
    await store.put("late/0.png", Buffer.from("x"), "image/png");
    await store.put("gone/0.png", Buffer.from("x"), "image/png");
    expect(await strays.sweep()).toBe(0);
    now = 500;
    // An import stores its rows after its files: an owner that comes within the grace keeps them.
    owners.add("late");
    expect(await strays.sweep()).toBe(0);
    now = 1_000;
    expect(await strays.sweep()).toBe(1);
    expect(await store.listPrefixes()).toEqual(["late"]);
  });

  it("at start, alone on its stores, removes orphans and half-written files at once", async () => {
    const dir = tempDir();
    const store = new DiskBlobStore(dir);
    await store.put("gone/0.png", Buffer.from("x"), "image/png");
    const strays = new StrayObjects([{ name: "images", store, owned: async () => new Set() }], {
      graceMs: 60_000,
      shared: false,
    });
    expect(await strays.atStart()).toBe(1);
    expect(await store.listPrefixes()).toEqual([]);
  });
});
