import type { HealthDataConfig } from '../config/project-config';
import { foldName, tokenize } from './tokens';
import {
  BOOLEAN_PREFIXES,
  type Category,
  COUNT_PREFIXES,
  HEAD_ROLES,
  LEADING_VERBS,
  NEGATIONS,
  QUALIFYING_PREPOSITIONS,
  SHORT_TERM_CONFIRMERS,
  TECHNICAL_QUALIFIERS,
  TIME_HEADS,
  type Tier,
  VOCABULARY,
  type VocabularyEntry,
} from './vocabulary';

/**
 * What a name says about the value it holds: `data` is the patient data itself; the other roles
 * name something about patient data that is not the data (an id, a count, a flag, a reference to
 * a table, model or file).
 */
export type Role = 'data' | 'id' | 'count' | 'flag' | 'reference';

export interface Classification {
  category: Category;
  tier: Tier;
  role: Role;
  /** Human label of the data, used in messages: `HIV/STI status`, `date of birth`. */
  label: string;
  /** The vocabulary term that matched, as folded words: `statut vih`. */
  term: string;
  /** The classified name as written. */
  name: string;
  /** True when a patient-like container word appears in the same name (`patientName`). */
  containerInName: boolean;
}

export interface ClassifyOptions {
  /** The name is a property of, or a column in, a patient-like container. */
  inContainer?: boolean;
}

interface Match {
  entry: VocabularyEntry;
  start: number;
  length: number;
}

const MAX_TERM_WORDS = 4;

/** Heads that name the state of a workflow: an order's or a result's status. */
const WORKFLOW_HEADS = new Set(['status', 'statuses', 'state', 'statut']);

const SENSITIVE_KEEPS = new Set([
  'type',
  'types',
  'kind',
  'code',
  'codes',
  'level',
  'value',
  'values',
]);

const CATEGORY_PRIORITY: Record<string, number> = {
  'nationalId/strong': 0,
  'health/strong': 1,
  // In `patientName` the identity word says which data; the container only says whose.
  'identity/weak': 2,
  'identity/strong': 2,
  'health/weak': 3,
  'container/strong': 4,
  'container/weak': 5,
};

/**
 * Classifies names (identifiers, property keys, SQL columns and tables, string keys) as patient
 * data. Tables are built once per configuration; each distinct name is classified once and the
 * answer cached, so the cost on a cached name is a map lookup with no allocation.
 */
export class Classifier {
  private readonly terms = new Map<string, VocabularyEntry[]>();
  private readonly excluded: Set<string>;
  private readonly cache = new Map<string, Classification | null>();
  private readonly containerCache = new Map<string, Classification | null>();

  constructor(config?: HealthDataConfig) {
    const extra: VocabularyEntry[] = [];
    if (config) {
      const { identity, nationalId, health, containers } = config.vocabulary;
      if (identity.length) extra.push(entry('identity', 'weak', 'identity data', identity));
      if (nationalId.length)
        extra.push(entry('nationalId', 'strong', 'national identifier', nationalId));
      if (health.length) extra.push(entry('health', 'strong', 'health data', health));
      if (containers.length) extra.push(entry('container', 'strong', 'patient record', containers));
    }
    for (const vocabularyEntry of [...VOCABULARY, ...extra]) {
      for (const term of vocabularyEntry.terms) {
        const key = tokenize(term).join(' ');
        if (!key) continue;
        const list = this.terms.get(key);
        if (list) list.push(vocabularyEntry);
        else this.terms.set(key, [vocabularyEntry]);
      }
    }
    this.excluded = new Set((config?.vocabulary.exclude ?? []).map(foldName));
  }

  /**
   * Classifies a name. Strong terms classify alone; weak identity and weak health terms only
   * when the name itself holds a patient container word or `inContainer` says its owner is one.
   * Returns undefined for names that are not about patients at all.
   */
  classify(name: string, options?: ClassifyOptions): Classification | undefined {
    const inContainer = options?.inContainer === true;
    const cacheKey = inContainer ? `\u0001${name}` : name;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.compute(name, inContainer) ?? null;
    this.cache.set(cacheKey, result);
    return result ?? undefined;
  }

  /** Shortcut: the name denotes patient data itself (role `data`). */
  isPatientData(name: string, options?: ClassifyOptions): boolean {
    return this.classify(name, options)?.role === 'data';
  }

  /**
   * The patient-container word in a name, whatever its role: `PatientModel`, `patients`,
   * `prisma.dossier`, `staging_patients` all name patient records (a table, a model, a list).
   */
  container(name: string): Classification | undefined {
    const cached = this.containerCache.get(name);
    if (cached !== undefined) return cached ?? undefined;
    let result: Classification | null = null;
    if (!this.excluded.has(foldName(name))) {
      const words = tokenize(name);
      for (const match of this.matches(words)) {
        if (match.entry.category !== 'container' || match.entry.tier !== 'strong') continue;
        result = this.toClassification(name, words, match, roleOf(words, match, false), true);
        break;
      }
    }
    this.containerCache.set(name, result);
    return result ?? undefined;
  }

  private compute(name: string, inContainer: boolean): Classification | undefined {
    if (name.length === 0 || name.length > 200) return undefined;
    if (this.excluded.has(foldName(name))) return undefined;
    const words = tokenize(name);
    if (words.length === 0) return undefined;
    const matches = this.matches(words);
    if (matches.length === 0) return undefined;
    const containerInName = matches.some(
      (m) => m.entry.category === 'container' && m.entry.tier === 'strong',
    );
    const context = inContainer || containerInName;
    let best: Classification | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const match of matches) {
      const { category, tier } = match.entry;
      if (tier === 'weak' && category !== 'container' && !context) continue;
      // `stripeAccountForEncounter`: the record only says which account.
      if (category === 'container' && qualifiesSomethingElse(words, match)) continue;
      if (
        tier === 'strong' &&
        unconfirmedShortTerm(words, match, (word) =>
          (this.terms.get(word) ?? []).some((e) => e.category === 'container'),
        )
      )
        continue;
      if (
        category === 'container' &&
        tier === 'weak' &&
        match.start + match.length !== words.length
      )
        continue;
      if (tier === 'weak' && category === 'identity' && qualifiedAsTechnical(words, match))
        continue;
      const rank = CATEGORY_PRIORITY[`${category}/${tier}`]! * 10 - match.length;
      if (rank < bestRank) {
        bestRank = rank;
        best = this.toClassification(
          name,
          words,
          match,
          roleOf(words, match, tier === 'strong' && category !== 'container'),
          containerInName,
        );
      }
    }
    return best;
  }

  private matches(words: readonly string[]): Match[] {
    const found: Match[] = [];
    for (let start = 0; start < words.length; start++) {
      for (let length = Math.min(MAX_TERM_WORDS, words.length - start); length >= 1; length--) {
        const key = length === 1 ? words[start]! : words.slice(start, start + length).join(' ');
        const entries = this.terms.get(key);
        if (!entries) continue;
        // `allNonPatientRoles`: a negated term names what is not patient data.
        if (start > 0 && NEGATIONS.has(words[start - 1]!)) break;
        for (const e of entries) found.push({ entry: e, start, length });
        break;
      }
    }
    return found;
  }

  private toClassification(
    name: string,
    words: readonly string[],
    match: Match,
    role: Role,
    containerInName: boolean,
  ): Classification {
    return {
      category: match.entry.category,
      tier: match.entry.tier,
      role,
      label: match.entry.label,
      term: words.slice(match.start, match.start + match.length).join(' '),
      name,
      containerInName,
    };
  }
}

function entry(category: Category, tier: Tier, label: string, terms: string[]): VocabularyEntry {
  return { category, tier, label, terms };
}

/**
 * The role of a name from the words around the matched term: a trailing `id`, `count`, `path`…
 * after the term describes something else than the data; a boolean prefix (`isPatient`) makes
 * a flag. Strong health and identifier terms keep their `status`/`date` heads (`hivStatus` is
 * the status itself).
 */
function roleOf(words: readonly string[], match: Match, sensitiveAlone: boolean): Role {
  const end = match.start + match.length;
  // `patientIdForOrder`: the head is the last word before a preposition after the term.
  let last = words.length;
  for (let i = end + 1; i < words.length; i++)
    if (QUALIFYING_PREPOSITIONS.has(words[i]!)) {
      last = i;
      break;
    }
  if (end < last) {
    const head = words[last - 1]!;
    const role = HEAD_ROLES.get(head);
    // `hivStatus`, `cancerType`, `icd10Code`: for sensitive terms these heads are still the data;
    // a time is not (`medicationCreatedAt`, `prescriptionDate`).
    // …and a workflow's status is not (`medicationStatus`, `labResultStatus`).
    const keeps =
      role === 'flag'
        ? !TIME_HEADS.has(head) && !(match.entry.workflowStatus && WORKFLOW_HEADS.has(head))
        : SENSITIVE_KEEPS.has(head);
    if (role && !(sensitiveAlone && keeps)) return role;
  }
  if (match.start > 0 && BOOLEAN_PREFIXES.has(words[0]!) && !sensitiveAlone) return 'flag';
  // `numDeletedPatients`, `totalDossiers`: a count of records, whatever comes between.
  if (match.start > 0 && COUNT_PREFIXES.has(words[0]!)) return 'count';
  return 'data';
}

/**
 * A container term after a preposition, with more than a verb before it: `getStripeAccountFor
 * Encounter` names an account, `findByPatient` the patient's records.
 */
function qualifiesSomethingElse(words: readonly string[], match: Match): boolean {
  for (let i = match.start - 1; i > 0; i--) {
    if (!QUALIFYING_PREPOSITIONS.has(words[i]!)) continue;
    return words.slice(0, i).some((word) => !LEADING_VERBS.has(word));
  }
  return false;
}

/**
 * A short strong term (`ins`, `hiv`, `icd`) that begins a longer name without a word confirming
 * it: `ins_name_f` is an insurer's name field, not the INS.
 */
function unconfirmedShortTerm(
  words: readonly string[],
  match: Match,
  isContainer: (word: string) => boolean,
): boolean {
  if (match.length !== 1 || words.length === 1 || words[match.start]!.length > 3) return false;
  const end = match.start + 1;
  if (end === words.length) return false;
  const next = words[end]!;
  // `nir_patient`, `ssnPatient`: the patient's identifier.
  return !SHORT_TERM_CONFIRMERS.has(next) && !/^\d+$/.test(next) && !isContainer(next);
}

/**
 * `fileName`, `hostName`, `userEmail`, `nomFichier`: an identity word about a thing or a user.
 * Qualifiers come before the word in English and after it in French, so both sides count.
 */
function qualifiedAsTechnical(words: readonly string[], match: Match): boolean {
  for (let i = 0; i < words.length; i++) {
    if (i >= match.start && i < match.start + match.length) continue;
    if (TECHNICAL_QUALIFIERS.has(words[i]!)) return true;
  }
  return false;
}

const classifiers = new WeakMap<HealthDataConfig, Classifier>();
/**
 * Classifiers by vocabulary content. A project without healthdata.config.json gets a fresh
 * default configuration object for every file, so identity alone rebuilt the term index (and
 * threw away the name cache) once per file; equal vocabularies now share one classifier.
 */
const classifiersByVocabulary = new Map<string, Classifier>();
/** Distinct vocabularies kept: an edited config file must not grow the server without bound. */
const MAX_VOCABULARIES = 16;
let defaultClassifier: Classifier | undefined;

/** One classifier per vocabulary, built once and shared by every rule and file. */
export function classifierFor(config?: HealthDataConfig): Classifier {
  if (!config) return (defaultClassifier ??= new Classifier());
  let classifier = classifiers.get(config);
  if (classifier) return classifier;
  const key = JSON.stringify(config.vocabulary);
  classifier = classifiersByVocabulary.get(key);
  if (!classifier) {
    classifier = new Classifier(config);
    if (classifiersByVocabulary.size >= MAX_VOCABULARIES) {
      classifiersByVocabulary.delete(classifiersByVocabulary.keys().next().value!);
    }
    classifiersByVocabulary.set(key, classifier);
  }
  classifiers.set(config, classifier);
  return classifier;
}
