import { ASPECT_RATIOS, type AspectRatio, PIXEL_SIZES } from "@/lib/domain";
import { Field, fieldIds } from "./field";

/** The ratio drawn as a rectangle inside a fixed box, so the nine options compare at a glance. */
function RatioShape({ ratio }: { ratio: AspectRatio }) {
  const { width, height } = PIXEL_SIZES[ratio];
  const scale = 22 / Math.max(width, height);
  return (
    <span aria-hidden="true" className="grid size-6 place-items-center">
      <span
        className="rounded-[3px] border-[1.5px] border-current"
        style={{ width: Math.round(width * scale), height: Math.round(height * scale) }}
      />
    </span>
  );
}

export function AspectRatioPicker({ value, onChange }: { value: AspectRatio; onChange: (value: AspectRatio) => void }) {
  const { width, height } = PIXEL_SIZES[value];
  return (
    <Field
      id="aspect-ratio"
      label="Aspect ratio"
      labelFor={false}
      aside={
        <span className="text-xs tabular-nums text-fg-muted">
          {width} × {height}
        </span>
      }
    >
      <div role="radiogroup" aria-labelledby={fieldIds("aspect-ratio").label} className="grid grid-cols-9 gap-1">
        {ASPECT_RATIOS.map((ratio) => (
          <label
            key={ratio}
            title={`${ratio} · ${PIXEL_SIZES[ratio].width} × ${PIXEL_SIZES[ratio].height}`}
            className="relative flex cursor-pointer flex-col items-center gap-1 rounded-lg border border-border bg-surface px-0.5 py-1.5 text-fg-muted transition-colors hover:text-fg has-checked:border-accent has-checked:bg-accent/10 has-checked:text-accent has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent"
          >
            <input
              type="radio"
              name="aspect_ratio"
              value={ratio}
              checked={value === ratio}
              onChange={() => onChange(ratio)}
              className="absolute inset-0 cursor-pointer appearance-none rounded-lg opacity-0 focus-visible:outline-none"
            />
            <RatioShape ratio={ratio} />
            <span className="text-[10px] leading-none font-medium tabular-nums">{ratio}</span>
          </label>
        ))}
      </div>
    </Field>
  );
}
