/** Where storage stands against MAX_STORAGE_GB: past 90 % a warning, past 100 % new runs are refused. */
export type StorageLevel = "ok" | "warning" | "full";

/** What the owner's Storage panel shows: space used, what retention keeps, when it purges next. */
export type StorageView = {
  /** Bytes the data takes, as last measured; null before the first measurement. */
  usedBytes: number | null;
  /** MAX_STORAGE_GB in bytes; null without a limit. */
  limitBytes: number | null;
  level: StorageLevel;
  /** RETENTION_DAYS; null keeps everything. */
  retentionDays: number | null;
  /** Finished runs past that age that the next purge deletes. */
  expiring: number;
  /** Finished runs past that age that stay: starred, with a note, or an ancestor of a run that stays. */
  kept: number;
  nextPurgeAt: string | null;
  lastPurge: { at: string; deleted: number } | null;
};

/** The share of the limit used, in whole percent; null without a limit or a measurement. */
export function usedPercent(view: Pick<StorageView, "usedBytes" | "limitBytes">): number | null {
  if (view.usedBytes === null || !view.limitBytes) return null;
  return Math.floor((view.usedBytes / view.limitBytes) * 100);
}
