import { describedBy, Field, inputClass } from "./field";

const EXAMPLE =
  "A grand steampunk airship soaring through the sky, with intricate brass and copper details, large propellers spinning, and a massive balloon filled with hot air. The airship is adorned with Victorian-style architecture, featuring ornate railings and decorative elements. The sky is a brilliant blue with fluffy white clouds, and the airship casts a shadow on the landscape below. The scene conveys a sense of adventure and exploration";

const Keys = ({ action }: { action: string }) => (
  <>
    <kbd className="font-sans">Ctrl</kbd>/<kbd className="font-sans">⌘</kbd> + <kbd className="font-sans">Enter</kbd> to {action}.
  </>
);

/** The wording of the one text field: a description to draw from, or an instruction for what to change in a picture. */
const WORDING = {
  generate: {
    label: "Prompt",
    placeholder: "A lighthouse on a cliff at dawn, oil painting…",
    hint: (
      <>
        Describe the image. <Keys action="generate" />
      </>
    ),
  },
  edit: {
    label: "What should change?",
    placeholder: "Make it night, with snow on the roof…",
    hint: (
      <>
        An instruction for the picture below, not a description of a new one. <Keys action="edit" />
      </>
    ),
  },
};

type Props = { value: string; error?: string; onChange: (value: string) => void; editing?: boolean };

export function PromptField({ value, error, onChange, editing = false }: Props) {
  const wording = WORDING[editing ? "edit" : "generate"];
  return (
    <Field
      id="prompt"
      label={wording.label}
      error={error}
      hint={wording.hint}
      aside={
        !value &&
        !editing && (
          <button type="button" onClick={() => onChange(EXAMPLE)} className="rounded text-xs text-accent hover:underline">
            Try an example
          </button>
        )
      }
    >
      <textarea
        id="prompt"
        name="prompt"
        rows={editing ? 3 : 5}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={wording.placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy("prompt", { hint: true, error })}
        className={`${inputClass(Boolean(error))} w-full min-h-20 resize-y leading-relaxed`}
      />
    </Field>
  );
}
