"use client";

import { MAX_EDIT_GUIDANCE, MAX_GUIDANCE } from "@/lib/domain";
import type { FieldErrors, FormValues } from "@/lib/view/form-values";
import { GuidanceField } from "./guidance-field";
import { SafetyField } from "./safety-field";
import { SeedField } from "./seed-field";

type Props = {
  values: FormValues;
  errors: FieldErrors;
  setField: <K extends keyof FormValues>(field: K, value: FormValues[K]) => void;
  /** Edits take a guidance up to 20. */
  editing: boolean;
  /** [dev] has a safety checker, not a tolerance. */
  dev: boolean;
};

/** What Advanced settings holds: loaded the first time it is opened. */
export function AdvancedFields({ values, errors, setField, editing, dev }: Props) {
  return (
    <>
      <SeedField value={values.seed} error={errors.seed} onChange={(value) => setField("seed", value)} />
      <GuidanceField
        value={values.guidance_scale}
        error={errors.guidance_scale}
        onChange={(value) => setField("guidance_scale", value)}
        max={editing ? MAX_EDIT_GUIDANCE : MAX_GUIDANCE}
      />
      {!dev && <SafetyField value={values.safety_tolerance} onChange={(value) => setField("safety_tolerance", value)} />}
    </>
  );
}
