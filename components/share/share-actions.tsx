"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DeleteRunButton } from "@/components/prediction/delete-run-button";
import { Button, buttonClass } from "@/components/ui/button";
import { DiceIcon, RefreshIcon, SlidersIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { useHydrated } from "@/hooks/use-hydrated";
import { useHiddenRun } from "@/hooks/use-id-sets";
import { useSubmitPrediction } from "@/hooks/use-submit-prediction";
import { useUndoableDelete } from "@/hooks/use-undoable-delete";
import type { PredictionView } from "@/lib/playground-api";
import { editFromInput, playgroundHref, requestFromInput, valuesFromInput } from "@/lib/view/form-values";

const sharePath = (id: string) => `/p/${encodeURIComponent(id)}`;

/**
 * The owner's actions on a share page, as on the run card: Use these settings (an edit keeps its
 * input picture), Re-run, Vary seed, Delete. A new run opens on its own share page (which follows
 * it live); a deleted one re-renders this page as its 404. Loaded only for the owner.
 */
export function ShareActions({ view }: { view: PredictionView }) {
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

  // The server renders these buttons too: until the page has hydrated a click on one would do nothing.
  const hydrated = useHydrated();
  const busy = !hydrated || submission.isPending || deleting || navigating;
  const error = submission.error;

  return (
    <div className="flex flex-col gap-2">
      {/* The owner's next run is recorded as made from this one; an edit's picture comes along (img=). */}
      <NavLink
        href={playgroundHref(valuesFromInput(input), { id: view.id, kind: "settings" }, editFromInput(input))}
        className={buttonClass({ variant: "primary" })}
      >
        <SlidersIcon />
        Use these settings
      </NavLink>
      <div className="flex items-center gap-2">
        <div className="grid flex-1 grid-cols-2 gap-2">
          <Button title={`Run again with seed ${input.seed}`} disabled={busy} onClick={() => runAgain(input.seed)}>
            <RefreshIcon />
            Re-run
          </Button>
          <Button title="Run again with a new random seed" disabled={busy} onClick={() => runAgain(null)}>
            <DiceIcon />
            Vary seed
          </Button>
        </div>
        <DeleteRunButton disabled={busy} onDelete={remove} />
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
