import { isAbsolute } from 'node:path';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { HealthDataConfig } from '../config/project-config';
import {
  functionName,
  type FunctionNode,
  isFunctionNode,
  keyName,
  propertyName,
  walk,
} from './ast';
import { SCHEMA_MIGRATION_STEPS } from './apis';
import { tokenize } from './tokens';
import { projectPurpose, projectRoot } from './project-graph';
import { EXPORT_CONTEXT_WORDS, MIGRATION_PACKAGE_WORDS } from './vocabulary';

/** Why a piece of code is an export/migration: the word and the name that holds it. */
export interface ExportContext {
  where: 'function' | 'class' | 'file' | 'folder' | 'package' | 'caller';
  name: string;
  word: string;
  node?: TSESTree.Node;
}

/**
 * Finds export, extraction and migration code by the names around it: enclosing functions,
 * methods and classes, then the file name and its folders (EN/FR vocabulary plus the config's
 * `contexts.export`). CNIL SAN-2022-009: the over-extraction happened in migration code.
 */
/** Export words per configuration list (one shared set when the configuration is shared). */
const wordSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const DEFAULT_WORDS: ReadonlySet<string> = new Set(EXPORT_CONTEXT_WORDS);

function exportWords(extra: readonly string[] | undefined): ReadonlySet<string> {
  if (!extra || extra.length === 0) return DEFAULT_WORDS;
  let words = wordSets.get(extra);
  if (!words) {
    const set = new Set(EXPORT_CONTEXT_WORDS);
    for (const word of extra) for (const w of tokenize(word)) set.add(w);
    words = set;
    wordSets.set(extra, words);
  }
  return words;
}

/** How many calls away from an export routine a function of its file is still part of it. */
const MAX_CALLER_DEPTH = 3;

/** How many opening words of a package description say what the package is for. */
const PURPOSE_WORDS = 4;

/** Answers of `match` per word set: rules ask for every call's name, and names repeat. */
const matchesByWords = new WeakMap<ReadonlySet<string>, Map<string, string | null>>();
const MAX_MATCHES = 50_000;

export class ExportContextFinder {
  private readonly words: ReadonlySet<string>;
  private readonly matches: Map<string, string | null>;
  private readonly byNode = new WeakMap<TSESTree.Node, ExportContext | null>();
  private fileContext: ExportContext | null | undefined;
  private callees: Map<TSESTree.Node, ExportContext> | undefined;

  constructor(
    private readonly filename: string,
    config?: HealthDataConfig,
    /** The file's program: a schema migration file (`up` and `down`) takes no context from its name. */
    private readonly program?: TSESTree.Program,
  ) {
    this.words = exportWords(config?.contexts.export);
    let matches = matchesByWords.get(this.words);
    if (!matches) {
      matches = new Map();
      matchesByWords.set(this.words, matches);
    }
    this.matches = matches;
  }

  /** The export context of a node: its nearest named function or class, else its file. */
  of(node: TSESTree.Node): ExportContext | undefined {
    const scopes: TSESTree.Node[] = [];
    let current: TSESTree.Node | undefined = node;
    let found: ExportContext | null | undefined;
    while (current) {
      if (
        isFunctionNode(current) ||
        current.type === AST_NODE_TYPES.ClassDeclaration ||
        current.type === AST_NODE_TYPES.ClassExpression
      ) {
        const cached = this.byNode.get(current);
        if (cached !== undefined) {
          found = cached;
          break;
        }
        scopes.push(current);
        const own = this.ownContext(current);
        if (own) {
          found = own;
          break;
        }
      }
      current = current.parent;
    }
    if (found === undefined) found = this.file() ?? this.callerContext(scopes) ?? null;
    for (const scope of scopes) this.byNode.set(scope, found);
    return found ?? undefined;
  }

  /**
   * The context of the routine that calls a function of this file: `fetchAddress(id)` called by
   * `transferPatient` is part of the transfer. Calls by name, a few callers deep.
   */
  private callerContext(scopes: readonly TSESTree.Node[]): ExportContext | undefined {
    const callees = this.exportCallees();
    for (const scope of scopes) {
      const found = callees.get(scope);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The functions of the program that export routines call, with the routine's context: from
   * each function named like an export, the functions its body calls by name, then theirs, up
   * to MAX_CALLER_DEPTH calls away. One walk of the program, on the first question.
   */
  private exportCallees(): Map<TSESTree.Node, ExportContext> {
    if (this.callees) return this.callees;
    const callees = new Map<TSESTree.Node, ExportContext>();
    this.callees = callees;
    if (!this.program) return callees;
    const byName = new Map<string, FunctionNode[]>();
    const routines: { fn: FunctionNode; context: ExportContext }[] = [];
    walk(this.program, (node) => {
      if (!isFunctionNode(node)) return undefined;
      const name = functionName(node);
      if (name) {
        const list = byName.get(name);
        if (list) list.push(node);
        else byName.set(name, [node]);
      }
      const own = this.ownContext(node);
      if (own) routines.push({ fn: node, context: own });
      return undefined;
    });
    let frontier = routines;
    for (let depth = 0; depth < MAX_CALLER_DEPTH && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const { fn, context } of frontier) {
        walk(fn.body, (node) => {
          if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
          if (node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
          for (const target of byName.get(node.callee.name) ?? []) {
            if (target === fn || callees.has(target) || this.ownContext(target)) continue;
            callees.set(target, {
              where: 'caller',
              name: context.name,
              word: context.word,
              node: context.node,
            });
            next.push({ fn: target, context });
          }
          return undefined;
        });
      }
      frontier = next;
    }
    return callees;
  }

  /** The file's own context, from its base name and its folders. */
  file(): ExportContext | undefined {
    if (this.fileContext === undefined && this.program && isSchemaMigration(this.program))
      this.fileContext = null;
    if (this.fileContext === undefined) {
      const parts = this.filename.split(/[\\/]/).filter(Boolean);
      const base = parts.pop() ?? '';
      const baseWord = this.match(base.replace(/\.[^.]+$/, ''));
      if (baseWord) {
        this.fileContext = { where: 'file', name: base, word: baseWord };
      } else {
        this.fileContext = null;
        // Only the nearest folders: `src/migration/run.ts`, not every path a CI runner uses.
        for (const folder of parts.slice(-3).reverse()) {
          const word = this.match(folder);
          if (word) {
            this.fileContext = { where: 'folder', name: folder, word };
            break;
          }
        }
        this.fileContext ??= this.packageContext();
      }
    }
    return this.fileContext ?? undefined;
  }

  /**
   * A package whose purpose is to migrate data, as its `name` or the opening words of its
   * `description` say (`ampath-openmrs-data-importer`, "Used to import data from one openmrs
   * instance to another"): every file of it is migration code. Only the opening words: a
   * description that mentions migrations further on ("…catches undeleted migration extracts")
   * describes something else.
   */
  private packageContext(): ExportContext | null {
    if (!isAbsolute(this.filename)) return null;
    const { name, description } = projectPurpose(projectRoot(this.filename));
    const opening = tokenize(description.split(/[.;:(]/)[0] ?? '').slice(0, PURPOSE_WORDS);
    const word = [...tokenize(name), ...opening].find((w) => MIGRATION_PACKAGE_WORDS.has(w));
    return word ? { where: 'package', name: name || 'package.json', word } : null;
  }

  /** The export word in a name, if any (`exportPatients` -> `export`, `migrerDossiers` -> `migrer`). */
  match(name: string): string | undefined {
    let found = this.matches.get(name);
    if (found === undefined) {
      if (this.matches.size >= MAX_MATCHES) this.matches.clear();
      found = tokenize(name).find((word) => this.words.has(word)) ?? null;
      this.matches.set(name, found);
    }
    return found ?? undefined;
  }

  private ownContext(node: TSESTree.Node): ExportContext | undefined {
    let name: string | undefined;
    let where: ExportContext['where'] = 'function';
    if (
      node.type === AST_NODE_TYPES.ClassDeclaration ||
      node.type === AST_NODE_TYPES.ClassExpression
    ) {
      name = node.id?.name;
      where = 'class';
    } else {
      name = functionName(node);
      // A callback passed to a job scheduler or CLI command named like an export: `program.command('export', fn)`.
      if (!name && node.parent?.type === AST_NODE_TYPES.CallExpression) {
        const first = node.parent.arguments[0];
        if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string')
          name = first.value;
      }
      if (!name && node.parent?.type === AST_NODE_TYPES.Property) name = keyName(node.parent);
    }
    if (!name) return undefined;
    const word = this.match(name);
    return word ? { where, name, word, node } : undefined;
  }
}

/** The names a module defines for others: exported declarations, `exports.x`, `module.exports = {…}`, classes' methods. */
function definedNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  const addKeys = (node: TSESTree.Node | null | undefined) => {
    if (node?.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of node.properties) {
      const key = property.type === AST_NODE_TYPES.Property ? keyName(property) : undefined;
      if (key) names.add(key);
    }
  };
  const addClass = (node: TSESTree.Node | null | undefined) => {
    if (
      node?.type !== AST_NODE_TYPES.ClassDeclaration &&
      node?.type !== AST_NODE_TYPES.ClassExpression
    )
      return;
    for (const member of node.body.body) {
      const key = member.type === AST_NODE_TYPES.MethodDefinition ? keyName(member) : undefined;
      if (key) names.add(key);
    }
  };
  for (const statement of program.body) {
    let node: TSESTree.Node | null | undefined = statement;
    if (
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
    )
      node = statement.declaration;
    if (!node) continue;
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) names.add(node.id.name);
    else if (node.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of node.declarations)
        if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
    } else if (node.type === AST_NODE_TYPES.ObjectExpression) addKeys(node);
    else if (
      node.type === AST_NODE_TYPES.ClassDeclaration ||
      node.type === AST_NODE_TYPES.ClassExpression
    )
      addClass(node);
    else if (
      node.type === AST_NODE_TYPES.ExpressionStatement &&
      node.expression.type === AST_NODE_TYPES.AssignmentExpression
    ) {
      const { left, right } = node.expression;
      if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
      const property = propertyName(left);
      // `exports.up = …`, `module.exports.up = …`
      if (property) names.add(property);
      // `module.exports = { up, down }`, `module.exports = class … { up() {} down() {} }`
      if (property === 'exports') {
        addKeys(right);
        addClass(right);
      }
    }
  }
  return names;
}

/** Whether a file is a schema migration: it defines every step of the catalogue's `SCHEMA_MIGRATION_STEPS`. */
function isSchemaMigration(program: TSESTree.Program): boolean {
  const names = definedNames(program);
  return SCHEMA_MIGRATION_STEPS.every((step) => names.has(step));
}
