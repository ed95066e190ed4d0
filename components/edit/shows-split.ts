import type { PredictionView } from "@/lib/playground-api";

/** Whether a run's result is best shown as its before/after (one picture edited), not as a gallery. */
export const showsSplit = (view: PredictionView) =>
  view.status === "completed" && view.input.edit?.kind === "edit" && view.outputs.length > 0;
