/**
 * Consistency as evidence: when most routes of a router authenticate and one that reads or writes
 * data does not, that route was most likely forgotten — `GET /profile?user_id=…` beside fifty
 * routes behind `passport.authenticate('jwt')`. Routes whose path says they are public by nature
 * (login, registration, health checks, public pages, web hooks) are left out.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, walk } from '../ast';
import {
  RECORD_LOOKUP_METHODS,
  RECORD_WRITES,
  ROW_READ_METHODS,
  SQL_RUNNER_METHODS,
} from '../apis';
import { isAuthMiddleware, type Route, staticSegments } from '../routes';
import { tokenize } from '../tokens';
import type { EndpointFile } from './file';
import { handlerFunction } from './handlers';
import { requestInputText } from '../request-input';
import { LOGIN_WORDS, namesHealthCheck, namesLogin, PUBLIC_PATH_WORDS } from './words';

/** How many sibling routes must authenticate, and at least half of them. */
const MIN_AUTHENTICATED_SIBLINGS = 3;

/** The authenticated siblings of a route that authenticates nothing itself. */
export interface SiblingEvidence {
  kind: 'siblings';
  /** How many other routes of the same router authenticate. */
  authenticated: number;
  /** The authentication middleware of the first of them, as written. */
  auth: string;
}

/** Whether most sibling routes authenticate while this data route does not. */
export function siblingsAuthenticate(
  route: Route,
  path: string | undefined,
  f: EndpointFile,
): SiblingEvidence | undefined {
  const segments = staticSegments(path);
  if (namesLogin(segments) || segments.some(namesHealthCheck)) return undefined;
  if (publicByName(segments)) return undefined;
  const authenticates = (n: TSESTree.Node) => isAuthMiddleware(n, f.authNames, f.textOf);
  let others = 0;
  let auth: TSESTree.Node | undefined;
  let authenticated = 0;
  for (const sibling of f.routes.routes) {
    if (sibling === route || sibling.owner.key !== route.owner.key) continue;
    others++;
    const found = sibling.middleware.find(authenticates);
    if (!found) continue;
    authenticated++;
    auth ??= found;
  }
  if (!auth || authenticated < MIN_AUTHENTICATED_SIBLINGS || authenticated * 2 < others)
    return undefined;
  const fn = route.handler ? handlerFunction(route.handler, f.program) : undefined;
  return fn && touchesData(fn)
    ? { kind: 'siblings', authenticated, auth: f.textOf(auth) }
    : undefined;
}

/**
 * Whether a path says its route is public by nature: a public or login word as a word of a
 * segment, or run together in one (`verifyotp`, `refreshtoken`, `changepassword`).
 */
function publicByName(segments: readonly string[]): boolean {
  const words = [...PUBLIC_PATH_WORDS, ...LOGIN_WORDS];
  return segments.some((segment) => {
    const lower = segment.toLowerCase();
    if (tokenize(segment).some((w) => PUBLIC_PATH_WORDS.has(w))) return true;
    return words.some((word) => word.length >= 5 && lower.includes(word)) || lower.endsWith('otp');
  });
}

/**
 * Whether a handler writes records, or reads them by what the client sends (`req.params.id`,
 * `req.query.user_id`), through SQL, an ORM or a query builder. A read that takes nothing from
 * the request (`NprogramTypes.findAll({ where: { is_active: 1 } })`) lists what every client
 * gets alike — the options of a registration form — and is public by design.
 */
function touchesData(fn: TSESTree.Node): boolean {
  let writes = false;
  let reads = false;
  let input = false;
  walk(fn, (node) => {
    if (writes || (reads && input)) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && requestInputText(node)) input = true;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const name = calleeName(node.callee);
    if (!name) return undefined;
    if (RECORD_WRITES.has(name)) writes = true;
    else if (
      SQL_RUNNER_METHODS.has(name) ||
      ROW_READ_METHODS.has(name) ||
      RECORD_LOOKUP_METHODS.has(name)
    )
      reads = true;
    return undefined;
  });
  return writes || (reads && input);
}
