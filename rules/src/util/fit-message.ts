import type { TSESLint } from '@typescript-eslint/utils';
import { MASK, MAX_FINDING_MESSAGE_LENGTH } from '../model/redact';

/**
 * Every message fits the editor's Problems panel (issue 22): when a message filled with its data
 * would run past MAX_FINDING_MESSAGE_LENGTH, the longest placeholder values are cut, a few
 * characters at a time, until it fits. Cutting keeps backticks paired and never lengthens a value.
 */

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
/** A value is never cut below this many characters (before the ellipsis). */
const MIN_VALUE_LENGTH = 8;

function fill(template: string, data: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

function cut(value: string, length: number): string {
  let cutValue = `${value.slice(0, length)}${MASK}`;
  // `reads \`medical_cond…` would leave a backtick open.
  if ((cutValue.match(/`/g)?.length ?? 0) % 2 === 1) cutValue += '`';
  return cutValue;
}

/** The data with its longest values cut so that `template` filled with it fits. */
export function fitData(
  template: string,
  data: Readonly<Record<string, unknown>>,
  max = MAX_FINDING_MESSAGE_LENGTH,
): Record<string, unknown> {
  const fitted: Record<string, unknown> = { ...data };
  for (let guard = 0; guard < 20; guard++) {
    const excess = fill(template, fitted).length - max;
    if (excess <= 0) break;
    const longest = Object.entries(fitted)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length <= MIN_VALUE_LENGTH + 2) break;
    const [key, value] = longest;
    // Room for the ellipsis and a closing backtick.
    const keep = Math.max(MIN_VALUE_LENGTH, value.length - excess - 2);
    if (keep >= value.length - 1) break;
    fitted[key] = cut(value, keep);
  }
  return fitted;
}

/**
 * The rule's context with a `report` that fits each message's data to its template; everything
 * else is read from the context itself. A class rather than `Object.create(context)`: making each
 * file's context a prototype costs V8 a map conversion per rule and file (about 5 µs), more than
 * the rest of some rules' setup.
 */
class FittingContext<
  MessageIds extends string,
  Options extends readonly unknown[],
> implements Readonly<TSESLint.RuleContext<MessageIds, Options>> {
  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    private readonly messages: Readonly<Record<MessageIds, string>>,
  ) {}

  get id() {
    return this.context.id;
  }
  get languageOptions() {
    return this.context.languageOptions;
  }
  get options() {
    return this.context.options;
  }
  get parserOptions() {
    return this.context.parserOptions;
  }
  get parserPath() {
    return this.context.parserPath;
  }
  get parserServices() {
    return this.context.parserServices;
  }
  get settings() {
    return this.context.settings;
  }
  get cwd() {
    return this.context.cwd;
  }
  get filename() {
    return this.context.filename;
  }
  get physicalFilename() {
    return this.context.physicalFilename;
  }
  get sourceCode() {
    return this.context.sourceCode;
  }
  getAncestors() {
    return this.context.getAncestors();
  }
  getDeclaredVariables(
    node: Parameters<TSESLint.RuleContext<MessageIds, Options>['getDeclaredVariables']>[0],
  ) {
    return this.context.getDeclaredVariables(node);
  }
  getCwd() {
    return this.context.getCwd();
  }
  getFilename() {
    return this.context.getFilename();
  }
  getPhysicalFilename() {
    return this.context.getPhysicalFilename();
  }
  getScope() {
    return this.context.getScope();
  }
  getSourceCode() {
    return this.context.getSourceCode();
  }
  markVariableAsUsed(name: string) {
    return this.context.markVariableAsUsed(name);
  }
  report(descriptor: TSESLint.ReportDescriptor<MessageIds>): void {
    const template = this.messages[descriptor.messageId];
    const data = descriptor.data as Record<string, unknown> | undefined;
    this.context.report(
      template && data ? { ...descriptor, data: fitData(template, data) } : descriptor,
    );
  }
}

export function fittingContext<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  messages: Readonly<Record<MessageIds, string>>,
): Readonly<TSESLint.RuleContext<MessageIds, Options>> {
  return new FittingContext(context, messages);
}
