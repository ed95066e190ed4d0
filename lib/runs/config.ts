import type { RetryPolicy } from "../retry";
import type { MirrorLimits } from "./mirror";
import type { PollSchedule } from "./poll-schedule";

/** The settings of the run machinery, from the environment (lib/composition-root.ts). */
export type TrackerConfig = {
  /** Tasks allowed upstream at once (across instances, with a shared line); the rest wait, in order, as `created`. */
  maxConcurrency: number;
  /** Longest a task may run upstream before it is failed. */
  deadlineMs: number;
  schedule: PollSchedule;
  /** First guess of a task's duration, refined as tasks finish. */
  expectedDurationMs: number;
  /** When a failed submit, poll, download or final write is tried again. */
  retry: RetryPolicy;
  mirrorLimits: MirrorLimits;
  /** Public URL of our webhook endpoint, when webhooks are on. */
  webhookUrl?: string;
};

/**
 * What the tracker reports of its load: runs holding a place upstream on this instance, runs whose
 * outputs this instance is saving, and runs waiting in the line (the cluster's, on a shared line).
 */
export type RunFigures = { inFlight: number; finishing: number; waiting: number };
