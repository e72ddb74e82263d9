import type { Classifier } from '../model/classifier';
import { stripModelSuffix } from '../model/schema';
import { foldName } from '../model/tokens';
import {
  CATEGORY_ORDER,
  CATEGORY_TITLES,
  type CategorizedLabel,
  type CategoryId,
  RECORD_LABEL,
} from './categories';
import type { Definition } from './definitions';
import {
  FLOW_ORDER,
  type FlowKind,
  GENERIC_DATA_KEYS,
  GENERIC_TARGET_KEYS,
  type MessageFlow,
  RULE_FLOWS,
} from './flows';
import { fill, labelsIn, namesIn, parseMessage } from './messages';

export const PLUGIN_PREFIX = 'health-data/';

/** A finding as every host has it: rule, place, message and the related locations it noted. */
export interface InventoryFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  related?: readonly { message: string; kind?: string }[];
}

/** The finding as the inventory lists it. */
export interface FindingRef {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface FlowCategory {
  category: CategoryId;
  kinds: string[];
}

export interface Flow {
  /** `kind: target (state)`: stable across runs, so two reports can be compared. */
  id: string;
  kind: FlowKind;
  /** The route, store, file, log call, host or service the data reaches. */
  target: string;
  /** What the rule says of the protection it found missing. */
  state: string;
  categories: FlowCategory[];
  findings: FindingRef[];
}

export interface CategoryReport {
  id: CategoryId;
  title: string;
  /** Kinds of data of this category seen in definitions or flows, sorted. */
  kinds: string[];
  definitions: Definition[];
  /** Ids of the flows that carry data of this category. */
  flows: string[];
  totals: {
    definitions: number;
    flows: number;
    findings: number;
    byFlow: Partial<Record<FlowKind, number>>;
  };
}

export interface Inventory {
  /** Files read; every path below is relative to the report root. */
  files: number;
  categories: CategoryReport[];
  /** Flows of patient data, each with the categories its findings name. */
  flows: Flow[];
  /** Findings that name a channel or an exposure but no patient data (a connection in clear). */
  channels: Flow[];
  /** Findings that are no flow of patient data (shared credentials). */
  otherFindings: FindingRef[];
  totals: {
    categories: number;
    definitions: number;
    flows: number;
    channels: number;
    findings: number;
  };
}

export interface RuleMessages {
  (ruleId: string): Readonly<Record<string, string>> | undefined;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byPlace(a: FindingRef | Definition, b: FindingRef | Definition): number {
  return (
    compare(a.file, b.file) ||
    a.line - b.line ||
    ('column' in a && 'column' in b ? a.column - b.column : 0)
  );
}

function toRef(finding: InventoryFinding): FindingRef {
  return {
    ruleId: finding.ruleId,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    message: finding.message,
  };
}

/** What a finding whose message is not described in flows.ts reaches: its first quoted code. */
function genericFlow(message: string, data: Record<string, string> | undefined): MessageFlow {
  const targetKey = GENERIC_TARGET_KEYS.find((key) => data?.[key]);
  const dataKeys = GENERIC_DATA_KEYS.filter((key) => data?.[key]);
  const quoted = /`([^`]+)`/.exec(message)?.[1] ?? '';
  return {
    target: targetKey ? `{{${targetKey}}}` : quoted,
    state: 'reported',
    data: dataKeys.length > 0 ? dataKeys : ['message'],
  };
}

/** `Patient data comes from here: LABELS from DESCRIPTION` (model/related.ts). */
const SOURCE_PREFIX = 'Patient data comes from here: ';

/** The categories and kinds a finding names, with the whole record only when nothing more precise. */
function categoriesOf(
  finding: InventoryFinding,
  flow: MessageFlow,
  data: Record<string, string>,
  classifier: Classifier,
  declaredTables: readonly Definition[],
): FlowCategory[] {
  const labels: CategorizedLabel[] = [];
  for (const key of flow.data ?? []) {
    const value = key === 'message' ? finding.message : (data[key] ?? '');
    if (key === 'special') {
      // ` (nir, groupeSanguin, …)`: the columns the rule names (the template's next placeholder
      // may have taken them).
      const list = /^\s*\(([^()]*)\)/.exec(`${value} ${data.context ?? ''}`.trim())?.[1] ?? '';
      labels.push(...namesIn(list.split(','), classifier));
    } else if (key === 'table' || key === 'field') {
      labels.push(...namesIn([value.replace(/^`|`$/g, '')], classifier));
    } else labels.push(...labelsIn(value, classifier));
  }
  for (const related of finding.related ?? []) {
    // Hosts that keep no kind (LSP related information) still have the message.
    if ((related.kind ?? 'source') !== 'source' || !related.message.startsWith(SOURCE_PREFIX))
      continue;
    const named = related.message.slice(SOURCE_PREFIX.length);
    const cut = named.lastIndexOf(' from ');
    labels.push(...labelsIn(cut >= 0 ? named.slice(0, cut) : named, classifier));
  }
  if (flow.table && data[flow.table]) {
    const table = placeKey(data[flow.table]!);
    for (const definition of declaredTables)
      if (
        definition.form !== 'type' &&
        definition.form !== 'fhir' &&
        placeKey(definition.place) === table
      )
        labels.push({ category: definition.category, kind: definition.kind });
  }
  if (flow.category) {
    const own = labels.filter((label) => label.category === flow.category);
    labels.length = 0;
    labels.push(...own);
    if (own.length === 0)
      labels.push({ category: flow.category, kind: GENERIC_KIND[flow.category] });
  }
  const specific = labels.filter((label) => label.category !== 'patient-record');
  const chosen = specific.length > 0 ? specific : labels;
  if (chosen.length === 0) chosen.push({ category: 'patient-record', kind: RECORD_LABEL });
  const kinds = new Map<CategoryId, Set<string>>();
  for (const label of chosen) {
    const set = kinds.get(label.category) ?? new Set<string>();
    set.add(label.kind);
    kinds.set(label.category, set);
  }
  return CATEGORY_ORDER.filter((id) => kinds.has(id)).map((category) => ({
    category,
    kinds: [...kinds.get(category)!].sort(compare),
  }));
}

/** A table or model by the naming conventions the schema index follows (`Patient`, `patients`). */
function placeKey(name: string): string {
  return foldName(stripModelSuffix(name.split('.').pop() ?? name)).replace(/s$/, '');
}

const GENERIC_KIND: Readonly<Record<CategoryId, string>> = {
  identity: 'identity data',
  contact: 'contact details',
  'national-identifier': 'national identifier',
  health: 'health data',
  'patient-record': RECORD_LABEL,
};

function mergeCategories(into: FlowCategory[], more: readonly FlowCategory[]): FlowCategory[] {
  const kinds = new Map(into.map((entry) => [entry.category, new Set(entry.kinds)]));
  for (const entry of more) {
    const set = kinds.get(entry.category) ?? new Set<string>();
    entry.kinds.forEach((kind) => set.add(kind));
    kinds.set(entry.category, set);
  }
  // A record of no named field adds nothing once a field of it is named.
  if (kinds.size > 1) kinds.delete('patient-record');
  return CATEGORY_ORDER.filter((id) => kinds.has(id)).map((category) => ({
    category,
    kinds: [...kinds.get(category)!].sort(compare),
  }));
}

/**
 * The patient-data inventory of a set of files: the categories the code declares (definitions)
 * and the flows the rules found (findings), grouped by where the data goes. Deterministic: the
 * same findings and definitions give the same inventory, whatever their order.
 */
export function buildInventory(input: {
  files: number;
  findings: readonly InventoryFinding[];
  definitions: readonly Definition[];
  messagesOf: RuleMessages;
  classifier: Classifier;
}): Inventory {
  const flows = new Map<string, Flow>();
  const channels = new Map<string, Flow>();
  const otherFindings: FindingRef[] = [];
  for (const finding of input.findings) {
    if (!finding.ruleId.startsWith(PLUGIN_PREFIX)) continue;
    const rule = finding.ruleId.slice(PLUGIN_PREFIX.length);
    const ruleFlows = RULE_FLOWS[rule];
    if (!ruleFlows) {
      otherFindings.push(toRef(finding));
      continue;
    }
    const parsed = parseMessage(rule, input.messagesOf(rule), finding.message);
    const data = parsed?.data ?? {};
    const flow =
      (parsed && ruleFlows.messages[parsed.messageId]) ??
      genericFlow(finding.message, parsed?.data);
    const target = fill(flow.target, data) || '(not named)';
    const state = fill(flow.state, data);
    const carriesData = flow.data !== undefined || flow.category !== undefined;
    const kind = flow.kind ?? ruleFlows.kind;
    const id = `${kind}: ${target} (${state})`;
    const list = carriesData ? flows : channels;
    const entry = list.get(id) ?? {
      id,
      kind,
      target,
      state,
      categories: [],
      findings: [],
    };
    entry.findings.push(toRef(finding));
    if (carriesData)
      entry.categories = mergeCategories(
        entry.categories,
        categoriesOf(finding, flow, data, input.classifier, input.definitions),
      );
    list.set(id, entry);
  }

  const sortFlows = (list: Iterable<Flow>) =>
    [...list]
      .map((flow) => ({ ...flow, findings: flow.findings.sort(byPlace) }))
      .sort(
        (a, b) =>
          FLOW_ORDER.indexOf(a.kind) - FLOW_ORDER.indexOf(b.kind) ||
          compare(a.target, b.target) ||
          compare(a.state, b.state),
      );
  const flowList = sortFlows(flows.values());
  const channelList = sortFlows(channels.values());

  const definitions = [...input.definitions].sort(
    (a, b) =>
      byPlace(a, b) ||
      compare(a.place, b.place) ||
      compare(a.field ?? '', b.field ?? '') ||
      compare(a.kind, b.kind),
  );
  const categories: CategoryReport[] = [];
  for (const id of CATEGORY_ORDER) {
    const defined = definitions.filter((definition) => definition.category === id);
    const carried = flowList.filter((flow) => flow.categories.some((c) => c.category === id));
    if (defined.length === 0 && carried.length === 0) continue;
    const kinds = new Set(defined.map((definition) => definition.kind));
    for (const flow of carried)
      for (const entry of flow.categories)
        if (entry.category === id) entry.kinds.forEach((k) => kinds.add(k));
    const byFlow: Partial<Record<FlowKind, number>> = {};
    for (const flow of carried) byFlow[flow.kind] = (byFlow[flow.kind] ?? 0) + 1;
    categories.push({
      id,
      title: CATEGORY_TITLES[id],
      kinds: [...kinds].sort(compare),
      definitions: defined,
      flows: carried.map((flow) => flow.id),
      totals: {
        definitions: defined.length,
        flows: carried.length,
        findings: carried.reduce((sum, flow) => sum + flow.findings.length, 0),
        byFlow,
      },
    });
  }
  otherFindings.sort(byPlace);
  return {
    files: input.files,
    categories,
    flows: flowList,
    channels: channelList,
    otherFindings,
    totals: {
      categories: categories.length,
      definitions: definitions.length,
      flows: flowList.length,
      channels: channelList.length,
      findings: input.findings.filter((f) => f.ruleId.startsWith(PLUGIN_PREFIX)).length,
    },
  };
}
