"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useTransition } from "react";
import { DeleteRunButton } from "@/components/prediction/delete-run-button";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DiceIcon, LinkIcon, RefreshIcon } from "@/components/ui/icons";
import { useHiddenRun } from "@/hooks/use-id-sets";
import { useSession } from "@/hooks/use-session";
import { useSubmitPrediction } from "@/hooks/use-submit-prediction";
import { useUndoableDelete } from "@/hooks/use-undoable-delete";
import type { PredictionView } from "@/lib/playground-api";
import { requestFromInput } from "@/lib/view/form-values";

const sharePath = (id: string) => `/p/${encodeURIComponent(id)}`;

type Props = {
  view: PredictionView;
  /** Shown between the new-run buttons and the copy row (the downloads). */
  children?: ReactNode;
};

/**
 * The run card's actions, on a share page. A new run opens on its own share
 * page (which follows it live); a deleted one re-renders this page as its 404.
 * A guest gets the copy and download actions only.
 */
export function ShareActions({ view, children }: Props) {
  const { owner } = useSession();
  const router = useRouter();
  const submission = useSubmitPrediction();
  const undoableDelete = useUndoableDelete();
  const deleting = useHiddenRun(view.id);
  // Covers the navigation after a mutation too, so nothing can be clicked twice meanwhile.
  const [navigating, startNavigation] = useTransition();
  const { input } = view;

  const runAgain = (seed: number | null) =>
    submission.mutate(
      { request: requestFromInput(input, seed), parent: { id: view.id, kind: seed === null ? "vary_seed" : "rerun" } },
      { onSuccess: (next) => startNavigation(() => router.push(sharePath(next.id))) },
    );
  // Once the Undo has passed and the run is gone, the page re-renders as its 404.
  const remove = () => void undoableDelete(view.id, { onDeleted: () => startNavigation(() => router.refresh()) });

  const busy = submission.isPending || deleting || navigating;
  const error = submission.error;

  return (
    <div className="flex flex-col gap-2">
      {owner && (
        <div className="grid grid-cols-2 gap-2">
          <Button title={`Run again with seed ${input.seed}`} disabled={busy} onClick={() => runAgain(input.seed)}>
            <RefreshIcon />
            Re-run
          </Button>
          <Button title="Run again with a new random seed" disabled={busy} onClick={() => runAgain(null)}>
            <DiceIcon />
            Vary seed
          </Button>
        </div>
      )}
      {children}
      <div className="-mx-1 flex flex-wrap items-center gap-0.5">
        <CopyButton text={String(input.seed)} label="Copy seed" />
        <CopyButton text={view.shareUrl} label="Copy share link" icon={<LinkIcon />} />
        {owner && <DeleteRunButton disabled={busy} onDelete={remove} />}
      </div>
      <p role="status" className="sr-only">
        {deleting ? "Deleted. Undo is still possible." : submission.isSuccess ? "Started, opening its page…" : ""}
      </p>
      {error && (
        <p role="alert" className="rounded-lg border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
          {error.message}
        </p>
      )}
    </div>
  );
}
