"use client";

import { inputClass } from "@/components/playground/field";
import { MODELS, type ModelName, SWEEP_FIELDS, type SweepField } from "@/lib/domain";
import { type AxisDraft, draftFor, PICKS } from "@/lib/view/sweep-form";

const FIELD_LABELS: Record<SweepField, string> = {
  model: "Model",
  seed: "Seed",
  guidance_scale: "Guidance scale",
  safety_tolerance: "Safety tolerance",
  aspect_ratio: "Aspect ratio",
  prompt: "Prompt variants",
};

type Props = { name: "x" | "y"; draft: AxisDraft; taken?: AxisDraft["field"]; onChange: (draft: AxisDraft) => void };

/** One axis: which parameter it sweeps, and its values (a list, N random seeds, a range, or {a|b} in the prompt). */
export function AxisEditor({ name, draft, taken, onChange }: Props) {
  const id = `sweep-${name}`;
  const set = (patch: Partial<AxisDraft>) => onChange({ ...draft, ...patch });
  const label = name === "x" ? "Across (X)" : "Down (Y)";
  return (
    <fieldset className="flex flex-col gap-2 rounded-xl border border-border p-3">
      <legend className="px-1 text-sm font-medium">{label}</legend>
      <label htmlFor={`${id}-field`} className="sr-only">
        {label} parameter
      </label>
      <select
        id={`${id}-field`}
        value={draft.field}
        onChange={(event) => onChange(draftFor(event.target.value as AxisDraft["field"]))}
        className={inputClass()}
        aria-label={`${label} parameter`}
      >
        {name === "y" && <option value="none">Nothing (one row)</option>}
        {SWEEP_FIELDS.map((field) => (
          <option key={field} value={field} disabled={field === taken}>
            {FIELD_LABELS[field]}
          </option>
        ))}
      </select>
      {draft.field === "seed" && (
        <Modes
          id={id}
          draft={draft}
          set={set}
          options={[
            ["random", "Random seeds"],
            ["list", "A list"],
          ]}
        />
      )}
      {draft.field === "guidance_scale" && (
        <Modes
          id={id}
          draft={draft}
          set={set}
          options={[
            ["list", "A list"],
            ["range", "A range"],
          ]}
        />
      )}
      {draft.field === "prompt" && (
        <Modes
          id={id}
          draft={draft}
          set={set}
          options={[
            ["alternatives", "{a|b} in the prompt"],
            ["list", "A list"],
          ]}
        />
      )}
      {draft.field === "seed" && draft.mode === "random" && (
        <TextInput
          id={`${id}-count`}
          label={`${label}: how many random seeds`}
          value={draft.count}
          onChange={(count) => set({ count })}
          numeric
        />
      )}
      {(draft.field === "seed" || draft.field === "guidance_scale") && draft.mode === "list" && (
        <TextInput
          id={`${id}-list`}
          label={`${label}: ${draft.field === "seed" ? "seeds" : "guidance values"}, comma separated`}
          value={draft.list}
          placeholder={draft.field === "seed" ? "1, 42, 1848" : "2, 3.5, 5"}
          onChange={(list) => set({ list })}
        />
      )}
      {draft.field === "guidance_scale" && draft.mode === "range" && (
        <div className="grid grid-cols-3 gap-2">
          <TextInput id={`${id}-from`} label="From" value={draft.from} onChange={(from) => set({ from })} numeric />
          <TextInput id={`${id}-to`} label="To" value={draft.to} onChange={(to) => set({ to })} numeric />
          <TextInput id={`${id}-step`} label="Step" value={draft.step} onChange={(step) => set({ step })} numeric />
        </div>
      )}
      {draft.field === "prompt" && draft.mode === "list" && (
        <label className="flex flex-col gap-1 text-xs text-fg-muted">
          {label}: one prompt a line
          <textarea
            value={draft.list}
            rows={3}
            onChange={(event) => set({ list: event.target.value })}
            className={inputClass()}
          />
        </label>
      )}
      {draft.field === "prompt" && draft.mode === "alternatives" && (
        <p className="text-xs text-fg-muted">Write choices in the prompt as {"{red|blue|green}"}; several groups multiply.</p>
      )}
      {(draft.field === "safety_tolerance" || draft.field === "aspect_ratio" || draft.field === "model") && (
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {PICKS[draft.field].map((value) => (
            <label key={value} className="flex items-center gap-1 text-sm tabular-nums">
              <input
                type="checkbox"
                checked={draft.picks.includes(value)}
                onChange={(event) =>
                  set({ picks: event.target.checked ? [...draft.picks, value] : draft.picks.filter((pick) => pick !== value) })
                }
                className="size-4 accent-(--accent)"
              />
              {draft.field === "model" ? MODELS[value as ModelName].short : value}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function Modes({
  id,
  draft,
  set,
  options,
}: {
  id: string;
  draft: AxisDraft;
  set: (patch: Partial<AxisDraft>) => void;
  options: Array<[AxisDraft["mode"], string]>;
}) {
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1">
      {options.map(([mode, text]) => (
        <label key={mode} className="flex items-center gap-1.5 text-sm">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={draft.mode === mode}
            onChange={() => set({ mode })}
            className="size-4 accent-(--accent)"
          />
          {text}
        </label>
      ))}
    </div>
  );
}

function TextInput({
  id,
  label,
  value,
  onChange,
  placeholder,
  numeric,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  numeric?: boolean;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs text-fg-muted">
        {label}
      </label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        inputMode={numeric ? "decimal" : undefined}
        onChange={(event) => onChange(event.target.value)}
        className={`${inputClass()} w-full min-w-0 tabular-nums`}
      />
    </div>
  );
}
