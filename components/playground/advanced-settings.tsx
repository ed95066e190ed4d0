"use client";

import { type ReactNode, useEffect, useState } from "react";
import { ChevronIcon } from "@/components/ui/icons";
import { DEFAULT_VALUES, type FormValues } from "@/lib/view/form-values";

/** Whether the form holds a value of its own in a field tucked away here (a seed, a guidance…). */
const customised = (values: FormValues) =>
  values.seed.trim() !== "" ||
  values.guidance_scale !== DEFAULT_VALUES.guidance_scale ||
  values.safety_tolerance !== DEFAULT_VALUES.safety_tolerance;

const summaryOf = (values: FormValues) =>
  [
    values.seed.trim() ? `seed ${values.seed.trim()}` : "random seed",
    `guidance ${values.guidance_scale}`,
    `safety ${values.safety_tolerance}`,
  ].join(" · ");

type Props = { values: FormValues; invalid: boolean; children: ReactNode };

/**
 * Seed, guidance and safety, one click away under the prompt-first part of the form. It opens by
 * itself when it holds something worth seeing: a value other than the default (settings taken from
 * a run, a link), or a field to fix.
 */
export function AdvancedSettings({ values, invalid, children }: Props) {
  const [open, setOpen] = useState(() => customised(values));
  const worthSeeing = invalid || customised(values);
  useEffect(() => {
    if (worthSeeing) setOpen(true);
  }, [worthSeeing]);

  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="group rounded-xl border border-border"
      data-testid="advanced-settings"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-xl px-3 py-2 text-sm [&::-webkit-details-marker]:hidden">
        <ChevronIcon direction="right" className="shrink-0 text-fg-muted transition-transform group-open:rotate-90" />
        <span className="font-medium">Advanced settings</span>
        <span className="min-w-0 flex-1 truncate text-right text-xs text-fg-muted tabular-nums">{summaryOf(values)}</span>
      </summary>
      {/* Rendered only once open, so its fields load with the first look at them. */}
      {open && <div className="flex flex-col gap-5 border-t border-border p-3">{children}</div>}
    </details>
  );
}
