import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** 1-based, as editors and `file:line:column` links count. */
export interface TextPosition {
  line: number;
  column: number;
}

export type JsonText =
  | {
      ok: true;
      data: unknown;
      /** Where the key at `path` is written (or its value, for an array item), when it is. */
      locate: (path: readonly string[]) => TextPosition | undefined;
    }
  | { ok: false; message: string; position?: TextPosition };

function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function child(node: Node, segment: string): Node | undefined {
  if (node.type === 'array') return node.children?.[Number(segment)];
  if (node.type !== 'object') return undefined;
  // The last property of a name wins, as in JSON.parse.
  const property = node.children?.findLast((entry) => entry.children?.[0]?.value === segment);
  return property;
}

/** JSON.parse alone, without positions: for text nested deeper than jsonc-parser can recurse. */
function readWithoutPositions(text: string): JsonText {
  try {
    return { ok: true, data: JSON.parse(text), locate: () => undefined };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads a JSON file's text: strict JSON (no comments, no trailing commas), with the position of
 * the first syntax error, and of any key afterwards. jsonc-parser only finds the positions; the
 * data comes from JSON.parse, which never lets a `__proto__` key reach a prototype.
 */
export function readJsonText(text: string): JsonText {
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch {
    // A stack overflow on hostile nesting: a configuration file never loses its lint for it.
    return readWithoutPositions(text);
  }
  const [first] = errors;
  if (first) {
    // `CommaExpected` → "comma expected".
    const what = printParseErrorCode(first.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    return { ok: false, message: what, position: positionAt(text, first.offset) };
  }
  const json = readWithoutPositions(text);
  if (!json.ok) return json;
  const locate = (path: readonly string[]): TextPosition | undefined => {
    let node = tree;
    for (const segment of path) {
      if (!node) return undefined;
      const next = child(node, segment);
      // A property node: its key first, its value second.
      node = next?.type === 'property' ? next.children?.[1] : next;
    }
    if (!node || path.length === 0) return undefined;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : node;
    return key ? positionAt(text, key.offset) : undefined;
  };
  return { ...json, locate };
}
