/**
 * Messages travel further than the code: CI logs, SARIF uploads, editor output channels. When a
 * message must name a literal (a file path, a folder, a route, a bucket key), the literal may have
 * been built from a patient's record (`dossier-<NIR>.json`, `exports/jean.dupont@mail.fr/`), so
 * what identifies a person is masked before it is quoted.
 */

/** What replaces a masked value. */
export const MASK = '…';

/** Longest text quoted by default; the end is cut with an ellipsis. */
export const MAX_QUOTED_LENGTH = 40;

/**
 * Longest message of a finding once its placeholders are filled: the Problems panel of VS Code
 * shows about 100 characters of it (issue 22); tests hold every message of the seeds and of the
 * rule tests to it.
 */
export const MAX_FINDING_MESSAGE_LENGTH = 120;

/**
 * Longest piece of code (a sink, a routine, a route path) a message quotes: a message is one
 * sentence of at most 120 characters, the length the Problems panel shows (issue 22).
 */
export const MAX_QUOTED_CODE_LENGTH = 30;

const IDENTIFYING_SHAPES: readonly RegExp[] = [
  // E-mail addresses.
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // French NIR, spaced as printed on the carte Vitale: 1 84 05 75 123 456 (78), Corsica 2A/2B.
  /(?<!\d)[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?!\d)/gi,
  // US SSN as written with dashes or spaces: 123-45-6789.
  /(?<!\d)\d{3}[-\s]\d{2}[-\s]\d{4}(?!\d)/g,
  // Any run of 6 or more digits: record numbers, identifiers, phone numbers, dates of birth.
  /\d{6,}/g,
];

/**
 * The text to quote in a message for a literal or a short piece of code: identifying values
 * masked, whitespace collapsed, and cut to `maxLength` characters.
 */
export function describeLiteralForMessage(text: string, maxLength = MAX_QUOTED_LENGTH): string {
  const masked = maskIdentifying(text.replace(/\s+/g, ' '));
  // Masking first, then cutting: a cut identifier could not be recognised any more.
  return masked.length > maxLength ? `${masked.slice(0, maxLength - 1)}${MASK}` : masked;
}

/** The text with every value shaped like an identifier (e-mail, NIR, SSN, long number) masked. */
export function maskIdentifying(text: string): string {
  let masked = text;
  for (const shape of IDENTIFYING_SHAPES) masked = masked.replace(shape, MASK);
  return masked;
}
