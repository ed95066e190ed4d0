import { Segmented } from "@/components/ui/segmented";
import { MAX_IMAGES, MIN_IMAGES } from "@/lib/domain";
import { Field, fieldIds } from "./field";

const COUNTS = Array.from({ length: MAX_IMAGES - MIN_IMAGES + 1 }, (_, index) => {
  const count = String(MIN_IMAGES + index);
  return [count, count] as const;
});

export function ImageCountPicker({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  return (
    <Field id="num-images" label="Number of images" labelFor={false}>
      <Segmented
        label={{ id: fieldIds("num-images").label }}
        name="num_images"
        options={COUNTS}
        value={String(value)}
        onChange={(count) => onChange(Number(count))}
        look="fill"
      />
    </Field>
  );
}
