import { kindsOf, MODEL_NAMES, MODELS, type ModelName, priceRange } from "@/lib/domain";
import { formatPriceRange } from "@/lib/view/format";
import { Field, fieldIds } from "./field";

/** What each model takes beside the prompt: [pro] and [max] a ratio and a tolerance, [dev] a size and steps. */
const TAKES = { kontext: "aspect ratio · safety", dev: "size · steps · edits only" } as const;

/**
 * The model, the form's first choice: each with its price per image and the parameters it takes.
 * Switching keeps what both models take (prompt, pictures, seed, guidance, images).
 */
export function ModelPicker({
  value,
  error,
  onChange,
}: {
  value: ModelName;
  error?: string;
  onChange: (model: ModelName) => void;
}) {
  const ids = fieldIds("model");
  return (
    <Field id="model" label="Model" labelFor={false} error={error}>
      <div
        role="radiogroup"
        aria-labelledby={ids.label}
        aria-describedby={error ? ids.error : undefined}
        className="grid grid-cols-2 gap-1 rounded-lg border border-border bg-muted p-1 sm:grid-cols-4"
      >
        {MODEL_NAMES.map((model) => {
          const price = priceRange(model);
          const info = MODELS[model];
          return (
            <label
              key={model}
              title={`${info.label}: ${info.blurb}`}
              data-testid={`model-${model}`}
              className="relative flex cursor-pointer flex-col rounded-md px-2 py-1.5 text-fg-muted transition-colors hover:text-fg has-checked:bg-surface has-checked:text-fg has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-accent"
            >
              <input
                type="radio"
                name="model"
                value={model}
                checked={value === model}
                onChange={() => onChange(model)}
                aria-label={`${info.label}, ${formatPriceRange(price, " to ")} per image${kindsOf(model).includes("text") ? "" : ", edits only"}`}
                className="absolute inset-0 cursor-pointer appearance-none opacity-0 focus-visible:outline-none"
              />
              <span className="text-sm font-medium">{info.short}</span>
              <span className="text-xs tabular-nums">{formatPriceRange(price)} / image</span>
              <span className="text-[11px] leading-tight">{TAKES[info.parameters]}</span>
            </label>
          );
        })}
      </div>
    </Field>
  );
}
