import { DEFAULTS, MAX_GUIDANCE, MIN_GUIDANCE } from "@/lib/domain";
import { describedBy, Field, inputClass } from "./field";

/** The slider always shows a position; text it cannot show (empty, 11) leaves it at the nearest end. */
function sliderValue(text: string, max: number) {
  const value = Number(text);
  if (text.trim() === "" || Number.isNaN(value)) return DEFAULTS.guidance_scale;
  return Math.min(max, Math.max(MIN_GUIDANCE, value));
}

type Props = { value: string; error?: string; onChange: (value: string) => void /** Edits take up to 20. */; max?: number };

export function GuidanceField({ value, error, onChange, max = MAX_GUIDANCE }: Props) {
  return (
    <Field id="guidance" label="Guidance scale" error={error} hint="How closely the image follows the prompt.">
      <div className="flex items-center gap-3">
        <input
          type="range"
          aria-label="Guidance scale slider"
          min={MIN_GUIDANCE}
          max={max}
          step={0.1}
          value={sliderValue(value, max)}
          onChange={(event) => onChange(Number(event.target.value).toFixed(1))}
          className="h-2 flex-1 cursor-pointer"
        />
        <input
          id="guidance"
          name="guidance_scale"
          type="number"
          inputMode="decimal"
          min={MIN_GUIDANCE}
          max={max}
          step={0.1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy("guidance", { hint: true, error })}
          className={`${inputClass(Boolean(error))} w-20 text-right tabular-nums`}
        />
      </div>
    </Field>
  );
}
