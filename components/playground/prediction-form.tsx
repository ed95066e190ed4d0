"use client";

import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useState } from "react";
import { EditInputs } from "@/components/edit/edit-inputs";
import { Button } from "@/components/ui/button";
import { SparkIcon } from "@/components/ui/icons";
import { type EngineName, MAX_EDIT_GUIDANCE, MAX_GUIDANCE } from "@/lib/domain";
import type { ParentRefBody } from "@/lib/playground-api";
import type { EditState, FieldErrors, FormValues } from "@/lib/view/form-values";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { CostEstimate } from "./cost-estimate";
import { GuidanceField } from "./guidance-field";
import { ImageCountPicker } from "./image-count-picker";
import { ParentNotice } from "./parent-notice";
import { PromptField } from "./prompt-field";
import { SafetyField } from "./safety-field";
import { SeedField } from "./seed-field";

type Props = {
  values: FormValues;
  /** The pictures an edit starts from; none for text-to-image. */
  edit: EditState;
  setEdit: (edit: EditState) => void;
  errors: FieldErrors;
  engine: EngineName;
  /** The run the settings were taken from, if any. */
  parent: ParentRefBody | null;
  onDetach: () => void;
  /** Sweep mode: the axes and the grid's size take the place of the single run's cost. */
  sweep?: { on: boolean; onToggle: (on: boolean) => void; panel: ReactNode };
  setField: <K extends keyof FormValues>(field: K, value: FormValues[K]) => void;
  onSubmit: () => void;
};

export function PredictionForm({ values, edit, setEdit, errors, engine, parent, onDetach, sweep, setField, onSubmit }: Props) {
  const editing = edit.images.length > 0;
  // Marks the form as hydrated: before that, Generate would fall back to a plain GET submit.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  // Ctrl+Enter (Cmd+Enter on a Mac) from any control, the textarea included.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    // noValidate: the contract's zod schema is the one judge, with its own inline messages.
    <form
      noValidate
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label="Image settings"
      data-ready={ready}
      className="flex flex-col gap-5 rounded-2xl border border-border bg-surface p-4 shadow-sm sm:p-5"
    >
      <EditInputs edit={edit} error={errors.images} onChange={setEdit} />
      <PromptField value={values.prompt} error={errors.prompt} onChange={(value) => setField("prompt", value)} />
      {!(editing && edit.matchInput) && (
        <AspectRatioPicker value={values.aspect_ratio} onChange={(value) => setField("aspect_ratio", value)} />
      )}
      <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
        {!editing && <ImageCountPicker value={values.num_images} onChange={(value) => setField("num_images", value)} />}
        <SeedField value={values.seed} error={errors.seed} onChange={(value) => setField("seed", value)} />
      </div>
      <GuidanceField
        value={values.guidance_scale}
        error={errors.guidance_scale}
        onChange={(value) => setField("guidance_scale", value)}
        max={editing ? MAX_EDIT_GUIDANCE : MAX_GUIDANCE}
      />
      <SafetyField value={values.safety_tolerance} onChange={(value) => setField("safety_tolerance", value)} />
      <div className="flex flex-col gap-3 border-t border-border pt-4">
        {sweep && (
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={sweep.on}
              onChange={(event) => sweep.onToggle(event.target.checked)}
              className="size-4 accent-(--accent)"
            />
            Sweep: a grid over one or two parameters
          </label>
        )}
        {sweep?.on && sweep.panel}
        {parent && <ParentNotice parent={parent} onDetach={onDetach} />}
        {!sweep?.on && <CostEstimate engine={engine} count={editing ? 1 : values.num_images} />}
        <Button type="submit" variant="primary" size="lg" className="w-full">
          <SparkIcon />
          {sweep?.on ? "Run sweep" : editing ? "Edit" : "Generate"}
        </Button>
      </div>
    </form>
  );
}
