"use client";

import { type ReactNode, useRef, useState } from "react";
import { type RunHandlers, RunHandlersContext } from "@/components/prediction/run-handlers";
import { RunList } from "@/components/prediction/run-list";
import { lazyPart } from "@/components/ui/lazy-part";
import { useToast } from "@/components/ui/toaster";
import { useAssistantRuns } from "@/hooks/use-assistant-runs";
import { usePlaygroundForm } from "@/hooks/use-playground-form";
import { usePredictionEvents } from "@/hooks/use-prediction-events";
import { useRuns } from "@/hooks/use-runs";
import { useUndoableDelete } from "@/hooks/use-undoable-delete";
import type { AnyPredictionRequest } from "@/lib/contract";
import { type EngineName, entryById } from "@/lib/domain";
import type { HistoryPage, ParentRefBody } from "@/lib/playground-api";
import type { Density } from "@/lib/playground-names";
import { editFromInput, type FormField, valuesFromInput } from "@/lib/view/form-values";
import { ApiSnippets } from "./api-snippets";
import { OpenRecipe } from "./open-recipe";
import { PredictionForm } from "./prediction-form";
import type { SweepRunner } from "./sweep-mode";

// Sweep mode (the axes, planning, the sweep's request) loads the first time it is turned on.
const SweepMode = lazyPart(() => import("./sweep-mode").then((module) => module.SweepMode));

/** Where each field's control lives, to move focus to the first invalid one. */
const CONTROL_IDS: Partial<Record<FormField, string>> = { prompt: "prompt", seed: "seed", guidance_scale: "guidance" };

/** What a toast calls a run started from a card, by where it came from. */
const STARTED: Partial<Record<ParentRefBody["kind"], string>> = {
  rerun: "Re-run started",
  vary_seed: "New seed started",
};

/** Focuses a control, waiting for it when it is still to appear (Advanced settings opens, and loads, to show an error). */
function focusWhenShown(id: string) {
  const now = document.getElementById(id);
  if (now) return now.focus();
  const observer = new MutationObserver(() => {
    const shown = document.getElementById(id);
    if (!shown) return;
    observer.disconnect();
    shown.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 10_000);
}

type Props = {
  engine: EngineName;
  initialHistory?: HistoryPage;
  initialDensity?: Density;
  sweepMaxCells: number;
  /** Where images come from (the engine notice): above the results on wide screens, above the form on a phone. */
  notice?: ReactNode;
};

export function Playground({ engine, initialHistory, initialDensity, sweepMaxCells, notice }: Props) {
  usePredictionEvents();
  useAssistantRuns();
  const form = usePlaygroundForm();
  const { runs, submit, retry, remove } = useRuns();
  const undoableDelete = useUndoableDelete();
  const toast = useToast();
  const [sweeping, setSweeping] = useState(false);
  const [sweepLoaded, setSweepLoaded] = useState(false);
  const sweepRunner = useRef<SweepRunner | null>(null);

  const onSubmit = async () => {
    const result = await form.validate();
    if (result.request) return sweeping ? sweepRunner.current?.(result.request) : void submit(result.request, form.parent);
    const first = Object.keys(result.errors)[0] as FormField | undefined;
    if (first && CONTROL_IDS[first]) focusWhenShown(CONTROL_IDS[first]);
  };

  /** A run started from a card far down the list appears at its top, out of sight: a toast says so and leads there. */
  const submitFromCard = (request: AnyPredictionRequest, parent?: ParentRefBody | null) => {
    const key = submit(request, parent);
    const list = document.querySelector<HTMLElement>("[data-testid='session-runs']");
    const header = document.querySelector("header")?.getBoundingClientRect().bottom ?? 0;
    if (!list || list.getBoundingClientRect().top >= header) return;
    toast({
      message: `${(parent && STARTED[parent.kind]) ?? "Run started"} at the top of the list.`,
      action: {
        label: "Show it",
        onAction: () => {
          const card = document.querySelector<HTMLElement>(`[data-run-key="${key}"]`);
          card?.scrollIntoView({ behavior: "smooth", block: "start" });
          card?.focus({ preventScroll: true });
        },
      },
    });
  };

  const handlers: RunHandlers = {
    submit: submitFromCard,
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
    <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(340px,400px)_minmax(0,1fr)] lg:gap-x-8">
      {notice && <div className="min-w-0 empty:hidden lg:col-start-2 lg:row-start-1">{notice}</div>}
      {/*
       * Wide screens: the form starts at the top of its column and stays in view while the results scroll,
       * scrolling inside itself when taller than the window, its foot (Generate) always on screen.
       */}
      <section
        id="settings"
        aria-labelledby="settings-title"
        data-testid="settings-column"
        className="min-w-0 scroll-mt-20 lg:sticky lg:top-20 lg:col-start-1 lg:row-span-2 lg:row-start-1 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto lg:overscroll-contain lg:pr-1"
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
            onToggle: (on) => {
              setSweeping(on);
              if (on) setSweepLoaded(true);
            },
            panel: sweepLoaded && (
              <SweepMode
                on={sweeping}
                values={form.values}
                edit={form.edit}
                parent={form.parent}
                engine={engine}
                maxCells={sweepMaxCells}
                runner={sweepRunner}
              />
            ),
          }}
          setField={form.setField}
          onSubmit={() => void onSubmit()}
        />
        <div className="mt-4">
          <OpenRecipe
            onRecipe={(recipe) =>
              form.replaceAll(
                valuesFromInput({
                  ...recipe,
                  // The model id the run was sent to names its model; a local preview's does not.
                  model: entryById(recipe.model)?.model,
                  num_images: Math.min(Math.max(recipe.num_images, 1), 4),
                }),
              )
            }
          />
        </div>
        <ApiSnippets values={form.values} edit={form.edit} />
      </section>
      <section aria-label="Results" className="min-w-0 lg:col-start-2 lg:row-start-2">
        <RunHandlersContext value={handlers}>
          <RunList
            runs={runs}
            handlers={handlers}
            onRetry={retry}
            initialHistory={initialHistory}
            initialDensity={initialDensity}
            onDismiss={remove}
          />
        </RunHandlersContext>
      </section>
    </div>
  );
}
