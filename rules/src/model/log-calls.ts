/**
 * Log calls: which calls of a file write their arguments to a log, and from which argument — the
 * console, methods of loggers (a receiver named as a logger, made by a logger factory or a logging
 * module, or a library's own logger such as `winston`), debug(1) functions and names the project
 * declares as loggers — and what a logged value carries: patient data not masked, encrypted or
 * hashed, leaving out the outcome fields of a response or process. Also the access-log formats of
 * morgan and the tokens that print request bodies. Library facts come from the loggers family of
 * the catalogue (`model/apis/loggers.ts`). And the message of a thrown error, which ends up in
 * logs too.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  calleeName,
  type FunctionNode,
  memberChain,
  propertyName,
  resolveVariable,
  unwrap,
} from './ast';
import type { ModuleSource } from './imported-functions';
import { resolveImport, withoutDefault } from './imports';
import { requiredSpecifier } from './project-graph';
import type { Provenance, Taint } from './provenance';
import { sinksInside, type WrappedSink, wrappedSink } from './sink-summaries';
import { tokenize } from './tokens';
import { printedHoles } from './declared-types';
import {
  ACCESS_LOGGER,
  BODY_TOKENS,
  CONSOLE_METHODS,
  isLoggerExport,
  LOG_FUNCTION_MODULES,
  LOG_METHODS,
  LOGGER_FACTORIES,
  LOGGER_MODULES,
  LOGGER_NAME_WORDS,
} from './apis';

/** A call that writes its arguments to the log from `from` on; `name` is how the call is written. */
export interface LogCall {
  name: string;
  from: number;
}

/**
 * Outcome fields of a response or a child process: `response.status` after posting a patient is
 * a number, though the model lets a call's result inherit its arguments' provenance.
 */
const OUTCOME_PROPERTIES = new Set([
  'status',
  'statusCode',
  'statusText',
  'ok',
  'exitCode',
  'signal',
  'readyState',
]);

/** A write to the log: a log call and the values it writes, or a thrown error and its message. */
export interface LogWrite {
  kind: 'log' | 'error';
  at: TSESTree.Node;
  /** How the call or the error's constructor is written: `console.error`, `ValidationError`. */
  name: string;
  values: readonly TSESTree.Node[];
}

/** The log calls of one file; `loggers` are extra names of loggers the project declares. */
export class LogCalls {
  private readonly scopeOf = (node: TSESTree.Node) => this.sourceCode.getScope(node);
  // A morgan or debug(1) logger is imported or required by name, so a file that never spells
  // the module's name cannot call one; most calls then leave before any scope lookup.
  private readonly mentionsAccessLogger: boolean;
  private readonly mentionsDebug: boolean;
  /** Tokens that print request bodies: the usual names, and those this file defines so. */
  private readonly bodyTokens = new Set(BODY_TOKENS);

  constructor(
    private readonly sourceCode: Readonly<ModuleSource>,
    private readonly loggers: ReadonlySet<string>,
  ) {
    const text = sourceCode.getText();
    this.mentionsAccessLogger = text.includes(ACCESS_LOGGER.module);
    this.mentionsDebug = [...LOG_FUNCTION_MODULES].some((module) => text.includes(module));
  }

  /**
   * The log writes inside a function of this module, its callbacks included: the values each
   * log call writes, and the message of each error thrown there.
   */
  writesInside(fn: FunctionNode): readonly LogWrite[] {
    return sinksInside(this.inside, fn, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && this.mayLog(unwrap(node.callee))) {
        const log = this.logCallOf(node);
        if (log)
          return { kind: 'log', at: node, name: log.name, values: node.arguments.slice(log.from) };
      } else if (node.type === AST_NODE_TYPES.NewExpression) {
        const thrown = thrownErrorMessage(node);
        if (thrown) return { kind: 'error', at: node, name: thrown.name, values: [thrown.message] };
      }
      return undefined;
    });
  }

  private readonly inside = new WeakMap<FunctionNode, LogWrite[]>();

  /** Whether a call could write to a log or define an access-log token, from its callee's name alone. */
  mayLog(callee: TSESTree.Node): boolean {
    if (callee.type === AST_NODE_TYPES.Identifier)
      return this.mentionsAccessLogger || this.mentionsDebug || this.loggers.has(callee.name);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee);
    if (!method) return false;
    return (
      CONSOLE_METHODS.has(method) ||
      LOG_METHODS.has(method) ||
      (method === ACCESS_LOGGER.defineToken && this.mentionsAccessLogger)
    );
  }

  /** The log write a call is, if any. */
  logCallOf(call: TSESTree.CallExpression): LogCall | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (!method) return undefined;
      const receiver = unwrap(callee.object);
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console') {
        const from = CONSOLE_METHODS.get(method);
        return from !== undefined ? { name: `console.${method}`, from } : undefined;
      }
      if (!LOG_METHODS.has(method)) return undefined;
      const chain = memberChain(callee);
      const receiverName = chain[chain.length - 2];
      if (
        this.namesLogger(receiverName) ||
        this.madeByLoggerFactory(receiver) ||
        this.importedLogger(receiver)
      )
        return { name: chain.join('.'), from: 0 };
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (this.loggers.has(callee.name) || this.isDebugLogger(callee))
        return { name: callee.name, from: 0 };
    }
    return undefined;
  }

  /** Whether a callee is morgan, the access logger: `morgan('combined')`, `morgan.token(…)`. */
  isAccessLogger(callee: TSESTree.Node): boolean {
    const expr = unwrap(callee);
    if (expr.type !== AST_NODE_TYPES.Identifier) return false;
    return this.moduleOf(expr) === ACCESS_LOGGER.module || expr.name === ACCESS_LOGGER.module;
  }

  /**
   * Whether a call defines an access-log token, `morgan.token(name, fn)`; a token whose function
   * prints the request body is remembered for `bodyTokenIn`.
   */
  definesToken(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      propertyName(callee) !== ACCESS_LOGGER.defineToken ||
      !this.isAccessLogger(callee.object)
    )
      return false;
    const [nameArg, fn] = call.arguments;
    if (
      nameArg?.type === AST_NODE_TYPES.Literal &&
      typeof nameArg.value === 'string' &&
      fn &&
      this.readsBody(fn)
    )
      this.bodyTokens.add(nameArg.value);
    return true;
  }

  /** The first token of an access-log format that prints request bodies: `body` in `':url :body'`. */
  bodyTokenIn(format: TSESTree.Node): string | undefined {
    const text = this.formatText(format);
    if (!text) return undefined;
    for (const match of text.matchAll(/:([\w-]+)/g))
      if (this.bodyTokens.has(match[1]!)) return match[1]!;
    return undefined;
  }

  /** The format of an access logger as text, through constants: `':method :url :body'`. */
  private formatText(node: TSESTree.Node): string | undefined {
    const expr = unwrap(node);
    if (expr.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string') return expr.value;
    if (expr.type === AST_NODE_TYPES.TemplateLiteral && expr.expressions.length === 0)
      return expr.quasis.map((q) => q.value.cooked ?? '').join('');
    if (expr.type === AST_NODE_TYPES.Identifier) {
      const def = resolveVariable(this.scopeOf(expr), expr)?.defs[0];
      if (def?.type === 'Variable' && def.node.init && def.node.init !== node)
        return this.formatText(def.node.init);
    }
    return undefined;
  }

  /** A token function that returns the request body (`req.body`, `request.body`). */
  private readsBody(fn: TSESTree.Node): boolean {
    const expr = unwrap(fn);
    if (
      expr.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
      expr.type !== AST_NODE_TYPES.FunctionExpression
    )
      return false;
    const first = expr.params[0];
    if (first?.type !== AST_NODE_TYPES.Identifier) return false;
    const pattern = new RegExp(`\\b${first.name}\\s*\\.\\s*body\\b`);
    return pattern.test(this.sourceCode.getText(expr.body));
  }

  private namesLogger(name: string | undefined): boolean {
    if (!name) return false;
    if (this.loggers.has(name)) return true;
    return tokenize(name).some((word) => LOGGER_NAME_WORDS.has(word));
  }

  /** A receiver whose value was made by a logger factory: `const journal = pino(...)`. */
  private madeByLoggerFactory(node: TSESTree.Node): boolean {
    const expr = unwrap(node);
    if (expr.type !== AST_NODE_TYPES.Identifier) return false;
    const def = resolveVariable(this.scopeOf(expr), expr)?.defs[0];
    if (def?.type !== 'Variable' || !def.node.init) return false;
    const init = unwrap(def.node.init);
    if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression)
      return false;
    const name = calleeName(init.callee);
    if (name && LOGGER_FACTORIES.has(name)) return true;
    const root = memberChain(init.callee)[0];
    if (root && LOGGER_MODULES.has(root)) return true;
    const callee = unwrap(init.callee);
    const base =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee
        : callee.type === AST_NODE_TYPES.MemberExpression &&
            unwrap(callee.object).type === AST_NODE_TYPES.Identifier
          ? (unwrap(callee.object) as TSESTree.Identifier)
          : undefined;
    const module = base && this.moduleOf(base);
    return module !== undefined && LOGGER_MODULES.has(module);
  }

  /** A receiver that is a library's logger itself: `winston.info()`, consola's `consola.info()`. */
  private importedLogger(node: TSESTree.Node): boolean {
    const ref = resolveImport(node, this.scopeOf);
    return ref !== undefined && isLoggerExport(ref.module, withoutDefault(ref.exportPath));
  }

  /** `const dbg = debug('lab:import')` or `require('debug')('lab:import')`: a debug(1) logger. */
  private isDebugLogger(callee: TSESTree.Identifier): boolean {
    const def = resolveVariable(this.scopeOf(callee), callee)?.defs[0];
    if (def?.type !== 'Variable' || !def.node.init) return false;
    const init = unwrap(def.node.init);
    if (init.type !== AST_NODE_TYPES.CallExpression) return false;
    const factory = unwrap(init.callee);
    const module =
      factory.type === AST_NODE_TYPES.CallExpression
        ? requiredModule(factory)
        : factory.type === AST_NODE_TYPES.Identifier
          ? this.moduleOf(factory)
          : undefined;
    return module !== undefined && LOG_FUNCTION_MODULES.has(module);
  }

  /** The module an identifier was imported or required from: `import pino from 'pino'`, `require('debug')`. */
  private moduleOf(id: TSESTree.Identifier): string | undefined {
    const def = resolveVariable(this.scopeOf(id), id)?.defs[0];
    if (!def) return undefined;
    if (def.type === 'ImportBinding') {
      const declaration = def.parent;
      return declaration?.type === AST_NODE_TYPES.ImportDeclaration
        ? String(declaration.source.value)
        : undefined;
    }
    if (def.type === 'Variable' && def.node.init) return requiredModule(def.node.init);
    return undefined;
  }
}

/**
 * The patient data a logged value carries unprotected (not masked, encrypted, hashed with a key or
 * de-identified): a template by its holes, an outcome field (`response.status`) never.
 */
export function loggedPatientData(provenance: Provenance, node: TSESTree.Node): Taint | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.MemberExpression) {
    const prop = propertyName(expr);
    if (prop && OUTCOME_PROPERTIES.has(prop)) return undefined;
  }
  if (expr.type === AST_NODE_TYPES.TemplateLiteral) {
    for (const part of printedHoles(expr, provenance.scopeOf)) {
      const taint = loggedPatientData(provenance, part);
      if (taint) return taint;
    }
    return undefined;
  }
  return provenance.carriesPatientData(node, ['mask', 'encrypt', 'hmac', 'deidentify']);
}

/**
 * The message of a thrown error, `throw new ValidationError(message)`, with the constructor's
 * name: error messages end up in logs, crash reports and responses.
 */
export function thrownErrorMessage(
  node: TSESTree.NewExpression,
): { name: string; message: TSESTree.Node } | undefined {
  if (node.parent?.type !== AST_NODE_TYPES.ThrowStatement) return undefined;
  const name = calleeName(node.callee);
  if (!name || !/(Error|Exception)$/.test(name)) return undefined;
  const message = node.arguments[0];
  return message ? { name, message } : undefined;
}

function requiredModule(node: TSESTree.Node): string | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return requiredSpecifier(current);
}

/**
 * Patient data a call hands to a function of the project that writes it to the log — a sink
 * summary: `logError('failed', patient)` where `logError` calls `console.error(…, data)`, in
 * this file or in a module it imports. `logCallsOf` gives the log calls of the module declaring
 * the function.
 */
export function wrappedLogWrite(
  provenance: Provenance,
  call: TSESTree.CallExpression,
  logCallsOf: (source: ModuleSource) => LogCalls,
): WrappedSink<LogWrite> | undefined {
  return wrappedSink(provenance, call, {
    inside: (callee) => logCallsOf(callee.source).writesInside(callee.fn),
    values: (write) => write.values,
    carries: loggedPatientData,
  });
}
