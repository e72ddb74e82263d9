import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { type FunctionNode, isFunctionNode, walk } from '../../src/model/ast';
import { namedBinding } from '../../src/fix/bindings';
import { returnsPending, tryFinallyFix } from '../../src/fix/try-finally';

/**
 * Applies the fix wrapping the rest of the block from the first `work()` call in
 * `try { … } finally { cleanup(); }` (reading `reads` names, importing `rm` when `withImport`),
 * and returns the fixed code — the input unchanged when the wrap is refused.
 */
function wrapped(
  code: string,
  { reads = [], withImport = false }: { reads?: string[]; withImport?: boolean } = {},
): string {
  const rule: TSESLint.RuleModule<'wrap', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', fixable: 'code', messages: { wrap: 'wrap' }, schema: [] },
    create(context) {
      let done = false;
      return {
        CallExpression(node) {
          if (done || node.callee.type !== 'Identifier' || node.callee.name !== 'work') return;
          done = true;
          let fn: TSESTree.Node | undefined = node.parent;
          while (fn && !isFunctionNode(fn)) fn = fn.parent;
          if (!fn) return;
          const binding = withImport
            ? namedBinding(context.sourceCode, context.filename, 'rm', ['node:fs/promises'], node)
            : undefined;
          const fix = tryFinallyFix(context.sourceCode, {
            from: node,
            fn: fn as FunctionNode,
            finalizer: binding ? `await ${binding.call}(out);` : 'cleanup();',
            finalizerReads: declared(fn, reads),
            along: binding?.imports,
          });
          if (fix) context.report({ node, messageId: 'wrap', fix });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser, sourceType: 'module' },
        plugins: { kit: { rules: { wrap: rule as never } } },
        rules: { 'kit/wrap': 'error' },
      },
    ],
    { filename: 'src/app.ts' },
  );
  assert.ok(messages.every((m) => !m.fatal));
  const fix = messages[0]?.fix;
  return fix ? code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]) : code;
}

/** The names declared in a function, as the identifiers that declare them. */
function declared(fn: TSESTree.Node, names: readonly string[]): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  walk(fn, (node) => {
    if (
      node.type === 'VariableDeclarator' &&
      node.id.type === 'Identifier' &&
      names.includes(node.id.name)
    )
      found.push(node.id);
  });
  return found;
}

describe('fix kit: tryFinallyFix', () => {
  it('wraps the rest of the block, keeping comments before the closing brace inside the try', () => {
    assert.equal(
      wrapped(`function f() {
  prepare();
  work();
  send();
  // sent
}
`),
      `function f() {
  prepare();
  try {
    work();
    send();
    // sent
  } finally {
    cleanup();
  }
}
`,
    );
  });

  it('leaves template literal lines as they are', () => {
    assert.equal(
      wrapped(`function f() {
  work(\`a
b\`);
}
`),
      `function f() {
  try {
    work(\`a
b\`);
  } finally {
    cleanup();
  }
}
`,
    );
  });

  it('adds the import the finally statement needs', () => {
    assert.equal(
      wrapped(
        `async function f(out) {
  await work();
}
`,
        { withImport: true },
      ),
      `import { rm } from 'node:fs/promises';
async function f(out) {
  try {
    await work();
  } finally {
    await rm(out);
  }
}
`,
    );
  });

  it('refuses when a name declared inside is used after the block, or the code shares its line', () => {
    const used = `function f() {
  if (x) {
    var v = work();
  }
  return v;
}
`;
    assert.equal(wrapped(used), used);
    const shared = `function f() { a(); work(); }
`;
    assert.equal(wrapped(shared), shared);
  });

  it('refuses when the finally statement reads a name declared inside', () => {
    const code = `function f() {
  work();
  const out = name();
}
`;
    assert.equal(wrapped(code, { reads: ['out'] }), code);
    assert.notEqual(wrapped(code, { reads: [] }), code);
  });

  it('refuses to wrap declarations of functions and classes', () => {
    const code = `function f() {
  work();
  function g() {}
}
`;
    assert.equal(wrapped(code), code);
  });

  it('refuses in an async function that returns a pending promise', () => {
    const code = `async function f() {
  await work();
  return send();
}
`;
    assert.equal(wrapped(code), code);
  });
});

describe('fix kit: returnsPending', () => {
  it('a return of a call, `new` or a choice of values, not in nested functions', () => {
    const program = parser.parse(
      `async function f() {
  if (x) { return send(); }
  return x ? y : z;
  return value;
  const g = () => { return send(); };
  return;
}`,
      { range: true },
    ) as TSESTree.Program;
    const body = (program.body[0] as TSESTree.FunctionDeclaration).body.body;
    assert.deepEqual(body.map(returnsPending), [true, true, false, false, false]);
  });
});
