"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { pendingDeletes } from "@/lib/browser/id-set-store";
import { predictionsApi } from "@/lib/browser/predictions-api";
import { forgetPrediction } from "./use-delete-prediction";

/** How long a delete can be undone; only then are the run and its files removed. */
export const UNDO_DELETE_MS = 6_000;

// Deletes still waiting when the tab goes away are sent on the way out, so a closed tab does not undo them.
let leaving = false;
function sendPendingOnLeave() {
  if (leaving || typeof window === "undefined") return;
  leaving = true;
  window.addEventListener("pagehide", () => {
    for (const id of pendingDeletes.get())
      void fetch(`/api/predictions/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: true });
  });
}

type Options = { onDeleted?: () => void; onUndone?: () => void };

/**
 * Delete with a question first (the page's own dialog) and an Undo for a few seconds after: the run
 * disappears from every view at once, and the DELETE is sent only when the toast has gone.
 * Resolves whether the person confirmed.
 */
export function useUndoableDelete() {
  const client = useQueryClient();
  const confirm = useConfirm();
  const toast = useToast();

  return async (id: string, { onDeleted, onUndone }: Options = {}): Promise<boolean> => {
    const confirmed = await confirm({
      title: "Delete this run?",
      body: "Its images are removed from this server, and its share link stops working. You can undo it for a few seconds.",
      confirmLabel: "Delete",
      danger: true,
    });
    if (!confirmed) return false;
    sendPendingOnLeave();
    pendingDeletes.add(id);
    toast({
      message: "Run deleted.",
      durationMs: UNDO_DELETE_MS,
      action: {
        label: "Undo",
        onAction: () => {
          pendingDeletes.remove(id);
          onUndone?.();
        },
      },
      onExpire: () => {
        predictionsApi.remove(id).then(
          () => {
            forgetPrediction(client, id);
            pendingDeletes.remove(id);
            onDeleted?.();
          },
          (error: Error) => {
            pendingDeletes.remove(id);
            toast({ message: `The run was not deleted: ${error.message}` });
          },
        );
      },
    });
    return true;
  };
}
