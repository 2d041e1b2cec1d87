/**
 * Loads a model file: a module whose default export is the model function.
 *
 * JavaScript (.mjs, .js, .cjs) is imported by Node itself. TypeScript (.ts,
 * .mts, .cts) goes through tsx's `tsImport` (a dependency of qsim, so a fresh
 * install needs no extra step): it compiles the file with esbuild on the fly
 * and registers its loader for that import only, so nothing else of the run
 * goes through it and runs without a .ts model never load it. A .ts file
 * outside any package with "type": "module" is compiled to CommonJS, whose
 * default export arrives wrapped (`namespace.default.default`): unwrapped here.
 *
 * Anything that keeps the file from giving a model function — missing, an
 * unknown extension, a syntax error, an error at import, no default export
 * function — is bad input: a ModelFileError, one line, exit code 2.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QsimError } from '../core/errors.js';
import type { ModelFunction } from '../api/model.js';
import { quote } from '../model/quote.js';

export class ModelFileError extends QsimError {
  readonly exitCode = 2;
  readonly code = 'model-file';
}

const JAVASCRIPT = ['.mjs', '.js', '.cjs'];
const TYPESCRIPT = ['.ts', '.mts', '.cts'];

/** The gist of a load error on one line: its first line, and the next when the first only announces it ("…errors:"). */
function gist(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const [first = 'unknown error', second] = lines;
  return first.endsWith(':') && second !== undefined ? `${first} ${second}` : first;
}

async function importTypeScript(url: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

/** The model function a namespace exports: `default`, or `default.default` when a loader wrapped CommonJS. */
function defaultFunction(namespace: unknown): ModelFunction | undefined {
  const first = (namespace as { default?: unknown } | undefined)?.default;
  if (typeof first === 'function') return first as ModelFunction;
  const second = (first as { default?: unknown } | undefined)?.default;
  return typeof second === 'function' ? (second as ModelFunction) : undefined;
}

export async function loadModel(path: string): Promise<ModelFunction> {
  const extension = extname(path).toLowerCase();
  const typescript = TYPESCRIPT.includes(extension);
  if (!typescript && !JAVASCRIPT.includes(extension)) {
    throw new ModelFileError(`--model expects a .mjs, .js, .cjs, .ts, .mts or .cts file, got ${quote(path)}`);
  }
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new ModelFileError(`--model ${quote(path)}: no such file`);
  if (!statSync(absolute).isFile()) throw new ModelFileError(`--model ${quote(path)}: not a file`);
  const url = pathToFileURL(absolute).href;
  let namespace: unknown;
  try {
    namespace = typescript ? await importTypeScript(url) : await import(url);
  } catch (error) {
    throw new ModelFileError(`--model ${quote(path)} could not be loaded: ${gist(error)}`, { cause: error });
  }
  const model = defaultFunction(namespace);
  if (model === undefined) {
    throw new ModelFileError(
      `--model ${quote(path)} has no default export function: write "export default function model(sim, opts) { … }"`,
    );
  }
  return model;
}
