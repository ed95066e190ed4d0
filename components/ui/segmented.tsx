"use client";

/**
 * A row of mutually exclusive choices drawn as one control (a compare's layout, a sweep's cell
 * size): real radio buttons under the labels, so arrows move between them and screen readers
 * name the group by its legend.
 */
export function Segmented<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  testId,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<readonly [T, string]>;
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}) {
  return (
    <fieldset className="inline-flex self-start rounded-lg border border-border p-0.5" data-testid={testId}>
      <legend className="sr-only">{legend}</legend>
      {options.map(([option, label]) => (
        <label
          key={option}
          className="relative cursor-pointer rounded-md px-3 py-1 text-sm text-fg-muted hover:text-fg has-checked:bg-accent has-checked:text-accent-fg has-focus-visible:outline-2 has-focus-visible:outline-accent"
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
            className="absolute inset-0 cursor-pointer appearance-none opacity-0"
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
