import "server-only";
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Long work on the thread that serves requests, cut into slices of `sliceMs`: the work calls
 * `turnIfDue()` between small steps, and whenever a slice is spent the event loop gets a turn
 * (other requests, timers, I/O) before the work goes on. `turns` counts the turns given.
 */
export class TimeSlices {
  turns = 0;
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  async turnIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await nextTurn();
    this.turns++;
    this.sliceStart = performance.now();
  }
}
