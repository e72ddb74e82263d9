import type { Classifier } from '../model/classifier';
import { FHIR_PATIENT_RESOURCES, FHIR_RESOURCE_LABELS } from '../model/vocabulary';
import { categorize, categorizeLabel, type CategorizedLabel, KNOWN_LABELS } from './categories';

/**
 * Reading a finding back as the rule wrote it: its message id and placeholder values, from the
 * rule's own message templates (`meta.messages`), so that the inventory and the rules share one
 * wording and never disagree on what a finding says.
 */
export interface ParsedMessage {
  messageId: string;
  data: Record<string, string>;
}

interface CompiledTemplate {
  messageId: string;
  pattern: RegExp;
  names: string[];
}

const compiled = new Map<string, CompiledTemplate[]>();

function compile(messages: Readonly<Record<string, string>>): CompiledTemplate[] {
  return Object.entries(messages).map(([messageId, template]) => {
    const names: string[] = [];
    const pieces = template.split(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/);
    let source = '^';
    pieces.forEach((piece, index) => {
      if (index % 2 === 0) {
        source += piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return;
      }
      if (names.includes(piece)) source += `\\k<${piece}>`;
      else {
        names.push(piece);
        source += `(?<${piece}>[\\s\\S]*?)`;
      }
    });
    // An expired suppression adds its date to the message (cli/findings.ts).
    source += '(?: \\(its suppression expired on [^)]*\\))?$';
    return { messageId, pattern: new RegExp(source), names };
  });
}

/** The message id and data of a finding, when the text is one of the rule's templates. */
export function parseMessage(
  ruleId: string,
  messages: Readonly<Record<string, string>> | undefined,
  text: string,
): ParsedMessage | undefined {
  if (!messages) return undefined;
  let templates = compiled.get(ruleId);
  if (!templates) {
    templates = compile(messages);
    compiled.set(ruleId, templates);
  }
  // The template with the fewest placeholders that matches is the most specific.
  let best: { template: CompiledTemplate; match: RegExpExecArray } | undefined;
  for (const template of templates) {
    const match = template.pattern.exec(text);
    if (match && (!best || template.names.length < best.template.names.length))
      best = { template, match };
  }
  if (!best) return undefined;
  return { messageId: best.template.messageId, data: { ...best.match.groups } };
}

/** Fills a flow template (`{{method}} {{path}}`) with the values of a message. */
export function fill(template: string, data: Readonly<Record<string, string>>): string {
  return template
    .replace(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g, (_, name: string) => data[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

const CODE_SPAN = /`([^`]*)`/g;

function labelPattern(label: string): RegExp {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `patient records` names the same data as `patient record`.
  return new RegExp(`(?<![\\w-])${escaped}s?(?![\\w-])`, 'g');
}

const LABEL_PATTERNS = KNOWN_LABELS.map((label) => [label, labelPattern(label)] as const);

/**
 * The kinds of patient data a piece of a message names: the vocabulary's labels in its prose
 * (`name, social security number (NIR) and HIV/STI status`), FHIR resources (`Observation
 * data`), and the names it quotes as code or lists (`patients`, `nir, groupeSanguin`) as the
 * classifier classifies them.
 */
export function labelsIn(text: string, classifier: Classifier): CategorizedLabel[] {
  const found: CategorizedLabel[] = [];
  const quoted: string[] = [];
  let prose = text.replace(CODE_SPAN, (_, code: string) => {
    quoted.push(code);
    return ' ';
  });
  for (const [label, pattern] of LABEL_PATTERNS) {
    prose = prose.replace(pattern, () => {
      const categorized = categorizeLabel(label);
      if (categorized) found.push(categorized);
      return ' ';
    });
  }
  for (const word of prose.match(/\b[A-Z][A-Za-z]+\b/g) ?? []) {
    if (!FHIR_PATIENT_RESOURCES.has(word)) continue;
    const categorized = categorizeLabel(FHIR_RESOURCE_LABELS.get(word) ?? 'patient record');
    if (categorized) found.push(categorized);
  }
  return [...found, ...namesIn(quoted, classifier)];
}

/** Names as the classifier classifies them, in a record (`nir`, `groupeSanguin`, `patients`). */
export function namesIn(names: readonly string[], classifier: Classifier): CategorizedLabel[] {
  const found: CategorizedLabel[] = [];
  for (const raw of names) {
    const name = raw.replace(/\(\)$/, '').trim();
    if (!name || name === '…') continue;
    const classification =
      classifier.classify(name, { inContainer: true }) ?? classifier.container(name);
    if (
      classification &&
      (classification.role === 'data' || classification.category === 'container')
    )
      found.push(categorize(classification));
  }
  return found;
}
