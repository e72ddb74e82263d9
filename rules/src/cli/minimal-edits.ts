import type { Edit, Position } from './findings';

/** Above this many line pairs the alignment is skipped: one trimmed edit is still correct. */
const MAX_ALIGNMENT_CELLS = 250_000;

function advance(start: Position, text: string): Position {
  const lines = text.split('\n');
  return lines.length === 1
    ? { line: start.line, column: start.column + text.length }
    : { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}

/** Lines with their terminators, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

interface Piece {
  /** Offset of the replaced text in `edit.before`. */
  from: number;
  to: number;
  text: string;
}

/** The replacement of `before` by `after` at `offset`, without their common prefix and suffix. */
function trimmedPiece(offset: number, before: string, after: string): Piece | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  return {
    from: offset + prefix,
    to: offset + before.length - suffix,
    text: after.slice(prefix, after.length - suffix),
  };
}

/**
 * Lines of `before` and `after` that hold the same code (ignoring indentation), as index pairs:
 * a longest common subsequence, so that re-indented and moved-around lines are recognised.
 */
function alignLines(before: readonly string[], after: readonly string[]): [number, number][] {
  const a = before.map((line) => line.trim());
  const b = after.map((line) => line.trim());
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i++, j++]);
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Splits a fix into the smallest replacements that only insert what is new. Rules often rewrite
 * a whole block to add a `try`/`finally` or an import; reproducing that block in a report would
 * copy the flagged code (a password, a NIR) into CI artifacts. Applying the pieces, in order,
 * gives exactly the rule's text.
 */
export function minimalEdits(edit: Edit): Edit[] {
  const beforeLines = splitLines(edit.before);
  const afterLines = splitLines(edit.text);
  const pieces: Piece[] = [];
  const push = (piece: Piece | undefined) => {
    if (piece) pieces.push(piece);
  };
  if (beforeLines.length * afterLines.length > MAX_ALIGNMENT_CELLS) {
    push(trimmedPiece(0, edit.before, edit.text));
  } else {
    const pairs = alignLines(beforeLines, afterLines);
    let i = 0;
    let j = 0;
    let offset = 0;
    const lengthOf = (lines: readonly string[], from: number, to: number) =>
      lines.slice(from, to).reduce((sum, line) => sum + line.length, 0);
    for (const [pi, pj] of [...pairs, [beforeLines.length, afterLines.length]] as const) {
      // The unmatched lines between two aligned ones: replaced as one trimmed run.
      const removed = beforeLines.slice(i, pi).join('');
      push(trimmedPiece(offset, removed, afterLines.slice(j, pj).join('')));
      offset += lengthOf(beforeLines, i, pi);
      if (pi < beforeLines.length) {
        push(trimmedPiece(offset, beforeLines[pi]!, afterLines[pj]!));
        offset += beforeLines[pi]!.length;
      }
      i = pi + 1;
      j = pj + 1;
    }
  }
  return pieces.map((piece) => {
    const start = advance(edit.start, edit.before.slice(0, piece.from));
    return {
      range: [edit.range[0] + piece.from, edit.range[0] + piece.to],
      before: edit.before.slice(piece.from, piece.to),
      text: piece.text,
      start,
      end: advance(start, edit.before.slice(piece.from, piece.to)),
    };
  });
}
