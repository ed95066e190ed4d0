/**
 * Failures that mean "nothing more can be written here", from the file system (errno codes) or
 * SQLite (better-sqlite3's result codes), told apart from every other failure. What to do about
 * them (fail the prediction, answer 507, free the reserve) is decided by the callers.
 */
export type StorageProblem = "full" | "read_only";

const FULL = new Set(["ENOSPC", "EDQUOT", "SQLITE_FULL"]);
const READ_ONLY = new Set(["EROFS", "SQLITE_READONLY"]);

export function storageProblemOf(error: unknown): StorageProblem | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== "string") return undefined;
  if (FULL.has(code)) return "full";
  // SQLite qualifies read-only errors (SQLITE_READONLY_DBMOVED, _DIRECTORY, …); all mean the same here.
  if (READ_ONLY.has(code) || code.startsWith("SQLITE_READONLY_")) return "read_only";
  return undefined;
}

/** How messages name the data folder: the variable a person sets, and where it points. */
export const dataDirLocation = (absolutePath: string) => `DATA_DIR (${absolutePath})`;

/** What a person is told, naming where the data lives (for example `DATA_DIR (/srv/kontext)`). */
export function describeStorageProblem(problem: StorageProblem, location: string): string {
  return problem === "full"
    ? `The disk under ${location} is full, so nothing more can be saved. Delete predictions you no longer need or free space on that disk; new work succeeds again as soon as there is room.`
    : `The disk under ${location} is read-only, so nothing can be saved. Make it writable; new work succeeds again as soon as it is.`;
}
