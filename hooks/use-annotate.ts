"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/browser/predictions-api";
import type { AnnotationBody } from "@/lib/playground-api";
import { storeView } from "./use-prediction-events";

/** PATCH /api/predictions/{id}: a note, a star, or both; the answer goes into every cache that shows the run. */
export function useAnnotate(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (annotation: AnnotationBody) => predictionsApi.annotate(id, annotation),
    onSuccess: (view) => storeView(client, view),
  });
}
