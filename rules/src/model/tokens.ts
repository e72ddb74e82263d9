/** Names already split: identifiers repeat across rules and files (`push`, `map`, `patient`). */
const tokenized = new Map<string, readonly string[]>();
/** Distinct names kept; past it the memo starts over (a generated file must not grow it forever). */
const MAX_TOKENIZED = 50_000;

/**
 * Splits an identifier, property key, column name or string key into folded words:
 * camelCase, PascalCase, snake_case, kebab-case, SCREAMING_CASE, dotted paths and digits,
 * with accents and letter case folded (`numéroSécu` -> `numero secu`, `NUM_SECU` -> `num secu`).
 */
export function tokenize(name: string): readonly string[] {
  let words = tokenized.get(name);
  if (words === undefined) {
    if (tokenized.size >= MAX_TOKENIZED) tokenized.clear();
    words = Object.freeze(splitWords(name));
    tokenized.set(name, words);
  }
  return words;
}

function splitWords(name: string): string[] {
  const words: string[] = [];
  const folded = foldAccents(name);
  let current = '';
  let previous: 'lower' | 'upper' | 'digit' | 'other' = 'other';
  const flush = () => {
    if (current.length > 0) words.push(current.toLowerCase());
    current = '';
  };
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    const kind = charKind(ch);
    if (kind === 'other') {
      flush();
      previous = 'other';
      continue;
    }
    if (current.length > 0) {
      const next = i + 1 < folded.length ? charKind(folded[i + 1]!) : 'other';
      const boundary =
        (kind === 'upper' && previous === 'lower') ||
        (kind === 'digit') !== (previous === 'digit') ||
        // The last capital of an acronym starts the next word: `HIVStatus` -> hiv status;
        // not before an acronym's plural: `patientIDs` -> patient ids, `URLs` -> urls.
        (kind === 'upper' && previous === 'upper' && next === 'lower' && !acronymPlural(folded, i));
      if (boundary) flush();
    }
    current += ch;
    previous = kind;
  }
  flush();
  return words;
}

/** `IDs`, `URLs`: the capital at `i` ends an acronym followed by a lone plural `s`. */
function acronymPlural(text: string, i: number): boolean {
  if (text[i + 1] !== 's') return false;
  const after = i + 2 < text.length ? charKind(text[i + 2]!) : 'other';
  return after !== 'lower';
}

function charKind(ch: string): 'lower' | 'upper' | 'digit' | 'other' {
  const code = ch.charCodeAt(0);
  if (code >= 97 && code <= 122) return 'lower';
  if (code >= 65 && code <= 90) return 'upper';
  if (code >= 48 && code <= 57) return 'digit';
  return 'other';
}

const ACCENTS: Record<string, string> = {
  à: 'a',
  á: 'a',
  â: 'a',
  ä: 'a',
  ã: 'a',
  å: 'a',
  ç: 'c',
  è: 'e',
  é: 'e',
  ê: 'e',
  ë: 'e',
  ì: 'i',
  í: 'i',
  î: 'i',
  ï: 'i',
  ñ: 'n',
  ò: 'o',
  ó: 'o',
  ô: 'o',
  ö: 'o',
  õ: 'o',
  ù: 'u',
  ú: 'u',
  û: 'u',
  ü: 'u',
  ý: 'y',
  ÿ: 'y',
  œ: 'oe',
  æ: 'ae',
  À: 'A',
  Á: 'A',
  Â: 'A',
  Ä: 'A',
  Ã: 'A',
  Å: 'A',
  Ç: 'C',
  È: 'E',
  É: 'E',
  Ê: 'E',
  Ë: 'E',
  Ì: 'I',
  Í: 'I',
  Î: 'I',
  Ï: 'I',
  Ñ: 'N',
  Ò: 'O',
  Ó: 'O',
  Ô: 'O',
  Ö: 'O',
  Õ: 'O',
  Ù: 'U',
  Ú: 'U',
  Û: 'U',
  Ü: 'U',
  Ý: 'Y',
  Œ: 'OE',
  Æ: 'AE',
};

/** Folds the accents of French and other Latin scripts; ASCII input is returned as is. */
export function foldAccents(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) out += ACCENTS[ch] ?? ch;
  return out;
}

/** Folds a whole name for exact comparisons (config exclusions): accents, case, separators. */
export function foldName(name: string): string {
  return tokenize(name).join('');
}
