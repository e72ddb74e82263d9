/**
 * Request input as a source of patient data: what a client sends (`req.body`, `req.query`,
 * `req.params`, Koa's `ctx.request.body`) is patient data when the handler reads patient fields
 * from it — a strong term (`dob`, `insuranceId`, `diagnosis`), or identity fields (`name`,
 * `address`, `phone`) in a handler about patients (its route path, the model it builds, the
 * table it writes name one). A login form's `email` and `password` are not. The fields are
 * classified by the vocabulary (`classifier.ts`); the request objects are the frameworks'.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberChain, propertyName, unwrap, walk } from './ast';
import type { Classification, Classifier } from './classifier';
import { AST_NODE_TYPES } from './node-types';
import { REQUEST_INPUT_MEMBERS, REQUEST_OBJECT_NAMES } from './vocabulary';

/** The patient fields a handler reads from one request input, and the input's text. */
export interface RequestInputFields {
  /** `req.body`, `ctx.request.query`. */
  input: string;
  fields: Classification[];
}

/**
 * `req.body`, `request.query`, `ctx.request.body`: the text of a request input a member
 * expression reads, when its object is a handler's request parameter by name.
 */
export function requestInputText(member: TSESTree.MemberExpression): string | undefined {
  const prop = propertyName(member);
  if (!prop || !REQUEST_INPUT_MEMBERS.has(prop)) return undefined;
  const chain = memberChain(member.object);
  const root = chain[0];
  if (!root || !REQUEST_OBJECT_NAMES.has(root)) return undefined;
  // `req.body`, `ctx.request.body`; not `req.session.body` or `res.locals.body`.
  if (chain.length > 2 || (chain.length === 2 && chain[1] !== 'request')) return undefined;
  return [...chain, prop].join('.');
}

/** Per handler: the inputs it reads and their patient fields, computed once. */
const byFunction = new WeakMap<TSESTree.Node, Map<string, Classification[]>>();

/**
 * The patient fields the handler around `member` reads from the request input it is, through
 * destructuring (`const { dob, insuranceId } = req.body`), member reads (`req.body.dob`) and
 * aliases (`const data = req.body; data.DOB`); undefined when it reads none that count.
 */
export function patientFieldsOfInput(
  member: TSESTree.MemberExpression,
  classifier: Classifier,
): RequestInputFields | undefined {
  const input = requestInputText(member);
  if (!input) return undefined;
  const fn = handlerOf(member, input.split('.')[0]!);
  if (!fn) return undefined;
  let inputs = byFunction.get(fn);
  if (!inputs) {
    inputs = readFields(fn, classifier);
    byFunction.set(fn, inputs);
  }
  const fields = inputs.get(input);
  return fields && fields.length > 0 ? { input, fields } : undefined;
}

/** The function whose parameter the request is (`(req, res) => …`), else the nearest one. */
function handlerOf(node: TSESTree.Node, request: string): TSESTree.Node | undefined {
  let nearest: TSESTree.Node | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    nearest ??= current;
    if (current.params.some((p) => p.type === AST_NODE_TYPES.Identifier && p.name === request))
      return current;
  }
  return nearest;
}

/** The patient fields read from each request input in a handler. */
function readFields(fn: TSESTree.Node, classifier: Classifier): Map<string, Classification[]> {
  const names = new Map<string, Set<string>>();
  const aliases = new Map<string, string>();
  let aboutPatients = mentionsPatients(fn.parent, classifier);
  const add = (input: string, name: string) => {
    let set = names.get(input);
    if (!set) names.set(input, (set = new Set()));
    set.add(name);
  };
  const inputOf = (node: TSESTree.Node): string | undefined => {
    const expr = unwrap(node);
    if (expr.type === AST_NODE_TYPES.MemberExpression) return requestInputText(expr);
    if (expr.type === AST_NODE_TYPES.Identifier) return aliases.get(expr.name);
    return undefined;
  };
  walk(fn, (node) => {
    if (!aboutPatients) aboutPatients = namesPatients(node, classifier);
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const input = inputOf(node.init);
      if (!input) return;
      if (node.id.type === AST_NODE_TYPES.Identifier) aliases.set(node.id.name, input);
      else if (node.id.type === AST_NODE_TYPES.ObjectPattern)
        for (const property of node.id.properties)
          if (property.type === AST_NODE_TYPES.Property && !property.computed)
            if (property.key.type === AST_NODE_TYPES.Identifier) add(input, property.key.name);
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      const input = inputOf(node.object);
      const prop = propertyName(node);
      if (input && prop) add(input, prop);
    }
  });
  const result = new Map<string, Classification[]>();
  for (const [input, fieldNames] of names) {
    const fields: Classification[] = [];
    for (const name of fieldNames) {
      const cls = classifier.classify(name, { inContainer: true });
      if (!cls || cls.role !== 'data' || cls.category === 'container') continue;
      // Identity fields alone are any user's (a login, a contact form): only about patients.
      if (cls.tier === 'strong' || cls.category !== 'identity' || aboutPatients) fields.push(cls);
    }
    result.set(input, fields);
  }
  return result;
}

/** Whether a node names patient records: `Patient`, `'INSERT INTO patients …'`, `'/edit/patient'`. */
function namesPatients(node: TSESTree.Node, classifier: Classifier): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return classifier.container(node.name) !== undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string')
    return containerWordIn(node.value, classifier);
  if (node.type === AST_NODE_TYPES.TemplateElement)
    return containerWordIn(node.value.cooked ?? '', classifier);
  return false;
}

function containerWordIn(text: string, classifier: Classifier): boolean {
  if (text.length > 2000) return false;
  return text
    .split(/[^A-Za-z0-9_]+/)
    .some((word) => word.length > 0 && classifier.container(word) !== undefined);
}

/** The route a handler is registered under: the string arguments of the call it is passed to. */
function mentionsPatients(call: TSESTree.Node | undefined, classifier: Classifier): boolean {
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  return call.arguments.some((argument) => {
    const expr = unwrap(argument);
    return (
      (expr.type === AST_NODE_TYPES.Literal || expr.type === AST_NODE_TYPES.TemplateLiteral) &&
      namesPatients(
        expr.type === AST_NODE_TYPES.TemplateLiteral ? expr.quasis[0]! : expr,
        classifier,
      )
    );
  });
}
