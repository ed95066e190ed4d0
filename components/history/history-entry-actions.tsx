"use client";

import { useRouter } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { RefreshIcon, SlidersIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { useSubmitPrediction } from "@/hooks/use-submit-prediction";
import type { PredictionView } from "@/lib/playground-api";
import { playgroundHref, requestFromInput, valuesFromInput } from "@/lib/view/form-values";

/** A history card's ways to go on from a run: its settings in the form, or the same run again. */
export function HistoryEntryActions({ view }: { view: PredictionView }) {
  const router = useRouter();
  const submission = useSubmitPrediction();
  const rerun = () =>
    submission.mutate(
      { request: requestFromInput(view.input, view.input.seed), parent: { id: view.id, kind: "rerun" } },
      { onSuccess: (next) => router.push(`/p/${encodeURIComponent(next.id)}`) },
    );
  return (
    <div className="relative z-10 -ml-2 flex flex-wrap items-center gap-0.5">
      <NavLink
        href={playgroundHref(valuesFromInput(view.input), { id: view.id, kind: "settings" })}
        className={buttonClass({ variant: "ghost", size: "sm" })}
        title="Fill the playground's form with these settings"
      >
        <SlidersIcon />
        Use settings
      </NavLink>
      <Button
        variant="ghost"
        size="sm"
        title={`Run again with seed ${view.input.seed}`}
        disabled={submission.isPending || submission.isSuccess}
        onClick={rerun}
      >
        <RefreshIcon />
        Re-run
      </Button>
      {submission.error && (
        <p role="alert" className="basis-full text-xs text-danger">
          Not started: {submission.error.message}
        </p>
      )}
    </div>
  );
}
