"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { RunHandlers } from "@/components/prediction/run-actions";
import { RunList } from "@/components/prediction/run-list";
import { SweepPanel } from "@/components/sweeps/sweep-panel";
import { useDeletePrediction } from "@/hooks/use-delete-prediction";
import { usePlaygroundForm } from "@/hooks/use-playground-form";
import { usePredictionEvents } from "@/hooks/use-prediction-events";
import { useRuns } from "@/hooks/use-runs";
import { useCreateSweep } from "@/hooks/use-sweep";
import { useSweepForm } from "@/hooks/use-sweep-form";
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
  const router = useRouter();
  const form = usePlaygroundForm();
  const { runs, submit, retry, remove } = useRuns();
  const deletion = useDeletePrediction();
  const [sweeping, setSweeping] = useState(false);
  const request = useMemo(() => validateValues(form.values, form.edit).request, [form.values, form.edit]);
  const sweepForm = useSweepForm(request, engine, sweepMaxCells);
  const createSweep = useCreateSweep();

  const runSweep = (base: NonNullable<typeof request>) => {
    const { summary } = sweepForm;
    if (!summary.ok) return;
    const total = `${summary.cells} cells, ${summary.images} images, for ${formatUsd(summary.costUsd)}`;
    // One explicit confirmation showing the total, for any sweep that costs money.
    if (summary.costUsd > 0 && !window.confirm(`Run this sweep: ${total}?`)) return;
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
      deletion.mutate(id, {
        onSuccess: () => {
          for (const run of runs) if (run.id === id) remove(run.key);
        },
      }),
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(340px,400px)_1fr] lg:gap-8">
      <section id="settings" aria-labelledby="settings-title" className="scroll-mt-20">
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
        <RunList runs={runs} handlers={handlers} onRetry={retry} initialHistory={initialHistory} />
      </section>
    </div>
  );
}
