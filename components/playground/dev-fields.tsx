import { MAX_SIZE_SIDE, MAX_STEPS, MIN_SIZE_SIDE, MIN_STEPS } from "@/lib/domain";
import { describedBy, Field, inputClass } from "./field";

type Props = {
  size: string;
  steps: string;
  errors: { size?: string; num_inference_steps?: string };
  onSize: (size: string) => void;
  onSteps: (steps: string) => void;
};

/** What FLUX.1 Kontext [dev] takes where [pro] takes an aspect ratio: a pixel size, and a number of steps. */
export function DevFields({ size, steps, errors, onSize, onSteps }: Props) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <Field
        id="size"
        label="Size"
        error={errors.size}
        hint={`W*H, ${MIN_SIZE_SIDE} to ${MAX_SIZE_SIDE} a side; empty keeps the picture's shape.`}
      >
        <input
          id="size"
          name="size"
          value={size}
          placeholder="Picture's shape"
          onChange={(event) => onSize(event.target.value)}
          aria-invalid={errors.size ? true : undefined}
          aria-describedby={describedBy("size", { hint: true, error: errors.size })}
          className={`${inputClass(Boolean(errors.size))} font-mono tabular-nums`}
        />
      </Field>
      <Field id="num-inference-steps" label="Steps" error={errors.num_inference_steps} hint={`${MIN_STEPS} to ${MAX_STEPS}.`}>
        <input
          id="num-inference-steps"
          name="num_inference_steps"
          type="number"
          inputMode="numeric"
          min={MIN_STEPS}
          max={MAX_STEPS}
          step={1}
          value={steps}
          onChange={(event) => onSteps(event.target.value)}
          aria-invalid={errors.num_inference_steps ? true : undefined}
          aria-describedby={describedBy("num-inference-steps", { hint: true, error: errors.num_inference_steps })}
          className={`${inputClass(Boolean(errors.num_inference_steps))} tabular-nums`}
        />
      </Field>
    </div>
  );
}
