"use client";

import type { RunHandlers } from "@/components/prediction/run-actions";
import { RunList } from "@/components/prediction/run-list";
import { useDeletePrediction } from "@/hooks/use-delete-prediction";
import { usePlaygroundForm } from "@/hooks/use-playground-form";
import { usePredictionEvents } from "@/hooks/use-prediction-events";
import { useRuns } from "@/hooks/use-runs";
import type { EngineName } from "@/lib/domain";
import type { HistoryPage } from "@/lib/playground-api";
import { type FormField, valuesFromInput } from "@/lib/view/form-values";
import { ApiSnippets } from "./api-snippets";
import { PredictionForm } from "./prediction-form";

/** Where each field's control lives, to move focus to the first invalid one. */
const CONTROL_IDS: Partial<Record<FormField, string>> = { prompt: "prompt", seed: "seed", guidance_scale: "guidance" };

export function Playground({ engine, initialHistory }: { engine: EngineName; initialHistory?: HistoryPage }) {
  usePredictionEvents();
  const form = usePlaygroundForm();
  const { runs, submit, retry, remove } = useRuns();
  const deletion = useDeletePrediction();

  const onSubmit = () => {
    const result = form.validate();
    if (result.request) return submit(result.request, form.parent);
    const first = Object.keys(result.errors)[0] as FormField | undefined;
    if (first && CONTROL_IDS[first]) document.getElementById(CONTROL_IDS[first])?.focus();
  };

  const handlers: RunHandlers = {
    submit,
    applySettings: (input, fromId) => {
      form.replaceAll(valuesFromInput(input), fromId ? { id: fromId, kind: "settings" } : null);
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
          errors={form.errors}
          engine={engine}
          parent={form.parent}
          onDetach={() => form.setParent(null)}
          setField={form.setField}
          onSubmit={onSubmit}
        />
        <ApiSnippets values={form.values} />
      </section>
      <section aria-label="Results" className="min-w-0">
        <RunList runs={runs} handlers={handlers} onRetry={retry} initialHistory={initialHistory} />
      </section>
    </div>
  );
}
