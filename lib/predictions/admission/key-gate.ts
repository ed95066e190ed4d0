import { UpstreamError } from "../../engines/types";
import { AppError } from "../../errors";

/** A cheap authenticated upstream call; throws UpstreamError("auth") when the key is rejected. */
export type KeyProbe = () => Promise<void>;

export const KEY_REJECTED_MESSAGE =
  "The upstream rejected this server's WaveSpeed API key, so no task was created. Set a valid WAVESPEED_API_KEY and restart the server.";

/**
 * The one decision about a rejected upstream key. The tracker reports what the engine saw
 * (a 401/403, or a call that went through); a submit asks `admit()` first. While the key is
 * known to be rejected, a new prediction is refused at once (401) and nothing is stored,
 * rather than answered `created` and failed a moment later. It opens again when a probe
 * succeeds: at most one every `probeEveryMs`, run by the submit that finds it due (with no
 * probe, that submit itself goes through as the probe). A restart with another key starts open,
 * and a submit that comes while the start-up probe is under way waits for its answer.
 */
export class KeyGate {
  private rejected = false;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private probing?: Promise<void>;

  constructor(
    private readonly probe?: KeyProbe,
    private readonly probeEveryMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  get isRejected(): boolean {
    return this.rejected;
  }

  keyRejected(): void {
    this.rejected = true;
    // The rejection was just seen: probing again at once would only ask the same question.
    this.lastProbeAt = this.now();
  }

  keyAccepted(): void {
    this.rejected = false;
  }

  /** Throws the 401 while the key is rejected and no probe says otherwise. */
  async admit(): Promise<void> {
    // A probe under way (the one at start-up) is about to know better than the gate does now.
    if (this.probing) await this.probing;
    if (!this.rejected) return;
    if (this.now() - this.lastProbeAt >= this.probeEveryMs) await this.check();
    if (this.rejected) throw new AppError("upstream_auth", KEY_REJECTED_MESSAGE);
  }

  /** Probes now (at start-up, and when a probe is due); concurrent callers share one probe. */
  check(): Promise<void> {
    this.probing ??= this.runProbe().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async runProbe(): Promise<void> {
    this.lastProbeAt = this.now();
    if (!this.probe) {
      this.keyAccepted();
      return;
    }
    try {
      await this.probe();
      this.keyAccepted();
    } catch (error) {
      // Any other failure says nothing about the key: the gate stays as it was.
      if (error instanceof UpstreamError && error.kind === "auth") this.keyRejected();
    }
  }
}
