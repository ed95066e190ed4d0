import "server-only";
import type { PredictionRepo } from "../db/prediction-repo";
import type { WorkClaims } from "../db/work-claims";
import { isTerminal, type PredictionRecord } from "../domain";
import { log } from "../log";
import { serially } from "./serially";

export const RESTARTED_MID_SUBMIT =
  "The server restarted while this task was being submitted, so whether WaveSpeed accepted it is unknown; it was not sent again.";
export const LOST_MID_SUBMIT =
  "Tracking this task stopped while it was being submitted, so whether WaveSpeed accepted it is unknown; it was not sent again.";

/** How often an instance looks for runs whose instance stopped renewing its claims: a cheap indexed read. */
const ORPHAN_CHECK_MS = 500;

/**
 * With several instances on one database: keeps this instance's leases alive (renewed when a third
 * of the lease has passed) and takes over the runs of instances that stopped renewing theirs,
 * looked for often, so such a run waits little longer than the lease. Built only when claims are
 * shared; one process owns all its runs and has nothing to renew.
 */
export class ClaimKeeper {
  private timer?: NodeJS.Timeout;
  private renewedAt = Date.now();
  private readonly round = serially(() => this.keep());

  constructor(
    private readonly claims: WorkClaims & { renewEveryMs: number },
    /** Claims the runs nothing works on and picks each up; returns how many. */
    private readonly takeOver: () => Promise<number>,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.round(), ORPHAN_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async keep(): Promise<void> {
    try {
      if (Date.now() - this.renewedAt >= this.claims.renewEveryMs) {
        await this.claims.renew();
        this.renewedAt = Date.now();
      }
      await this.takeOver();
    } catch (error) {
      log.warn("could not renew claims; trying again shortly", { error: String(error) });
    }
  }
}

/** Claims made shared: a keeper is built for them. */
export const sharedClaims = (claims: WorkClaims): (WorkClaims & { renewEveryMs: number }) | undefined =>
  claims.renewEveryMs === undefined ? undefined : (claims as WorkClaims & { renewEveryMs: number });

/**
 * Claims the unfinished runs no live claim holds (all of them, for one process) and picks up each
 * that nothing here works on yet, by the restart rules; returns how many it picked up.
 */
export async function takeOrphans(
  deps: { claims: WorkClaims; repo: PredictionRepo },
  how: {
    isTracked: (id: string) => Promise<boolean>;
    pickUp: (record: PredictionRecord) => Promise<void>;
    isStopped: () => boolean;
  },
): Promise<number> {
  let taken = 0;
  for (const id of await deps.claims.claimOrphans()) {
    if (how.isStopped()) break;
    if (await how.isTracked(id)) continue;
    const record = await deps.repo.get(id);
    if (!record || isTerminal(record.status)) continue;
    taken++;
    await how.pickUp(record);
  }
  return taken;
}
