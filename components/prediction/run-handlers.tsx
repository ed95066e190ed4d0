"use client";

import { createContext, useContext } from "react";
import type { AnyPredictionRequest } from "@/lib/contract";
import type { ParentRefBody, PredictionView } from "@/lib/playground-api";

export type RunHandlers = {
  /** `parent`: the run this one is made from, recorded as its lineage. */
  submit: (request: AnyPredictionRequest, parent?: ParentRefBody | null) => void;
  /** Fills the form; what is generated from it is recorded as made from `fromId`. */
  applySettings: (input: PredictionView["input"], fromId?: string) => void;
  /** Asks, then deletes with an Undo. */
  remove: (id: string) => void;
};

/**
 * The playground's own ways to act on a run (its form, its list of this tab's runs). Controls
 * mounted elsewhere (the lightbox, history) use them when there is a playground around them, and
 * fall back to links and plain requests when there is not.
 */
export const RunHandlersContext = createContext<RunHandlers | null>(null);

export const useRunHandlers = () => useContext(RunHandlersContext);
