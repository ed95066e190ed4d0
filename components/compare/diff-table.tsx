import { LocalTime } from "@/components/ui/local-time";
import { type CompareItem, compareRows, promptDiff } from "@/lib/view/compare";

/**
 * Every parameter of the images compared; rows that differ are marked, and each prompt is
 * diffed word by word against the first (added words underlined, dropped ones struck through).
 */
export function DiffTable({ items }: { items: CompareItem[] }) {
  const rows = compareRows(items);
  const reference = items[0].view.input.prompt;
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways; the keyboard must reach it
      tabIndex={0}
      aria-label="Parameters compared"
      className="overflow-x-auto rounded-2xl border border-border bg-surface shadow-sm"
    >
      <table className="w-full border-collapse text-sm" data-testid="diff-table">
        <caption className="px-4 pt-3 text-left text-xs font-medium tracking-wide text-fg-muted uppercase">
          Parameters, differences highlighted
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-4 py-2 text-left font-medium text-fg-muted">
              Parameter
            </th>
            {items.map((item, index) => (
              <th key={`${item.view.id}.${item.output.index}`} scope="col" className="px-4 py-2 text-left font-medium">
                Image {index + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              data-testid="diff-row"
              data-field={row.key}
              data-differs={row.differs}
              className={`border-t border-border align-top ${row.differs ? "bg-warning/10" : ""}`}
            >
              <th scope="row" className="px-4 py-2 text-left font-normal whitespace-nowrap text-fg-muted">
                {row.label}
                {row.differs && <span className="ml-1.5 rounded bg-warning/20 px-1 text-xs font-medium text-fg">differs</span>}
              </th>
              {row.values.map((value, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one cell per compared image, in a fixed order
                <td key={index} className="px-4 py-2 break-words tabular-nums">
                  {row.key === "prompt" && index > 0 && row.differs ? (
                    <PromptDiff reference={reference} other={value} />
                  ) : row.key === "created" ? (
                    <LocalTime iso={value} absolute />
                  ) : (
                    value
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PromptDiff({ reference, other }: { reference: string; other: string }) {
  return (
    <span data-testid="prompt-diff">
      {promptDiff(reference, other).map((part) =>
        part.kind === "added" ? (
          <ins key={part.key} className="rounded bg-success/15 px-0.5 text-success underline decoration-2">
            {part.text}
          </ins>
        ) : part.kind === "removed" ? (
          <del key={part.key} className="rounded bg-danger/10 px-0.5 text-fg decoration-danger decoration-2">
            {part.text}
          </del>
        ) : (
          <span key={part.key}>{part.text}</span>
        ),
      )}
    </span>
  );
}
