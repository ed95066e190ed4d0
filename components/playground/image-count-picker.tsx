import { MAX_IMAGES, MIN_IMAGES } from "@/lib/domain";
import { Field, fieldIds } from "./field";

const COUNTS = Array.from({ length: MAX_IMAGES - MIN_IMAGES + 1 }, (_, index) => MIN_IMAGES + index);

export function ImageCountPicker({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  return (
    <Field id="num-images" label="Number of images" labelFor={false}>
      <div
        role="radiogroup"
        aria-labelledby={fieldIds("num-images").label}
        className="grid grid-cols-4 gap-1 rounded-lg border border-border bg-muted p-1"
      >
        {COUNTS.map((count) => (
          <label
            key={count}
            className="relative grid h-8 cursor-pointer place-items-center rounded-md text-sm font-medium text-fg-muted transition-colors hover:text-fg has-checked:bg-surface has-checked:text-fg has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-accent"
          >
            <input
              type="radio"
              name="num_images"
              value={count}
              checked={value === count}
              onChange={() => onChange(count)}
              className="absolute inset-0 cursor-pointer appearance-none opacity-0 focus-visible:outline-none"
            />
            {count}
          </label>
        ))}
      </div>
    </Field>
  );
}
