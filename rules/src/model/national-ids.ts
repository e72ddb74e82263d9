/**
 * National identifiers written in text: the French NIR (numéro d'inscription au répertoire, the
 * social security number, also the INS of health records) and the NIA used as INS-NIA, with the
 * INSEE control key, and the US Social Security number with the SSA's issuance rules and the
 * numbers published as samples. A match is an identifier whose structure and checksum are valid,
 * with the same text made invalid (control key 00, SSN area 000) for a synthetic replacement.
 * Also which names say a value is an SSN, and the name a literal is stored under. Read by the
 * national-identifier-literal rule.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { keyName, propertyName } from './ast';
import { AST_NODE_TYPES } from './node-types';
import { tokenize } from './tokens';

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
 * Format: 13 characters and a 2-digit control key, as service-public.fr describes it
 * ("Que signifie le numéro de sécurité sociale ?",
 * https://www.service-public.fr/particuliers/vosdroits/F33078).
 */
const NIR_PATTERN =
  /(?<![\dA-Za-z])([1-478])[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2}|2[AaBb])[ .-]?(\d{3})[ .-]?(\d{3})[ .-]?(\d{2})(?![\dA-Za-z])/g;

/** US SSN written AAA-GG-SSSS (the dashes keep order and phone numbers out). */
const SSN_DASHED = /(?<![\dA-Za-z-])(\d{3})-(\d{2})-(\d{4})(?![\dA-Za-z-])/g;
/** Nine digits alone, only read as an SSN when the literal sits under an ssn-named key. */
const SSN_BARE = /^(\d{3})[ ]?(\d{2})[ ]?(\d{4})$/;

/**
 * Numbers published as samples (wallet card, advertising, documentation), never a real person's:
 * 078-05-1120 and 219-09-9999 (SSA, "Social Security Numbers misused",
 * https://www.ssa.gov/history/ssn/misused.html), and the documentation favourite 123-45-6789.
 */
const SAMPLE_SSNS: ReadonlySet<string> = new Set(['078051120', '219099999', '123456789']);

/** INSEE month field: 01-12, 20-42 and 50-99 are used for registrations without a known month. */
function validNirMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
}

/**
 * The INSEE control key of the first 13 characters of a NIR: 97 minus the 13-digit number modulo
 * 97; Corsica 2A/2B count as 19/18.
 */
export function nirKey(body: string): number {
  const digits = body.replace(/2A/i, '19').replace(/2B/i, '18');
  // 13 digits stay below 2^53, so plain numbers are exact.
  return 97 - (Number(digits) % 97);
}

/**
 * Whether an SSN could be issued: never area 000, 666 or 900-999, group 00 or serial 0000 (SSA,
 * "Social Security Number Randomization", https://www.ssa.gov/employer/randomizationfaqs.html),
 * and not a published sample or a typed placeholder.
 */
export function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  const digits = area + group + serial;
  return (
    !SAMPLE_SSNS.has(digits) && !typedPlaceholder(digits) && !typedGroups([area, group, serial])
  );
}

/**
 * Nine digits typed as a placeholder rather than issued: one digit repeated (`111-11-1111`,
 * `444-44-4444`, the test fixtures' favourites) or a counting run (`987-65-4321`).
 */
function typedPlaceholder(digits: string): boolean {
  if (/^(\d)\1+$/.test(digits)) return true;
  return countingRun(digits);
}

/** Digits counting up or down (`123456789`, `987654321`, `4567890123`), wrapping past 9 or 0. */
function countingRun(digits: string): boolean {
  return '01234567890123456789'.includes(digits) || '98765432109876543210'.includes(digits);
}

/**
 * SSN groups typed one by one: each group one digit repeated (`111-22-3333`) or each a counting
 * run from its own start (`123-12-1234`), the shapes documentation and forms use as examples.
 */
function typedGroups(groups: readonly string[]): boolean {
  return (
    groups.every((group) => /^(\d)\1*$/.test(group)) ||
    groups.every((group) => countingRun(group) && group.startsWith('1'))
  );
}

/**
 * A NIR typed rather than issued: its body after the sex digit one digit repeated
 * (`1 11 11 11 111 111`) or a counting run (`1 23 45 67 890 123`), or the order number `000`,
 * which INSEE never assigns (orders run from 001).
 */
function typedNir(body: string, order: string): boolean {
  return order === '000' || typedPlaceholder(body.slice(1));
}

/** Whether `text` holds at least `count` digits: every identifier here has nine or more. */
function hasDigits(text: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++seen >= count) return true;
  }
  return false;
}

/**
 * National identifiers with a valid structure and checksum in a text. `ssnContext` allows
 * nine bare digits when the value is known to be an SSN field.
 */
export function findNationalIdentifiers(text: string, ssnContext = false): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  if (text.length < 9 || text.length > 10_000 || !hasDigits(text, 9)) return found;
  for (const m of text.matchAll(NIR_PATTERN)) {
    const [whole, sex, , month, department, commune, order, key] = m;
    if (!validNirMonth(Number(month))) continue;
    const body = `${sex}${m[2]}${month}${department}${commune}${order}`;
    if (nirKey(body) !== Number(key) || typedNir(body, order!)) continue;
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

/** `ssn`, `socialSecurityNumber`, `patient_ssn`: the name says the value is an SSN. */
export function isSsnName(name: string | undefined): boolean {
  if (!name) return false;
  const words = tokenize(name);
  return (
    words.includes('ssn') ||
    words.join(' ').includes('social security') ||
    words.includes('socialsecurity')
  );
}

/** The name a literal is stored under: object key, variable, assigned member or JSX attribute. */
export function storedUnderName(node: TSESTree.Node): string | undefined {
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

/** Whether a literal is stored under a name that says it is an SSN (`ssn: '123 45 6789'`). */
export function inSsnField(node: TSESTree.Node): boolean {
  return isSsnName(storedUnderName(node));
}
