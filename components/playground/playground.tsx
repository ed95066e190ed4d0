"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { type RunHandlers, RunHandlersContext } from "@/components/prediction/run-handlers";
import { RunList } from "@/components/prediction/run-list";
import { SweepPanel } from "@/components/sweeps/sweep-panel";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { useAssistantRuns } from "@/hooks/use-assistant-runs";
import { usePlaygroundForm } from "@/hooks/use-playground-form";
import { usePredictionEvents } from "@/hooks/use-prediction-events";
import { useRuns } from "@/hooks/use-runs";
import { useCreateSweep } from "@/hooks/use-sweep";
import { useSweepForm } from "@/hooks/use-sweep-form";
import { useUndoableDelete } from "@/hooks/use-undoable-delete";
import type { EngineName } from "@/lib/domain";
import type { HistoryPage } from "@/lib/playground-api";
import { editFromInput, type FormField, validateValues, valuesFromInput } from "@/lib/view/form-values";
import { formatUsd } from "@/lib/view/format";
import { ApiSnippets } from "./api-snippets";
import { OpenRecipe } from "./open-recipe";
import { PredictionForm } from "./prediction-form";

/** Where each field's control lives, to move focus to the first invalid one. */
const CONTROL_IDS: Partial<Record<FormField, string>> = { prompt: "prompt", seed: "seed", guidance_scale: "guidance" };

type Props = { engine: EngineName; initialHistory?: HistoryPage; sweepMaxCells: number };

export function Playground({ engine, initialHistory, sweepMaxCells }: Props) {
  usePredictionEvents();
  useAssistantRuns();
  const router = useRouter();
  const form = usePlaygroundForm();
  const { runs, submit, retry, remove } = useRuns();
  const undoableDelete = useUndoableDelete();
  const confirm = useConfirm();
  const [sweeping, setSweeping] = useState(false);
  const request = useMemo(() => validateValues(form.values, form.edit).request, [form.values, form.edit]);
  const sweepForm = useSweepForm(request, engine, sweepMaxCells);
  const createSweep = useCreateSweep();

  const runSweep = async (base: NonNullable<typeof request>) => {
    const { summary } = sweepForm;
    if (!summary.ok) return;
    const total = `${summary.cells} cells, ${summary.images} images, for ${formatUsd(summary.costUsd)}`;
    // One explicit confirmation showing the total, for any sweep that costs money.
    if (summary.costUsd > 0 && !(await confirm({ title: "Run this sweep?", body: total, confirmLabel: "Run sweep" }))) return;
    createSweep.mutate(
      { base, x: summary.x, y: summary.y, parent: form.parent, confirmedCostUsd: summary.costUsd || undefined },
      { onSuccess: (sweep) => router.push(`/s/${encodeURIComponent(sweep.id)}`) },
    );
  };

  const onSubmit = () => {
    const result = form.validate();
    if (result.request) return sweeping ? runSweep(result.request) : submit(result.request, form.parent);
    const first = Object.keys(result.errors)[0] as FormField | undefined;
    if (first && CONTROL_IDS[first]) document.getElementById(CONTROL_IDS[first])?.focus();
  };

  const handlers: RunHandlers = {
    submit,
    applySettings: (input, fromId) => {
      form.replaceAll(valuesFromInput(input), fromId ? { id: fromId, kind: "settings" } : null, editFromInput(input));
      // On a phone the form is above the results: bring it back into view.
      document.getElementById("prompt")?.focus({ preventScroll: true });
      document.getElementById("settings")?.scrollIntoView({ behavior: "smooth", block: "start" });
    },
    remove: (id) =>
      void undoableDelete(id, {
        onDeleted: () => {
          for (const run of runs) if (run.id === id) remove(run.key);
        },
      }),
  };

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(340px,400px)_minmax(0,1fr)] lg:gap-8">
      {/* Wide screens: the form stays in view while the results scroll, and scrolls inside itself when taller than the window. */}
      <section
        id="settings"
        aria-labelledby="settings-title"
        data-testid="settings-column"
        className="min-w-0 scroll-mt-20 lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto lg:overscroll-contain lg:pr-1"
      >
        <h2 id="settings-title" className="sr-only">
          Settings
        </h2>
        <PredictionForm
          values={form.values}
          edit={form.edit}
          setEdit={form.setEdit}
          errors={form.errors}
          engine={engine}
          parent={form.parent}
          onDetach={() => form.setParent(null)}
          sweep={{
            on: sweeping,
            onToggle: setSweeping,
            panel: (
              <SweepPanel
                x={sweepForm.x}
                y={sweepForm.y}
                onX={sweepForm.setX}
                onY={sweepForm.setY}
                summary={sweepForm.summary}
                maxCells={sweepMaxCells}
                error={createSweep.error?.message}
                pending={createSweep.isPending || createSweep.isSuccess}
              />
            ),
          }}
          setField={form.setField}
          onSubmit={onSubmit}
        />
        <div className="mt-4">
          <OpenRecipe
            onRecipe={(recipe) =>
              form.replaceAll(valuesFromInput({ ...recipe, num_images: Math.min(Math.max(recipe.num_images, 1), 4) }))
            }
          />
        </div>
        <ApiSnippets values={form.values} edit={form.edit} />
      </section>
      <section aria-label="Results" className="min-w-0">
        <RunHandlersContext value={handlers}>
          <RunList runs={runs} handlers={handlers} onRetry={retry} initialHistory={initialHistory} onDismiss={remove} />
        </RunHandlersContext>
      </section>
    </div>
  );
}
