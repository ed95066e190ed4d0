import "server-only";
import { AppError } from "../errors";
import { log } from "../log";
import type { SpaceReserve } from "./space-reserve";
import { describeStorageProblem, storageProblemOf } from "./storage-errors";

/**
 * What the service and the tracker do about a full or read-only disk: name it in words a person can
 * act on, and free the reserve so the writes that must land (a final status, a delete) still can.
 */
export class StorageGuard {
  constructor(
    /** Where the data lives, as a person would find it, e.g. `DATA_DIR (/srv/kontext)`. */
    readonly location: string,
    private readonly reserve?: SpaceReserve,
  ) {}

  /** The message for a storage failure; undefined for any other error. */
  describe(error: unknown): string | undefined {
    const problem = storageProblemOf(error);
    return problem && describeStorageProblem(problem, this.location);
  }

  /** A storage failure as the 507 a route answers; any other error as it is. */
  toAppError(error: unknown): unknown {
    const message = this.describe(error);
    return message ? new AppError("storage_full", message) : error;
  }

  /** Frees the reserve, once per filling of the disk; true when space was freed. */
  async makeRoom(): Promise<boolean> {
    const freed = (await this.reserve?.release()) ?? false;
    if (freed)
      log.warn("the disk is full: released the space reserve so final writes and deletes can land", { where: this.location });
    return freed;
  }

  /** Takes the reserve back once the disk has room again. */
  async refill(): Promise<void> {
    await this.reserve?.refill();
  }
}
