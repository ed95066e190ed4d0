"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { PredictionView } from "@/lib/playground-api";
import { queryKeys } from "./query-keys";

/** Reads a run as the page already has it, without fetching or subscribing (to step through runs on screen). */
export function usePredictionLookup() {
  const client = useQueryClient();
  return useCallback((id: string) => client.getQueryData<PredictionView>(queryKeys.prediction(id)), [client]);
}
