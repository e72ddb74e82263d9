import type { Linter } from 'eslint';

/**
 * A workaround, in this product's own processes only (the CLI and the language server), for a
 * cost of ESLint 9.x/10.x measured in docs/performance.md.
 *
 * ESLint gives each rule a context made by `FileContext#extend`, `Object.create(fileContext)`:
 * the file's context becomes a prototype, and V8 allocates a map (always an old object) that
 * points to it. Until the next full collection, that old-to-young pointer makes the minor
 * collector keep the file's context alive, and with it the SourceCode: the AST, tokens and scopes
 * of every file linted since, copied by each minor collection and promoted. Linting with one rule
 * that does nothing cost 1.16–1.25× the no-rules floor because of it; with contexts built as
 * plain copies it cost 0.96–1.02×.
 *
 * The replacement builds the same object: the same own properties (the file context's, then the
 * rule's), the same prototype methods (FileContext.prototype), frozen. It is installed only when
 * ESLint's `extend` is exactly the known one; any other ESLint is left alone. Setting
 * `HEALTH_DATA_LINT_ESLINT_CONTEXTS=unchanged` skips it (for comparing the two).
 */

export type RuleContextFix =
  | 'applied'
  | 'already-applied'
  | 'disabled'
  /** ESLint builds rule contexts some other way (older or newer than the known versions). */
  | 'not-recognised';

const APPLIED = Symbol.for('health-data-lint.eslint-rule-contexts');
export const DISABLE_ENV = 'HEALTH_DATA_LINT_ESLINT_CONTEXTS';

/** ESLint's own `extend`, whitespace removed: the only shape that gets replaced. */
const KNOWN_EXTEND =
  'extend(extension){returnObject.freeze(Object.assign(Object.create(this),extension));}';

interface FileContextPrototype {
  extend: (this: object, extension: object) => object;
  [APPLIED]?: true;
}

function copyingExtend(this: object, extension: object): object {
  return Object.freeze(Object.assign(Object.create(Object.getPrototypeOf(this)), this, extension));
}

/** What each ESLint's probe found: hosts call once per ESLint instance or linter, not per file. */
const probed = new WeakMap<typeof Linter, RuleContextFix>();

/**
 * Finds the FileContext prototype of the ESLint that `LinterClass` belongs to (through the
 * context a probe rule receives) and replaces its `extend`. Once per process (and thread).
 */
export function avoidRuleContextRetention(LinterClass: typeof Linter): RuleContextFix {
  if (process.env[DISABLE_ENV] === 'unchanged') return 'disabled';
  const known = probed.get(LinterClass);
  if (known) return known === 'applied' ? 'already-applied' : known;
  const outcome = probeAndReplace(LinterClass);
  probed.set(LinterClass, outcome);
  return outcome;
}

function probeAndReplace(LinterClass: typeof Linter): RuleContextFix {
  let found: unknown;
  const probe = {
    create(context: object) {
      // Unchanged: context -> the file's context -> FileContext.prototype; replaced: one step.
      let owner: unknown = Object.getPrototypeOf(context);
      while (owner && !Object.hasOwn(owner, 'extend')) owner = Object.getPrototypeOf(owner);
      found = owner;
      return {};
    },
  };
  try {
    new LinterClass({ configType: 'flat' }).verify(
      '',
      [{ plugins: { probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' } }],
      { filename: 'probe.js' },
    );
  } catch {
    return 'not-recognised';
  }
  if (!found || typeof found !== 'object') return 'not-recognised';
  const prototype = found as FileContextPrototype;
  if (prototype[APPLIED]) return 'already-applied';
  const own = Object.getOwnPropertyDescriptor(prototype, 'extend');
  if (typeof own?.value !== 'function') return 'not-recognised';
  if (String(own.value).replace(/\s+/g, '') !== KNOWN_EXTEND) return 'not-recognised';
  Object.defineProperty(prototype, 'extend', { ...own, value: copyingExtend });
  Object.defineProperty(prototype, APPLIED, { value: true });
  return 'applied';
}
