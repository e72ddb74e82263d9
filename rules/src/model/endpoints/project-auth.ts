/**
 * Whether a project shows authentication anywhere (issue 18, item 8): a dependency on an
 * authentication library of the catalogue, or code that reads a token, a session or the
 * `Authorization` header. A router whose mount cannot be found is judged exposed in such a
 * project only under `reportUnknownMounts` (strict); in a project that shows none, nothing can
 * be authenticating it, and it is reported in recommended too.
 */
import {
  AUTHENTICATION_CODE,
  AUTHENTICATION_PACKAGE_PREFIXES,
  AUTHENTICATION_PACKAGES,
} from '../apis';
import { projectDependencies, projectFilesMatching, projectRoot } from '../project-graph';

export function projectShowsAuthentication(file: string, authNames: readonly string[]): boolean {
  const root = projectRoot(file);
  const authenticates = projectDependencies(root).some(
    (name) =>
      AUTHENTICATION_PACKAGES.has(name) ||
      AUTHENTICATION_PACKAGE_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
  if (authenticates) return true;
  if (projectFilesMatching(root, AUTHENTICATION_CODE).length > 0) return true;
  // The middleware names the project's configuration declares as authentication.
  return authNames.some(
    (name) => projectFilesMatching(root, new RegExp(`\\b${escape(name)}\\b`)).length > 0,
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
