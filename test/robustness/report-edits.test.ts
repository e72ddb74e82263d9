import fc from 'fast-check';
import assert from 'node:assert/strict';
import type { Edit } from '../../rules/src/cli/findings';
import { minimalEdits } from '../../rules/src/cli/minimal-edits';
import { runs } from './support';

/** The edit replacing source[from, to) by `text`, as the CLI's findings carry it. */
function editOf(source: string, from: number, to: number, text: string): Edit {
  const position = (offset: number) => {
    const lines = source.slice(0, offset).split('\n');
    return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  };
  return {
    range: [from, to],
    before: source.slice(from, to),
    text,
    start: position(from),
    end: position(to),
  };
}

function applyAll(source: string, edits: readonly Edit[]): string {
  let out = source;
  for (const edit of [...edits].reverse())
    out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  return out;
}

const line = fc.constantFrom(
  "const pool = new Pool({ password: 'S3cr3t!Labo' });\n",
  "  fs.writeFileSync('/srv/export/patients.csv', csv);\n",
  '    console.log(patient.nir);\n',
  '}\n',
  'try {\n',
  '\n',
  "import { rm } from 'node:fs/promises';\n",
  '\r\n',
);
const lines = fc.array(line, { maxLength: 12 }).map((parts) => parts.join(''));
const reindent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

describe('robustness: report edits carry only what changes', function () {
  it('splits a fix into ordered replacements that rebuild the rule text exactly (fast-check)', function () {
    let cases = 0;
    fc.assert(
      fc.property(
        lines,
        lines,
        lines,
        lines,
        fc.constantFrom('', '  ', '\t'),
        (head, old, added, tail, indent) => {
          cases++;
          const source = head + old + tail;
          const text = added + reindent(old, indent) + added;
          const edit = editOf(source, head.length, head.length + old.length, text);
          const pieces = minimalEdits(edit);
          assert.equal(applyAll(source, pieces), head + text + tail);
          for (let i = 1; i < pieces.length; i++)
            assert.ok(pieces[i - 1]!.range[1] <= pieces[i]!.range[0], 'ordered, not overlapping');
          for (const piece of pieces) {
            assert.deepEqual(piece, editOf(source, piece.range[0], piece.range[1], piece.text));
            // Kept lines are never repeated: only the added lines and indentation are inserted.
            for (const kept of old.split('\n').filter((l) => l.trim().length > 2))
              if (!added.includes(kept.trim()))
                assert.ok(!piece.text.includes(kept.trim()), piece.text);
          }
        },
      ),
      { numRuns: runs(300) },
    );
    console.log(`      property "minimal edits rebuild the fix": ${cases} cases`);
  });
});
