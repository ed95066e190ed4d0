/**
 * The longest prompt accepted, in characters. FLUX.1 Kontext reads the prompt through a T5 text
 * encoder that stops at 512 tokens, about 2,000 characters of English: text past that never reaches
 * the picture, so accepting it would only hide that it was cut.
 */
export const MAX_PROMPT_CHARS = 2000;

// Zero-width spaces and joiners, fillers and other characters fonts draw as nothing; U+2800 is a blank Braille cell.
const DRAWN_AS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** Whether the text shows anything: a letter, digit, punctuation or symbol that is not drawn as nothing. */
export const hasVisibleCharacter = (text: string) => VISIBLE.test(text.replace(DRAWN_AS_NOTHING, ""));

/** Length as a person counts it: an emoji or an accented letter written as one code point is one. */
export const promptLength = (text: string) => [...text].length;
