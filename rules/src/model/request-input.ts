/**
 * Request input as a source of patient data: what a client sends is patient data when the handler
 * reads patient fields from it — a strong term (`dob`, `insuranceId`, `diagnosis`), or identity
 * fields (`name`, `address`, `phone`) in a handler about patients (its route path, the model it
 * builds, the table it writes name one). A login form's `email` and `password` are not, nor a
 * staff or user record's. The fields are classified by the vocabulary (`classifier.ts`); where a
 * handler finds the input is the frameworks' (`requestInput` in `frameworks/`): members of the
 * request (`req.body`, `ctx.request.body`, `request.payload`), decorated parameters (`@Body()
 * dto`), the body a Web Request resolves to (`await request.json()`), form data a server action
 * receives (`formData.get('diagnosis')`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberChain, propertyName, unwrap, walk } from './ast';
import type { Classification, Classifier } from './classifier';
import { REQUEST_INPUT } from './frameworks';
import { AST_NODE_TYPES } from './node-types';
import { REQUEST_OBJECT_NAMES } from './vocabulary';

/** The patient fields a handler reads from one request input, and the input's text. */
export interface RequestInputFields {
  /** `req.body`, `ctx.request.query`, `@Body()`, `request.json()`, `formData`. */
  input: string;
  fields: Classification[];
}

/**
 * `req.body`, `request.query`, `ctx.request.body`: the text of a request input a member
 * expression reads, when its object is a handler's request parameter by name.
 */
export function requestInputText(member: TSESTree.MemberExpression): string | undefined {
  const prop = propertyName(member);
  if (!prop || !REQUEST_INPUT.members.has(prop)) return undefined;
  return onRequest(member.object) ? `${memberChain(member.object).join('.')}.${prop}` : undefined;
}

/** `req`, `request`, `ctx.request`: the request a handler receives, by name. */
function onRequest(node: TSESTree.Node): boolean {
  const chain = memberChain(node);
  const root = chain[0];
  if (!root || !REQUEST_OBJECT_NAMES.has(root)) return false;
  // `req.body`, `ctx.request.body`; not `req.session.body` or `res.locals.body`.
  return chain.length === 1 || (chain.length === 2 && chain[1] === 'request');
}

/** What a handler reads from the request, computed once per handler. */
interface HandlerInputs {
  /** Per input, the patient fields read from it. */
  fields: Map<string, Classification[]>;
  /** Names holding a whole input (`const data = req.body`, `@Body() dto`, `formData: FormData`). */
  aliases: Map<string, string>;
  /** Names holding one field of an input (`const { dob } = req.body`, `@Param('nir') nir`). */
  fieldNames: Map<string, { input: string; field: string }>;
}

const byFunction = new WeakMap<TSESTree.Node, HandlerInputs>();

function inputsOf(fn: TSESTree.Node, classifier: Classifier): HandlerInputs {
  let inputs = byFunction.get(fn);
  if (!inputs) {
    inputs = readFields(fn, classifier);
    byFunction.set(fn, inputs);
  }
  return inputs;
}

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
  const fields = inputsOf(fn, classifier).fields.get(input);
  return fields && fields.length > 0 ? { input, fields } : undefined;
}

/** A value of a handler that carries request input: the input, and the patient field it is if one. */
export interface CarriedInput {
  input: string;
  /** The patient field the value is; absent when it is the whole input. */
  field?: Classification;
  /** The input's patient fields. */
  fields: Classification[];
}

/**
 * The request input `node` carries in handler `fn`, when the handler reads patient fields from
 * that input: the input itself or an alias of it (`req.body`, `data`, `dto`, `await
 * request.json()`), or one of its patient fields (`req.body.dob`, `dob` destructured from it,
 * `formData.get('diagnosis')`). Names are matched in the handler, not resolved by scope.
 */
export function carriedRequestInput(
  node: TSESTree.Node,
  fn: TSESTree.Node,
  classifier: Classifier,
): CarriedInput | undefined {
  const inputs = inputsOf(fn, classifier);
  const expr = unwrap(node);
  let input = inputOf(expr, inputs.aliases);
  let field: string | undefined;
  if (!input) {
    const read = fieldRead(expr, inputs.aliases);
    const named =
      expr.type === AST_NODE_TYPES.Identifier ? inputs.fieldNames.get(expr.name) : undefined;
    input = read?.input ?? named?.input;
    field = read?.field ?? named?.field;
  }
  const fields = input ? inputs.fields.get(input) : undefined;
  if (!input || !fields || fields.length === 0) return undefined;
  if (field === undefined) return { input, fields };
  const cls = fields.find((f) => f.name === field);
  return cls ? { input, field: cls, fields } : undefined;
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

/** The input an expression is: `req.body`, `await request.json()`, an alias of one. */
function inputOf(node: TSESTree.Node, aliases: Map<string, string>): string | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.MemberExpression) return requestInputText(expr);
  if (expr.type === AST_NODE_TYPES.Identifier) return aliases.get(expr.name);
  const call = unwrap(expr.type === AST_NODE_TYPES.AwaitExpression ? expr.argument : expr);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !onRequest(callee.object))
    return undefined;
  const method = propertyName(callee);
  return method && REQUEST_INPUT.bodyMethods.has(method)
    ? `${memberChain(callee.object).join('.')}.${method}()`
    : undefined;
}

/** One field read from an input: `req.body.dob`, `dto.diagnosis`, `formData.get('dob')`. */
function fieldRead(
  node: TSESTree.Node,
  aliases: Map<string, string>,
): { input: string; field: string } | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.MemberExpression) {
    const input = inputOf(expr.object, aliases);
    const field = propertyName(expr);
    return input && field ? { input, field } : undefined;
  }
  if (expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(expr.callee);
  const name = expr.arguments[0];
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    !REQUEST_INPUT.formDataFieldMethods.has(propertyName(callee) ?? '') ||
    name?.type !== AST_NODE_TYPES.Literal ||
    typeof name.value !== 'string'
  )
    return undefined;
  const input = inputOf(callee.object, aliases);
  return input ? { input, field: name.value } : undefined;
}

/** The decorator of a parameter that makes it request input, and the field it names if one. */
function inputDecorator(param: TSESTree.Parameter): { input: string; field?: string } | undefined {
  for (const decorator of param.decorators ?? []) {
    const call = decorator.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    if (call.callee.type !== AST_NODE_TYPES.Identifier) continue;
    if (!REQUEST_INPUT.parameterDecorators.has(call.callee.name)) continue;
    const first = call.arguments[0];
    const field =
      first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
        ? first.value
        : undefined;
    return { input: `@${call.callee.name}()`, field };
  }
  return undefined;
}

/** `formData: FormData`: a parameter declared with a form-data type. */
function isFormDataParam(param: TSESTree.Parameter): param is TSESTree.Identifier {
  if (param.type !== AST_NODE_TYPES.Identifier) return false;
  const type = param.typeAnnotation?.typeAnnotation;
  return (
    type?.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    REQUEST_INPUT.formDataTypes.has(type.typeName.name)
  );
}

/** The patient fields read from each request input in a handler, and the names carrying them. */
function readFields(fn: TSESTree.Node, classifier: Classifier): HandlerInputs {
  const names = new Map<string, Set<string>>();
  const aliases = new Map<string, string>();
  const fieldNames = new Map<string, { input: string; field: string }>();
  let aboutPatients = mentionsPatients(fn.parent, classifier);
  const add = (input: string, name: string) => {
    let set = names.get(input);
    if (!set) names.set(input, (set = new Set()));
    set.add(name);
  };
  const destructure = (input: string, pattern: TSESTree.ObjectPattern) => {
    for (const property of pattern.properties)
      if (property.type === AST_NODE_TYPES.Property && !property.computed)
        if (property.key.type === AST_NODE_TYPES.Identifier) {
          add(input, property.key.name);
          const value = property.value;
          const local =
            value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : (value as TSESTree.Node);
          if (local.type === AST_NODE_TYPES.Identifier)
            fieldNames.set(local.name, { input, field: property.key.name });
        }
  };
  if (isFunctionNode(fn))
    for (const param of fn.params) {
      const decorated = inputDecorator(param);
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (decorated?.field !== undefined) {
        add(decorated.input, decorated.field);
        if (target.type === AST_NODE_TYPES.Identifier)
          fieldNames.set(target.name, { input: decorated.input, field: decorated.field });
      } else if (decorated && target.type === AST_NODE_TYPES.Identifier)
        aliases.set(target.name, decorated.input);
      else if (decorated && target.type === AST_NODE_TYPES.ObjectPattern)
        destructure(decorated.input, target);
      else if (isFormDataParam(param)) aliases.set(param.name, param.name);
    }
  walk(fn, (node) => {
    if (!aboutPatients) aboutPatients = namesPatients(node, classifier);
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const input = inputOf(node.init, aliases);
      if (input) {
        if (node.id.type === AST_NODE_TYPES.Identifier) aliases.set(node.id.name, input);
        else if (node.id.type === AST_NODE_TYPES.ObjectPattern) destructure(input, node.id);
        return;
      }
      // `const dob = req.body.dob`, `const diagnosis = formData.get('diagnosis')`
      const read = fieldRead(node.init, aliases);
      if (read && node.id.type === AST_NODE_TYPES.Identifier) fieldNames.set(node.id.name, read);
    } else if (
      node.type === AST_NODE_TYPES.MemberExpression ||
      node.type === AST_NODE_TYPES.CallExpression
    ) {
      const read = fieldRead(node, aliases);
      if (read) add(read.input, read.field);
    }
  });
  const fields = new Map<string, Classification[]>();
  for (const [input, fieldNamesRead] of names) {
    const patientFields: Classification[] = [];
    for (const name of fieldNamesRead) {
      const cls = classifier.classify(name, { inContainer: true });
      if (!cls || cls.role !== 'data' || cls.category === 'container') continue;
      // Identity fields alone are any user's (a login, a contact form): only about patients.
      if (cls.tier === 'strong' || cls.category !== 'identity' || aboutPatients)
        patientFields.push(cls);
    }
    fields.set(input, patientFields);
  }
  return { fields, aliases, fieldNames };
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
