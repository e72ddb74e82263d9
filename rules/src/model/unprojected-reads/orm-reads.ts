/**
 * ORM and query-builder reads of patient models that take every field: Prisma `findMany()` with
 * no `select` (or an `include` of a whole patient relation), Drizzle relational queries with no
 * `columns`, Sequelize reads with no `attributes`, TypeORM `find`/`findBy` with no `select` and
 * query builders with no `.select([...])`, Mongoose/MongoDB `find(filter)` with no projection,
 * and knex-style builders (`knex('patients').select('*')`). Recognised from the end of a method
 * chain, with the catalogue's ORM facts (`apis/orms.ts`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, findProperty, keyName, propertyName, staticString, unwrap } from '../ast';
import {
  DOCUMENT_READS,
  DRIZZLE,
  MONGO,
  PRISMA,
  PROJECTION_KEYS,
  QUERY_BUILDER,
  SEQUELIZE_READS,
  TYPEORM,
} from '../apis';
import { isPatientRecordsModel, isPatientRecordsTable } from '../patient-tables';
import { NOT_EXECUTED_CALLS } from '../sql-calls';
import { describeLiteralForMessage } from '../redact';
import type { TableSchema } from '../schema';
import type { ProjectionValue, ReadEnv, UnprojectedRead } from './types';

interface ChainLink {
  call: TSESTree.CallExpression;
  name: string | undefined;
}

/** The calls of a method chain, innermost first: `knex('t').where().select()`. */
function chainOf(end: TSESTree.CallExpression): ChainLink[] {
  const links: ChainLink[] = [];
  let current: TSESTree.Node = end;
  for (let guard = 0; guard < 32; guard++) {
    const expr = unwrap(current);
    if (expr.type === AST_NODE_TYPES.CallExpression) {
      links.unshift({ call: expr, name: calleeName(expr.callee) });
      current = expr.callee;
    } else if (expr.type === AST_NODE_TYPES.MemberExpression) {
      current = expr.object;
    } else if (expr.type === AST_NODE_TYPES.AwaitExpression) {
      current = expr.argument;
    } else {
      break;
    }
  }
  return links;
}

/** Whether a call is the last of its chain (`a().b()` ends at `b()`, not at `a()`). */
export function endsChain(node: TSESTree.CallExpression): boolean {
  const parent = node.parent;
  return !(
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    parent.parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  );
}

function firstObjectArg(
  call: TSESTree.CallExpression,
  index = 0,
): TSESTree.ObjectExpression | undefined {
  const arg = call.arguments[index];
  const expr = arg && unwrap(arg);
  return expr?.type === AST_NODE_TYPES.ObjectExpression ? expr : undefined;
}

function hasKey(object: TSESTree.ObjectExpression | undefined, keys: ReadonlySet<string>): boolean {
  return (
    object?.properties.some(
      (p) =>
        p.type === AST_NODE_TYPES.SpreadElement ||
        (p.type === AST_NODE_TYPES.Property && keys.has(keyName(p) ?? '')),
    ) ?? false
  );
}

function optionsArgOpaque(call: TSESTree.CallExpression, index: number): boolean {
  const arg = call.arguments[index];
  if (!arg) return false;
  return unwrap(arg).type !== AST_NODE_TYPES.ObjectExpression;
}

/** db.query.patients.findMany(): Drizzle's relational queries take `columns`. */
function isDrizzleQuery(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(callee.object);
  if (object.type !== AST_NODE_TYPES.MemberExpression) return false;
  const holder = unwrap(object.object);
  return (
    holder.type === AST_NODE_TYPES.MemberExpression && propertyName(holder) === DRIZZLE.queryHolder
  );
}

/** `db.collection('patients').find()`: the MongoDB driver, whose projection is an option. */
function isMongoDriver(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = unwrap(call.callee);
  for (let guard = 0; guard < 16; guard++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) {
      if (calleeName(current.callee) === MONGO.collection) return true;
      current = unwrap(current.callee);
    } else break;
  }
  return false;
}

/** The reads of ORM and builder chains in one file, reported to `env.add`. */
export class OrmReads {
  constructor(private readonly env: ReadEnv) {}

  private isPatientModel(name: string): boolean {
    return isPatientRecordsModel(name, this.env.model().classifier);
  }

  /** The patient model a call reads: its receiver, or a model named along its chain. */
  private modelOf(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier) {
      if (this.isPatientModel(object.name)) return object.name;
    } else if (object.type === AST_NODE_TYPES.MemberExpression) {
      const prop = propertyName(object);
      if (prop && this.isPatientModel(prop)) return prop;
    }
    const found = this.env.model().provenance.modelInChain(callee.object);
    return found && this.isPatientModel(found) ? found : undefined;
  }

  /** `Patient.findAll()`, or the method's name when the receiver is long. */
  private readLabel(call: TSESTree.CallExpression): string {
    const callee = unwrap(call.callee);
    const text = this.env.sourceCode.getText(callee).replace(/\s+/g, '');
    return text.length > 48 ? `${calleeName(callee) ?? 'read'}()` : `${text}()`;
  }

  private staticText(node: TSESTree.Node): string | undefined {
    return staticString(node, this.env.model().provenance.scopeOf)?.text;
  }

  /** Looks at the chain ending at `end` (a call that no further call continues). */
  checkChainEnd(end: TSESTree.CallExpression): void {
    const chain = chainOf(end);
    if (chain.length === 0) return;
    const names = chain.map((link) => link.name);
    if (names.some((n) => n !== undefined && QUERY_BUILDER.nonReads.has(n))) return;
    for (let i = 0; i < chain.length; i++) {
      const link = chain[i]!;
      const name = link.name;
      if (!name) continue;
      if (PRISMA.reads.has(name)) return this.checkPrisma(link.call);
      if (SEQUELIZE_READS.has(name)) return this.checkSequelize(link.call, name);
      if (TYPEORM.whereReads.has(name)) return this.checkTypeormWhere(link.call, name);
      if (DOCUMENT_READS.has(name)) return this.checkDocument(link.call, name, chain.slice(i + 1));
      if (name === TYPEORM.queryBuilder)
        return this.checkQueryBuilder(link.call, chain.slice(i + 1), end);
    }
    this.checkBuilder(chain, end);
  }

  /** A read whose projection is `key` in the options object at argument `index`. */
  private addOptionsRead(
    call: TSESTree.CallExpression,
    table: string,
    key: string,
    options: TSESTree.ObjectExpression | undefined,
    index: number,
    value: ProjectionValue,
    kinds: readonly TableSchema['kind'][],
    how = `list the fields in \`${key}\``,
  ): void {
    this.addOrmRead(call, call, table, {
      what: this.readLabel(call),
      how,
      projection: { kind: 'options', call, table, key, options, index, value, kinds },
    });
  }

  /** A read of every column of `table` by `read` (an ORM call or a builder chain), shown at `at`. */
  private addOrmRead(
    read: TSESTree.Node,
    at: TSESTree.Node,
    table: string,
    fields: Pick<UnprojectedRead, 'what'> &
      Partial<Pick<UnprojectedRead, 'how' | 'projection' | 'explicitStar'>>,
  ): void {
    this.env.add({
      kind: 'orm',
      read,
      loc: at.loc,
      key: `orm:${at.range[0]}`,
      table,
      explicitStar: false,
      schema: this.env.schemas().lookup(table),
      ...fields,
    });
  }

  private checkPrisma(call: TSESTree.CallExpression): void {
    const options = firstObjectArg(call);
    if (optionsArgOpaque(call, 0)) return;
    if (hasKey(options, PROJECTION_KEYS)) return;
    const table = this.modelOf(call);
    const key = isDrizzleQuery(call) ? DRIZZLE.projection : 'select';
    if (table) {
      this.addOptionsRead(call, table, key, options, 0, 'true', [
        key === DRIZZLE.projection ? 'drizzle' : 'prisma',
      ]);
      return;
    }
    // prisma.resultat.findMany({ include: { patient: true } }) pulls the whole patient.
    const include = findProperty(options, PRISMA.relations);
    const value = include && unwrap(include.value);
    if (value?.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of value.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const relation = keyName(property);
      const included = unwrap(property.value);
      const whole =
        (included.type === AST_NODE_TYPES.Literal && included.value === true) ||
        (included.type === AST_NODE_TYPES.ObjectExpression && !hasKey(included, PROJECTION_KEYS));
      if (!relation || !whole || !this.isPatientModel(relation)) continue;
      this.addOrmRead(call, property, relation, {
        what: `include: { ${relation}: … }`,
        how: `use \`${relation}: { select }\``,
        projection: { kind: 'include', property, relation },
      });
    }
  }

  private checkSequelize(call: TSESTree.CallExpression, name: string): void {
    const index = SEQUELIZE_READS.get(name)!;
    if (optionsArgOpaque(call, index)) return;
    if (index > 0 && call.arguments.length === 0) return;
    const options = firstObjectArg(call, index);
    if (hasKey(options, PROJECTION_KEYS)) return;
    const table = this.modelOf(call);
    if (!table) return;
    this.addOptionsRead(call, table, 'attributes', options, index, 'array', ['sequelize']);
  }

  private checkTypeormWhere(call: TSESTree.CallExpression, name: string): void {
    const table = this.modelOf(call);
    if (!table) return;
    const replacement = TYPEORM.whereReads.get(name)!;
    this.addOrmRead(call, call, table, {
      what: this.readLabel(call),
      how: `use \`${replacement}({ select })\``,
      projection: { kind: 'findBy', call, table, replacement },
    });
  }

  private checkDocument(call: TSESTree.CallExpression, name: string, after: ChainLink[]): void {
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    if (
      first &&
      (first.type === AST_NODE_TYPES.ArrowFunctionExpression ||
        first.type === AST_NODE_TYPES.FunctionExpression ||
        first.type === AST_NODE_TYPES.SpreadElement)
    )
      return; // Array.prototype.find(callback)
    if (after.some((link) => link.name && MONGO.chainedProjections.has(link.name))) return;
    const table = this.modelOf(call);
    if (!table) return;
    const options = first?.type === AST_NODE_TYPES.ObjectExpression ? first : undefined;
    // TypeORM: find({ where, select, relations }).
    if (options && hasKey(options, TYPEORM.findOptions)) {
      if (hasKey(options, PROJECTION_KEYS)) return;
      this.addOptionsRead(call, table, 'select', options, 0, 'true', ['typeorm']);
      return;
    }
    if (name === 'findAndCount' || name === 'findOneOrFail') {
      if (!first) this.addOptionsRead(call, table, 'select', undefined, 0, 'true', ['typeorm']);
      return;
    }
    // Mongoose / MongoDB: find(filter, projection) or find(filter, { projection }).
    const second = call.arguments[1] && unwrap(call.arguments[1]);
    const driver = isMongoDriver(call);
    if (second) {
      const none =
        (second.type === AST_NODE_TYPES.Identifier && second.name === 'undefined') ||
        (second.type === AST_NODE_TYPES.Literal && second.value === null);
      // Driver options without `projection` (`{ sort, limit }`) or `{}` select every field.
      const optionsOnly =
        second.type === AST_NODE_TYPES.ObjectExpression &&
        second.properties.every(
          (p) => p.type === AST_NODE_TYPES.Property && MONGO.findOptions.has(keyName(p) ?? ''),
        );
      if (!none && !optionsOnly) return;
    }
    if (call.arguments.length > 2) return;
    this.addOrmRead(call, call, table, {
      what: this.readLabel(call),
      how: driver ? 'pass `{ projection }`' : 'pass a projection',
      projection: { kind: 'mongo', call, table, driver },
    });
  }

  private checkQueryBuilder(
    call: TSESTree.CallExpression,
    after: ChainLink[],
    end: TSESTree.CallExpression,
  ): void {
    if (!after.some((link) => link.name && TYPEORM.terminals.has(link.name))) return;
    const alias = this.staticText(call.arguments[0] ?? call);
    const projected = after.some(
      (link) =>
        link.name !== undefined &&
        TYPEORM.selects.has(link.name) &&
        link.call.arguments.some((arg) => {
          const text = this.staticText(arg);
          if (text !== undefined) return text.includes('.') && !text.endsWith('.*');
          return unwrap(arg).type === AST_NODE_TYPES.ArrayExpression;
        }),
    );
    if (projected) return;
    const table = this.modelOf(call) ?? this.env.model().provenance.modelInChain(end.callee);
    if (!table || !this.isPatientModel(table)) return;
    this.addOrmRead(end, call, table, {
      what: this.readLabel(call),
      how: `add \`.select([${alias ? `'${alias}.…'` : '…'}])\``,
    });
  }

  private checkBuilder(chain: ChainLink[], end: TSESTree.CallExpression): void {
    const root = chain[0]!;
    let table: string | undefined;
    let tableNode: TSESTree.Node | undefined;
    let insertAfter: TSESTree.Node | undefined;
    const rootCallee = unwrap(root.call.callee);
    const rootArg = root.call.arguments[0] && unwrap(root.call.arguments[0]);
    if (rootCallee.type === AST_NODE_TYPES.Identifier) {
      if (NOT_EXECUTED_CALLS.has(rootCallee.name)) return;
      const text = rootArg?.type === AST_NODE_TYPES.Literal ? rootArg.value : undefined;
      const hasBuilderMethod = chain
        .slice(1)
        .some((l) => l.name && QUERY_BUILDER.methods.has(l.name));
      if (
        typeof text === 'string' &&
        (hasBuilderMethod || QUERY_BUILDER.rootNames.test(rootCallee.name))
      ) {
        table = text.split(/\s+as\s+|\s+/i)[0];
        tableNode = rootArg;
        insertAfter = root.call;
      }
    }
    for (const link of chain) {
      if (!link.name || !QUERY_BUILDER.tableMethods.has(link.name)) continue;
      const arg = link.call.arguments[0] && unwrap(link.call.arguments[0]);
      if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') {
        table = arg.value.split(/\s+as\s+|\s+/i)[0];
        tableNode = arg;
      } else if (arg?.type === AST_NODE_TYPES.Identifier) {
        table = arg.name;
        tableNode = arg;
      }
    }
    if (!table || !tableNode || !isPatientRecordsTable(table, this.env.model().classifier)) return;
    const selects = chain.filter((l) => l.name && QUERY_BUILDER.projections.has(l.name));
    let starNode: TSESTree.Node | undefined;
    let emptySelect: TSESTree.CallExpression | undefined;
    for (const link of selects) {
      const args = link.call.arguments;
      if (args.length === 0) {
        if (link.name === 'select') emptySelect = link.call;
        else if (link.name !== 'first') return;
        continue;
      }
      const star = args.find((arg) => {
        const text = this.staticText(arg);
        return text !== undefined && (text.trim() === '*' || /\.\*$/.test(text.trim()));
      });
      if (!star) return; // explicit columns
      starNode = star;
    }
    // A bare builder with no select and no other builder method is not evidently a read.
    if (!starNode && !emptySelect && !insertAfter) return;
    const drizzle = tableNode.type === AST_NODE_TYPES.Identifier;
    const sourceCode = this.env.sourceCode;
    const at = starNode ?? emptySelect ?? root.call;
    this.addOrmRead(end, at, table, {
      what: starNode
        ? sourceCode.getText(starNode)
        : emptySelect
          ? `${this.readLabel(emptySelect).slice(0, -2)}()`
          : sourceCode.getText(root.call).length <= 48
            ? describeLiteralForMessage(sourceCode.getText(root.call), 48)
            : this.readLabel(root.call),
      explicitStar: starNode !== undefined,
      how: drizzle ? 'pass the columns to `select({ … })`' : 'add `.select(…)`',
      projection: {
        kind: 'builder',
        table,
        tableNode,
        drizzle,
        starNode,
        emptySelect,
        insertAfter,
      },
    });
  }
}
