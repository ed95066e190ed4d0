"use client";

import type { ReactNode } from "react";

/** One choice: its value, what it shows, and a tooltip where the label alone says too little. */
export type SegmentedOption<T extends string> = readonly [value: T, label: ReactNode, title?: string];

/**
 * How the row looks: `pill` a strip of words (a compare's layout, a sweep's cell size); `small` the
 * same for a toolbar; `fill` equal cells across the whole width (the number of images); `tile` a
 * grid of bordered tiles with a picture above the word (the aspect ratio).
 */
type Look = "pill" | "small" | "fill" | "tile";

const GROUP: Record<Look, string> = {
  pill: "inline-flex self-start rounded-lg border border-border p-0.5",
  small: "flex rounded-lg border border-border bg-surface p-0.5",
  fill: "grid auto-cols-fr grid-flow-col gap-1 rounded-lg border border-border bg-muted p-1",
  tile: "grid auto-cols-fr grid-flow-col gap-1",
};
const FOCUS = "has-focus-visible:outline-2 has-focus-visible:outline-accent";
const OPTION: Record<Look, string> = {
  pill: "rounded-md px-3 py-1 text-sm has-checked:bg-accent has-checked:text-accent-fg",
  small:
    "rounded-md px-2.5 py-1 text-xs font-medium has-checked:bg-accent/10 has-checked:text-accent has-focus-visible:outline-offset-2",
  fill: "grid h-8 place-items-center rounded-md text-sm font-medium has-checked:bg-surface has-checked:text-fg has-checked:shadow-sm",
  tile: "flex flex-col items-center gap-1 rounded-lg border border-border bg-surface px-0.5 py-1.5 has-checked:border-accent has-checked:bg-accent/10 has-checked:text-accent has-focus-visible:outline-offset-2",
};

type Props<T extends string> = {
  /** The group's name for screen readers: a label of its own, or the id of a visible one. */
  label: { text: string } | { id: string };
  /** The radios' form name; unique on the page. */
  name: string;
  options: ReadonlyArray<SegmentedOption<T>>;
  value: T;
  onChange: (value: T) => void;
  look?: Look;
  testId?: string;
};

/**
 * A row of mutually exclusive choices drawn as one control: real radio buttons under the labels,
 * so arrows move between them, the checked one is the group's tab stop, and screen readers name
 * the group.
 */
export function Segmented<T extends string>({ label, name, options, value, onChange, look = "pill", testId }: Props<T>) {
  return (
    <div
      role="radiogroup"
      {...("id" in label ? { "aria-labelledby": label.id } : { "aria-label": label.text })}
      className={GROUP[look]}
      data-testid={testId}
    >
      {options.map(([option, text, title]) => (
        <label
          key={option}
          title={title}
          className={`relative cursor-pointer text-fg-muted transition-colors hover:text-fg ${FOCUS} ${OPTION[look]}`}
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
            className="absolute inset-0 cursor-pointer appearance-none rounded-[inherit] opacity-0 focus-visible:outline-none"
          />
          {text}
        </label>
      ))}
    </div>
  );
}
