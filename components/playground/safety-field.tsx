import { SAFETY_TOLERANCES, type SafetyTolerance } from "@/lib/domain";
import { Field } from "./field";

const LAST = SAFETY_TOLERANCES.length;
const describe = (level: SafetyTolerance) =>
  level === "1" ? "1, most strict" : level === String(LAST) ? `${level}, most permissive` : `${level} of ${LAST}`;

export function SafetyField({ value, onChange }: { value: SafetyTolerance; onChange: (value: SafetyTolerance) => void }) {
  return (
    <Field
      id="safety"
      label="Safety tolerance"
      aside={
        <span className="text-xs tabular-nums text-fg-muted">
          {value} / {LAST}
        </span>
      }
    >
      <input
        id="safety"
        name="safety_tolerance"
        type="range"
        min={1}
        max={LAST}
        step={1}
        value={Number(value)}
        aria-valuetext={describe(value)}
        aria-describedby="safety-scale"
        onChange={(event) => onChange(SAFETY_TOLERANCES[Number(event.target.value) - 1] ?? value)}
        className="h-2 w-full cursor-pointer"
      />
      <div id="safety-scale" className="flex justify-between text-xs text-fg-muted">
        <span>strict</span>
        <span>permissive</span>
      </div>
    </Field>
  );
}
