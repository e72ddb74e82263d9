import type { Classification } from '../model/classifier';
import { type VocabularyEntry, VOCABULARY } from '../model/vocabulary';

/**
 * The categories of patient data the inventory lists, in the order a record of processing lists
 * them (GDPR art. 30(1)(c)): who the person is, how to reach them, the numbers that identify them
 * nationally, their health data (art. 9, with its kinds), and records whose fields the analysis
 * did not name. Each comes from the vocabulary entry that classified a name, never from a list
 * of its own.
 */
export type CategoryId =
  'identity' | 'contact' | 'national-identifier' | 'health' | 'patient-record';

export const CATEGORY_ORDER: readonly CategoryId[] = [
  'identity',
  'contact',
  'national-identifier',
  'health',
  'patient-record',
];

export const CATEGORY_TITLES: Readonly<Record<CategoryId, string>> = {
  identity: 'Identity',
  contact: 'Contact details',
  'national-identifier': 'National and insurance identifiers',
  health: 'Health data (special category, GDPR art. 9)',
  'patient-record': 'Patient records, fields not named',
};

/** The label of a whole record: what a finding names when it names no field. */
export const RECORD_LABEL = 'patient record';

/** A kind of data in a category: a vocabulary label (`HIV/STI status`, `name`). */
export interface CategorizedLabel {
  category: CategoryId;
  kind: string;
}

type EntryFacts = Pick<VocabularyEntry, 'category' | 'contact'>;

function categoryOfEntry(entry: EntryFacts): CategoryId {
  switch (entry.category) {
    case 'nationalId':
      return 'national-identifier';
    case 'health':
      return 'health';
    case 'identity':
      return entry.contact ? 'contact' : 'identity';
    default:
      return 'patient-record';
  }
}

/** Labels a project's own vocabulary (healthdata.config.json) adds, with their categories. */
const CONFIG_LABELS: ReadonlyMap<string, EntryFacts> = new Map([
  ['identity data', { category: 'identity' }],
  ['national identifier', { category: 'nationalId' }],
  ['health data', { category: 'health' }],
]);

const ENTRY_OF_LABEL: ReadonlyMap<string, EntryFacts> = new Map<string, EntryFacts>([
  ...CONFIG_LABELS,
  ...VOCABULARY.map((entry) => [entry.label, entry] as const),
]);

/** Every label the vocabulary gives, longest first (so `e-mail address` wins over `address`). */
export const KNOWN_LABELS: readonly string[] = [...ENTRY_OF_LABEL.keys()].sort(
  (a, b) => b.length - a.length || (a < b ? -1 : 1),
);

export function categorizeLabel(label: string): CategorizedLabel | undefined {
  const entry = ENTRY_OF_LABEL.get(label);
  return entry ? { category: categoryOfEntry(entry), kind: label } : undefined;
}

/** The category of a classified name: its vocabulary entry's, found by the label it gave. */
export function categorize(classification: Classification): CategorizedLabel {
  return (
    categorizeLabel(classification.label) ?? {
      category: categoryOfEntry(classification),
      kind: classification.label,
    }
  );
}
