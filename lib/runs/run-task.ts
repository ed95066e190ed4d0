/**
 * Where a run this instance works on stands, from the moment it holds a place upstream to its end:
 * - waiting: it holds a place; nothing has been sent (yet, or again after a failed submit created nothing);
 * - submitting: the submit is on its way, its answer not stored;
 * - upstream: sent; polled, or told by a webhook;
 * - finishing: the upstream is done with it (its place is free): outputs mirrored, then the result stored;
 * - done: ended, or stopped (a delete, a cancel): whatever still works on it stops and leaves nothing behind.
 */
export type TaskStatus = "waiting" | "submitting" | "upstream" | "finishing" | "done";

const MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  waiting: ["submitting", "done"],
  submitting: ["upstream", "waiting", "done"],
  upstream: ["finishing", "done"],
  finishing: ["done"],
  done: [],
};

const HOLDS_PLACE: ReadonlySet<TaskStatus> = new Set(["waiting", "submitting", "upstream"]);

/** One run this instance works on: its status is the one fact of where it stands. */
export class RunTask {
  private current: TaskStatus;
  /** The mirror and final write once begun: a poll and a webhook that both see the end share it. */
  finishing?: Promise<void>;

  constructor(
    readonly id: string,
    status: "waiting" | "upstream",
    /** Told once, when the run stops holding its place upstream (it finished there, or ended). */
    private readonly placeFreed: (id: string) => void,
  ) {
    this.current = status;
  }

  get status(): TaskStatus {
    return this.current;
  }

  get holdsPlace(): boolean {
    return HOLDS_PLACE.has(this.current);
  }

  get isDone(): boolean {
    return this.current === "done";
  }

  /** Moves on where allowed; false when not (it was stopped meanwhile), and the caller stops too. */
  move(to: TaskStatus): boolean {
    if (!MOVES[this.current].includes(to)) return false;
    const held = this.holdsPlace;
    this.current = to;
    if (held && !this.holdsPlace) this.placeFreed(this.id);
    return true;
  }

  /** Ends it, whatever it was doing. */
  end(): void {
    this.move("done");
  }
}
