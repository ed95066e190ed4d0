import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/testing/harness";
import { DiskSpaceReserve } from "./space-reserve";
import { describeStorageProblem, storageProblemOf } from "./storage-errors";

describe("storageProblemOf", () => {
  it("tells a full or read-only disk from every other failure, from the file system and from SQLite", () => {
    const errno = (code: string) => Object.assign(new Error(code), { code });
    expect(storageProblemOf(errno("ENOSPC"))).toBe("full");
    expect(storageProblemOf(errno("EDQUOT"))).toBe("full");
    expect(storageProblemOf(new Database.SqliteError("database or disk is full", "SQLITE_FULL"))).toBe("full");
    expect(storageProblemOf(errno("EROFS"))).toBe("read_only");
    expect(storageProblemOf(new Database.SqliteError("attempt to write a readonly database", "SQLITE_READONLY"))).toBe(
      "read_only",
    );
    expect(storageProblemOf(new Database.SqliteError("moved", "SQLITE_READONLY_DBMOVED"))).toBe("read_only");
    for (const other of [
      errno("ENOENT"),
      errno("EACCES"),
      new Database.SqliteError("busy", "SQLITE_BUSY"),
      new Error("x"),
      null,
      "ENOSPC",
    ]) {
      expect(storageProblemOf(other)).toBeUndefined();
    }
  });

  it("says which disk, and what to do about it", () => {
    expect(describeStorageProblem("full", "DATA_DIR (/srv/k)")).toMatch(
      /^The disk under DATA_DIR \(\/srv\/k\) is full.*Delete predictions/,
    );
    expect(describeStorageProblem("read_only", "DATA_DIR (/srv/k)")).toMatch(/is read-only/);
  });
});

describe("DiskSpaceReserve", () => {
  it("holds its bytes in a real file, gives them back once, and takes them again when there is room", async () => {
    const file = path.join(tempDir(), "data", ".space-reserve");
    const reserve = new DiskSpaceReserve(file, 64 * 1024);
    expect(await reserve.refill()).toBe(true);
    expect((await fs.stat(file)).size).toBe(64 * 1024);
    expect(await reserve.refill()).toBe(true);
    expect(await reserve.release()).toBe(true);
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/);
    expect(await reserve.release()).toBe(false);
    expect(await reserve.refill()).toBe(true);
  });
});
