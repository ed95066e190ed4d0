/**
 * A figure read from the database in the background, so a scrape reads a number instead of running
 * a query: read again soon after a change is announced (at most once per `minGapMs`), and every
 * `everyMs` besides (today's budget starts afresh when the UTC day turns).
 */
export class RefreshedFigure {
  private latest?: number;
  private reading?: Promise<number>;
  private soonTimer?: NodeJS.Timeout;
  private everyTimer?: NodeJS.Timeout;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly timing: { minGapMs: number; everyMs: number },
  ) {}

  start(): void {
    if (this.everyTimer) return;
    void this.refresh().catch(() => {});
    this.everyTimer = setInterval(() => void this.refresh().catch(() => {}), this.timing.everyMs);
    this.everyTimer.unref();
  }

  stop(): void {
    clearInterval(this.everyTimer);
    clearTimeout(this.soonTimer);
    this.everyTimer = undefined;
  }

  /** Something it counts may have changed: read again shortly, once for a burst of changes. */
  changed(): void {
    if (this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      void this.refresh().catch(() => {});
    }, this.timing.minGapMs);
    this.soonTimer.unref();
  }

  /** The last value read; the first call waits for the first read. */
  value(): Promise<number> {
    return this.latest === undefined ? this.refresh() : Promise.resolve(this.latest);
  }

  private refresh(): Promise<number> {
    this.reading ??= this.read()
      .then((value) => (this.latest = value))
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}
