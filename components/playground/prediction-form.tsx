"use client";

import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SparkIcon } from "@/components/ui/icons";
import { lazyPart } from "@/components/ui/lazy-part";
import { type EngineName, MODELS } from "@/lib/domain";
import type { ParentRefBody } from "@/lib/playground-api";
import { type EditState, type FieldErrors, type FormValues, pricedRunOf } from "@/lib/view/form-values";
import { AdvancedSettings } from "./advanced-settings";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { CostEstimate } from "./cost-estimate";
import { ImageCountPicker } from "./image-count-picker";
import { ModelPicker } from "./model-picker";
import { PictureSlot } from "./picture-slot";
import { PromptField } from "./prompt-field";

// Each loads when it is shown: the notice of where settings came from, [dev]'s size and steps, and what Advanced
// settings holds once opened.
const DevFields = lazyPart(() => import("./dev-fields").then((module) => module.DevFields));
const ParentNotice = lazyPart(() => import("./parent-notice").then((module) => module.ParentNotice));
const AdvancedFields = lazyPart(
  () => import("./advanced-fields").then((module) => module.AdvancedFields),
  <div className="h-56" />,
);

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
  /** Sweep mode: the axes and the grid's size (shown while on) take the place of the single run's cost. */
  sweep?: { on: boolean; onToggle: (on: boolean) => void; panel: ReactNode };
  setField: <K extends keyof FormValues>(field: K, value: FormValues[K]) => void;
  onSubmit: () => void;
};

/**
 * Prompt first: the text, the picture to edit (one closed line until wanted), the shape and the
 * count; seed, guidance and safety one click away; Generate pinned to the foot, so it stays in view
 * however long the form grows.
 */
export function PredictionForm({ values, edit, setEdit, errors, engine, parent, onDetach, sweep, setField, onSubmit }: Props) {
  const editing = edit.images.length > 0;
  // [dev] takes a size and steps where [pro] and [max] take a ratio and a tolerance.
  const dev = MODELS[values.model].parameters === "dev";
  // Marks the form as hydrated: before that, Generate would fall back to a plain GET submit.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const [inUse, setInUse] = useState(false);
  const use = () => setInUse(true);
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
      onFocus={use}
      onPointerEnter={use}
      onDragEnter={use}
      aria-label="Image settings"
      data-ready={ready}
      className="flex flex-col rounded-2xl border border-border bg-surface shadow-sm"
    >
      <div className="flex flex-col gap-5 p-4 sm:p-5">
        <ModelPicker value={values.model} error={errors.model} onChange={(model) => setField("model", model)} />
        <PromptField
          value={values.prompt}
          error={errors.prompt}
          onChange={(value) => setField("prompt", value)}
          editing={editing}
        />
        <PictureSlot edit={edit} error={errors.images} onChange={setEdit} wanted={inUse} />
        {dev ? (
          <DevFields
            size={values.size}
            steps={values.num_inference_steps}
            errors={errors}
            onSize={(value) => setField("size", value)}
            onSteps={(value) => setField("num_inference_steps", value)}
          />
        ) : (
          !(editing && edit.matchInput) && (
            <AspectRatioPicker value={values.aspect_ratio} onChange={(value) => setField("aspect_ratio", value)} />
          )
        )}
        {(!editing || dev) && <ImageCountPicker value={values.num_images} onChange={(value) => setField("num_images", value)} />}
        <AdvancedSettings values={values} invalid={Boolean(errors.seed || errors.guidance_scale)}>
          <AdvancedFields values={values} errors={errors} setField={setField} editing={editing} dev={dev} />
        </AdvancedSettings>
        {sweep?.panel}
      </div>
      <div
        className="sticky bottom-0 z-10 flex flex-col gap-3 rounded-b-2xl border-t border-border bg-surface p-4 sm:px-5"
        data-testid="form-foot"
      >
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
        {parent && <ParentNotice parent={parent} onDetach={onDetach} />}
        {!sweep?.on && <CostEstimate engine={engine} run={pricedRunOf(values, edit)} />}
        <Button type="submit" variant="primary" size="lg" className="w-full">
          <SparkIcon />
          {sweep?.on ? "Run sweep" : editing ? "Edit" : "Generate"}
        </Button>
      </div>
    </form>
  );
}
