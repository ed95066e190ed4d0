import { describedBy, Field, inputClass } from "./field";

const EXAMPLE =
  "A grand steampunk airship soaring through the sky, with intricate brass and copper details, large propellers spinning, and a massive balloon filled with hot air. The airship is adorned with Victorian-style architecture, featuring ornate railings and decorative elements. The sky is a brilliant blue with fluffy white clouds, and the airship casts a shadow on the landscape below. The scene conveys a sense of adventure and exploration";

export function PromptField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <Field
      id="prompt"
      label="Prompt"
      error={error}
      hint={
        <>
          Describe the image. Press <kbd className="font-sans">Ctrl</kbd>/<kbd className="font-sans">⌘</kbd> +{" "}
          <kbd className="font-sans">Enter</kbd> to generate.
        </>
      }
      aside={
        !value && (
          <button type="button" onClick={() => onChange(EXAMPLE)} className="rounded text-xs text-accent hover:underline">
            Try an example
          </button>
        )
      }
    >
      <textarea
        id="prompt"
        name="prompt"
        rows={5}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="A lighthouse on a cliff at dawn, oil painting…"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy("prompt", { hint: true, error })}
        className={`${inputClass(Boolean(error))} w-full min-h-28 resize-y leading-relaxed`}
      />
    </Field>
  );
}
