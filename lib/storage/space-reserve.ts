import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { storageProblemOf } from "./storage-errors";

/**
 * Disk held back for the writes that must land when the disk is full: a prediction's failure,
 * a delete. Released at the first storage failure of such a write, taken again once there is
 * clearly room.
 */
export interface SpaceReserve {
  /** Gives the space back; true when it was held. */
  release(): Promise<boolean>;
  /** Takes the space again if the disk has room to spare; true when it is held afterwards. */
  refill(): Promise<boolean>;
}

/** Enough for dozens of small SQLite transactions (a few pages each) once the disk is full. */
export const RESERVE_BYTES = 512 * 1024;
/** Refill only with this many times the reserve free, so the reserve is never what fills a disk. */
const ROOM_FACTOR = 4;

/** A reserve that is one file of zeros on the disk it protects. */
export class DiskSpaceReserve implements SpaceReserve {
  constructor(
    readonly file: string,
    readonly bytes = RESERVE_BYTES,
  ) {}

  async release(): Promise<boolean> {
    try {
      await fs.rm(this.file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  async refill(): Promise<boolean> {
    if ((await sizeOf(this.file)) === this.bytes) return true;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const { bavail, bsize } = await fs.statfs(path.dirname(this.file));
    if (bavail * bsize < this.bytes * ROOM_FACTOR) return false;
    try {
      // Zeros are written, not a sparse file, so the blocks are really taken.
      await fs.writeFile(this.file, Buffer.alloc(this.bytes));
      return true;
    } catch (error) {
      await fs.rm(this.file, { force: true });
      if (storageProblemOf(error)) return false;
      throw error;
    }
  }
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return undefined;
  }
}
