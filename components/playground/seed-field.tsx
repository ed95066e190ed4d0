import { Button } from "@/components/ui/button";
import { DiceIcon } from "@/components/ui/icons";
import { MAX_SEED, MIN_SEED, randomSeed } from "@/lib/domain";
import { describedBy, Field, inputClass } from "./field";

export function SeedField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <Field id="seed" label="Seed" error={error} hint="Empty (or -1): a new random seed each run.">
      <div className="flex gap-2">
        {/* Wide enough for the largest seed (10 digits), no wider. */}
        <input
          id="seed"
          name="seed"
          type="number"
          inputMode="numeric"
          min={MIN_SEED}
          max={MAX_SEED}
          step={1}
          value={value}
          placeholder="Random"
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy("seed", { hint: true, error })}
          className={`${inputClass(Boolean(error))} w-[16ch] min-w-0 font-mono tabular-nums`}
        />
        <Button
          aria-label="Randomise seed"
          title="Randomise seed"
          className="shrink-0"
          onClick={() => onChange(String(randomSeed()))}
        >
          <DiceIcon />
        </Button>
      </div>
    </Field>
  );
}
