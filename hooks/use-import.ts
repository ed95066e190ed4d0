"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { archiveApi } from "@/lib/browser/archive-api";
import { queryKeys } from "./query-keys";

/** POST /api/import; the lists are read again afterwards, as the imported runs may belong in them. */
export function useImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: Blob) => archiveApi.import(file),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.history }),
  });
}
