/**
 * One file as the endpoint model reads it: its route graph, its text, the classifier and the
 * configured authentication names — for the linted file, with its health model (provenance needs
 * ESLint's scope manager); for a module reached through a mount, without.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { HealthModel } from '../index';
import type { Classifier } from '../classifier';
import type { ProjectModule } from '../project-graph';
import { discoverRoutes, type ProgramRoutes } from '../routes';

export interface EndpointFile {
  file: string;
  program: TSESTree.Program;
  routes: ProgramRoutes;
  textOf: (node: TSESTree.Node) => string;
  classifier: Classifier;
  /** Names the configuration declares as authentication (`auth.middleware`). */
  authNames: readonly string[];
  /** Present for the linted file only: provenance needs ESLint's scope manager. */
  model?: HealthModel;
}

function sliceOf(text: string): (node: TSESTree.Node) => string {
  return (node) => text.slice(node.range[0], node.range[1]);
}

/** The linted file, with its health model. */
export function lintedEndpointFile(
  file: string,
  program: TSESTree.Program,
  text: string,
  model: HealthModel,
): EndpointFile {
  return {
    file,
    program,
    routes: discoverRoutes(program),
    textOf: sliceOf(text),
    classifier: model.classifier,
    authNames: model.config.auth.middleware,
    model,
  };
}

/** A module of the project reached from the linted file (a mounted router), judged syntactically. */
export function projectEndpointFile(
  module: ProjectModule,
  classifier: Classifier,
  authNames: readonly string[],
): EndpointFile {
  return {
    file: module.file,
    program: module.program,
    routes: discoverRoutes(module.program),
    textOf: sliceOf(module.text),
    classifier,
    authNames,
  };
}
