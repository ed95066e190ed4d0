import type { ReactNode } from "react";

/** Ids that tie a control to its hint and error, so screen readers read both. */
export const fieldIds = (id: string) => ({ hint: `${id}-hint`, error: `${id}-error`, label: `${id}-label` });

/** The error replaces the hint under a field, so a control points at whichever is shown. */
export function describedBy(id: string, { hint, error }: { hint?: boolean; error?: string }) {
  const ids = fieldIds(id);
  return error ? ids.error : hint ? ids.hint : undefined;
}

/** A label row, the control, then the hint or error under it. */
export function Field({
  id,
  label,
  labelFor = true,
  aside,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  /** Off for groups, whose label is tied by aria-labelledby instead of `for`. */
  labelFor?: boolean;
  aside?: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const ids = fieldIds(id);
  const Label = labelFor ? "label" : "span";
  return (
    <div className="flex flex-col gap-2">
      <div className="flex min-h-5 items-center justify-between gap-2">
        <Label id={ids.label} {...(labelFor ? { htmlFor: id } : {})} className="text-sm font-medium">
          {label}
        </Label>
        {aside}
      </div>
      {children}
      {error ? (
        <p id={ids.error} className="text-xs text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={ids.hint} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass = (invalid?: boolean) =>
  `rounded-lg border bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted/70 transition-colors ${
    invalid ? "border-danger" : "border-border hover:border-fg-muted/50"
  }`;
