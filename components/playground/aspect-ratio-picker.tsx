import { Segmented } from "@/components/ui/segmented";
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

const OPTIONS = ASPECT_RATIOS.map(
  (ratio) =>
    [
      ratio,
      <>
        <RatioShape ratio={ratio} />
        <span className="text-[10px] leading-none font-medium tabular-nums">{ratio}</span>
      </>,
      `${ratio} · ${PIXEL_SIZES[ratio].width} × ${PIXEL_SIZES[ratio].height}`,
    ] as const,
);

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
      <Segmented
        label={{ id: fieldIds("aspect-ratio").label }}
        name="aspect_ratio"
        options={OPTIONS}
        value={value}
        onChange={onChange}
        look="tile"
      />
    </Field>
  );
}
