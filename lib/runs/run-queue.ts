import type { PredictionRepo } from "../db/prediction-repo";

/** What one `take` gave this instance, and how many runs still wait (in the whole line). */
export type Taken = { taken: string[]; waiting: number };

/**
 * The line runs wait in for a place upstream, and the places: at most `maxConcurrency` runs hold one
 * at a time. One process keeps both in memory (`InProcessRunQueue`, SQLite); instances sharing a
 * PostgreSQL database share one line and one count of places (postgres-run-queue.ts), so the line is
 * first come, first served across instances. Both pass testing/contracts/run-queue.ts.
 */
export interface RunQueue {
  /** True when other instances take from this line and free places without this one hearing of it. */
  readonly shared: boolean;
  /** Puts a stored, unsent run at the end of the line; one already waiting or placed stays as it is. */
  add(id: string): Promise<void>;
  /** Takes a run out of the line (it is being deleted). */
  remove(id: string): Promise<void>;
  /**
   * Takes the oldest waiting runs, as many as there are free places of `max`: each now holds a place,
   * and is this instance's to send. Never gives one run out twice.
   */
  take(max: number): Promise<Taken>;
  /** Counts a run already sent (resumed, or taken over) as holding a place. */
  occupy(id: string): Promise<void>;
  /** Gives the run's place back (the upstream finished it, or it ended). */
  release(id: string): Promise<void>;
  /**
   * Fails every run among `ids` that no instance has begun to send (waiting in the line, or placed
   * but not yet submitting), with `reason`, so none of them is ever sent. Returns those it failed.
   */
  cancel(ids: string[], reason: string): Promise<string[]>;
  /** Where a run waits in the line, 1 next; undefined when it does not wait. */
  position(id: string): Promise<number | undefined>;
  /** How many runs wait in the line. */
  waiting(): Promise<number>;
}

/** The line and the places of one process: a list and a set. */
export class InProcessRunQueue implements RunQueue {
  readonly shared = false;
  private readonly line: string[] = [];
  private readonly placed = new Set<string>();

  constructor(private readonly repo: PredictionRepo) {}

  async add(id: string): Promise<void> {
    if (!this.line.includes(id) && !this.placed.has(id)) this.line.push(id);
  }

  async remove(id: string): Promise<void> {
    const at = this.line.indexOf(id);
    if (at >= 0) this.line.splice(at, 1);
  }

  async take(max: number): Promise<Taken> {
    const taken: string[] = [];
    while (this.placed.size < max && this.line.length > 0) {
      const id = this.line.shift()!;
      this.placed.add(id);
      taken.push(id);
    }
    return { taken, waiting: this.line.length };
  }

  async occupy(id: string): Promise<void> {
    this.placed.add(id);
  }

  async release(id: string): Promise<void> {
    this.placed.delete(id);
  }

  async cancel(ids: string[], reason: string): Promise<string[]> {
    const wanted = new Set(ids);
    const kept = this.line.filter((id) => !wanted.has(id));
    this.line.splice(0, this.line.length, ...kept);
    // The store decides what was unsent: a placed run whose submit began is left to finish.
    return this.repo.failUnsent(ids, reason, new Date().toISOString());
  }

  async position(id: string): Promise<number | undefined> {
    const at = this.line.indexOf(id);
    return at < 0 ? undefined : at + 1;
  }

  async waiting(): Promise<number> {
    return this.line.length;
  }
}
