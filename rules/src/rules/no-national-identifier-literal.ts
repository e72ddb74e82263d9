import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  keyName,
  propertyName,
  sourceRangeOf,
  type StaticString,
  templatePart,
  tokenize,
} from '../model';
import { createRule } from '../util/create-rule';

type MessageIds = 'nir' | 'ssn' | 'replaceWithSynthetic';

/** A national identifier found in a piece of literal text, by offsets in that text. */
export interface IdentifierMatch {
  kind: 'nir' | 'nia' | 'ssn';
  start: number;
  end: number;
  /** The same text with the identifier made invalid (control key 00, or SSN area 000). */
  synthetic: string;
}

/*
 * French NIR / INS: sex (1, 2; 3, 4 for some foreign-born registrations; 7, 8 for the NIA
 * temporary number used as INS-NIA), year, month, department (2A/2B for Corsica), commune,
 * order, then the control key. Groups may be separated by one space, dot or dash.
 */
const NIR_PATTERN =
  /(?<![\dA-Za-z])([1-478])[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2}|2[AaBb])[ .-]?(\d{3})[ .-]?(\d{3})[ .-]?(\d{2})(?![\dA-Za-z])/g;

/** US SSN written AAA-GG-SSSS (the dashes keep order and phone numbers out). */
const SSN_DASHED = /(?<![\dA-Za-z-])(\d{3})-(\d{2})-(\d{4})(?![\dA-Za-z-])/g;
/** Nine digits alone, only read as an SSN when the literal sits under an ssn-named key. */
const SSN_BARE = /^(\d{3})[ ]?(\d{2})[ ]?(\d{4})$/;

/** Numbers published as samples (wallet card, advertising, documentation), never a real person's. */
const SAMPLE_SSNS = new Set(['078051120', '219099999', '123456789']);

/** INSEE month field: 01-12, 20-42 and 50-99 are used for registrations without a known month. */
function validNirMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
}

/** The INSEE control key of the first 13 characters of a NIR; Corsica 2A/2B count as 19/18. */
export function nirKey(body: string): number {
  const digits = body.replace(/2A/i, '19').replace(/2B/i, '18');
  // 13 digits stay below 2^53, so plain numbers are exact.
  return 97 - (Number(digits) % 97);
}

function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  return !SAMPLE_SSNS.has(area + group + serial);
}

/**
 * National identifiers with a valid structure and checksum in a text. `ssnContext` allows
 * nine bare digits when the value is known to be an SSN field.
 */
/** Whether `text` holds at least `count` digits: every identifier here has nine or more. */
function hasDigits(text: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++seen >= count) return true;
  }
  return false;
}

export function findNationalIdentifiers(text: string, ssnContext = false): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  if (text.length < 9 || text.length > 10_000 || !hasDigits(text, 9)) return found;
  for (const m of text.matchAll(NIR_PATTERN)) {
    const [whole, sex, , month, department, commune, order, key] = m;
    if (!validNirMonth(Number(month))) continue;
    const body = `${sex}${m[2]}${month}${department}${commune}${order}`;
    if (nirKey(body) !== Number(key)) continue;
    const start = m.index;
    const end = start + whole.length;
    found.push({
      kind: sex === '7' || sex === '8' ? 'nia' : 'nir',
      start,
      end,
      synthetic: `${text.slice(start, end - 2)}00`,
    });
  }
  for (const m of text.matchAll(SSN_DASHED)) {
    const [whole, area, group, serial] = m;
    if (!validSsn(area!, group!, serial!)) continue;
    if (found.some((f) => f.start < m.index + whole.length && m.index < f.end)) continue;
    found.push({
      kind: 'ssn',
      start: m.index,
      end: m.index + whole.length,
      synthetic: `000${whole.slice(3)}`,
    });
  }
  if (ssnContext && found.length === 0) {
    const trimmed = text.trim();
    const m = SSN_BARE.exec(trimmed);
    if (m && validSsn(m[1]!, m[2]!, m[3]!)) {
      const start = text.indexOf(trimmed);
      found.push({
        kind: 'ssn',
        start,
        end: start + trimmed.length,
        synthetic: `000${trimmed.slice(3)}`,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const KIND_LABEL: Record<IdentifierMatch['kind'], string> = {
  nir: 'French social security number (NIR/INS)',
  nia: 'French temporary identification number (NIA, used as INS-NIA)',
  ssn: 'US Social Security number',
};

/** `ssn`, `socialSecurityNumber`, `patient_ssn`: the name says the value is an SSN. */
function isSsnName(name: string | undefined): boolean {
  if (!name) return false;
  const words = tokenize(name);
  return (
    words.includes('ssn') ||
    words.join(' ').includes('social security') ||
    words.includes('socialsecurity')
  );
}

/** The name a literal is stored under: object key, variable, assigned member or JSX attribute. */
function ownerName(node: TSESTree.Node): string | undefined {
  let current: TSESTree.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.JSXExpressionContainer ||
      parent.type === AST_NODE_TYPES.TemplateLiteral)
  ) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.Property:
      return parent.value === current ? keyName(parent) : undefined;
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === current ? keyName(parent) : undefined;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.left.type === AST_NODE_TYPES.Identifier) return parent.left.name;
      return parent.left.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(parent.left)
        : undefined;
    case AST_NODE_TYPES.JSXAttribute:
      return parent.name.type === AST_NODE_TYPES.JSXIdentifier ? parent.name.name : undefined;
    default:
      return undefined;
  }
}

/** Maps text offsets to file offsets for text the source spells verbatim from `sourceStart`. */
function verbatimAt(sourceStart: number) {
  return (start: number, end: number): TSESTree.Range => [sourceStart + start, sourceStart + end];
}

export default createRule<[], MessageIds>({
  name: 'no-national-identifier-literal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow real national identifiers (NIR, INS, SSN) written as literals',
      preset: 'recommended',
      cnilFinding: 'Social security numbers (NIR) were among the leaked patient fields',
      references: ['GDPR-32', 'GDPR-87', 'CNIL-SAN-2022-009', 'HIPAA-164.514(b)', 'CWE-359'],
      securitySeverity: 6.5,
    },
    hasSuggestions: true,
    messages: {
      nir: 'This literal holds a {{kind}} whose control key is valid: an identifier copied from real records leaks with every clone, CI log and backup of the repository; use a synthetic one with an invalid key.',
      ssn: 'This literal holds a {{kind}} that passes the SSA issuance rules: an identifier copied from real records leaks with every clone, CI log and backup of the repository; use a synthetic one that can never be issued.',
      replaceWithSynthetic:
        'Replace it with a synthetic identifier of the same format that can never be valid.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    /**
     * Reports the identifiers in one piece of text. `sourceRange` maps a range of the text to
     * the file when the source spells it (verbatim, or a template with CRLF line ends); without
     * it (escapes) the whole node is reported and no edit is offered.
     */
    function check(
      node: TSESTree.Node,
      text: string,
      sourceRange: ((start: number, end: number) => TSESTree.Range | undefined) | undefined,
      ssnContext: boolean,
    ): void {
      for (const match of findNationalIdentifiers(text, ssnContext)) {
        const range = sourceRange?.(match.start, match.end);
        const loc = range
          ? {
              start: sourceCode.getLocFromIndex(range[0]),
              end: sourceCode.getLocFromIndex(range[1]),
            }
          : node.loc;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = range
          ? [
              {
                messageId: 'replaceWithSynthetic',
                fix: (fixer) => fixer.replaceTextRange(range, match.synthetic),
              },
            ]
          : [];
        context.report({
          node,
          loc,
          messageId: match.kind === 'ssn' ? 'ssn' : 'nir',
          data: { kind: KIND_LABEL[match.kind] },
          suggest,
        });
      }
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') {
          const raw = node.raw.slice(1, -1);
          check(
            node,
            node.value,
            raw === node.value ? verbatimAt(node.range[0] + 1) : undefined,
            isSsnName(ownerName(node)),
          );
        } else if (typeof node.value === 'number' || typeof node.value === 'bigint') {
          // Numeric literals: only their exact digits, as written (`284053523804553`, `284053523804553n`).
          const digits = node.raw.replace(/n$/, '');
          if (/^\d+$/.test(digits))
            check(node, digits, verbatimAt(node.range[0]), isSsnName(ownerName(node)));
        }
      },
      TemplateElement(node) {
        const cooked = node.value.cooked;
        if (cooked === null || cooked === undefined) return;
        const template = node.parent;
        const ssnContext =
          template?.type === AST_NODE_TYPES.TemplateLiteral &&
          template.expressions.length === 0 &&
          isSsnName(ownerName(template));
        const text: StaticString = {
          text: cooked,
          parts: [templatePart(node, cooked, 0)],
          holes: 0,
        };
        check(node, cooked, (start, end) => sourceRangeOf(text, start, end), ssnContext);
      },
      JSXText(node) {
        check(
          node,
          node.value,
          node.raw === node.value ? verbatimAt(node.range[0]) : undefined,
          false,
        );
      },
    };
  },
});
