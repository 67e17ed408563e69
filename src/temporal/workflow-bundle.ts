/**
 * The workflow code the workers run, bundled by webpack. Bundling is most of what a worker's
 * start costs, in CPU and in memory that stays in the worker (README, Benchmarks).
 * So a bundle is saved with what it was made from (the SDK's version, every file webpack read by
 * content hash, and every path it looked for and did not find), and the next start uses it while
 * all of that is unchanged. Otherwise the process bundles afresh, once: both its workers share
 * the result.
 *
 * The saved bundle is a cache, never a source of truth: a missing, stale or unreadable one means
 * bundling, and a directory that cannot be written only means bundling again next time.
 *
 * Every workflow module is preloaded. The worker runs all workflows in one reused V8 context,
 * and by default gives each new workflow its own copy of every module the workflow code imports,
 * evaluated afresh: the SDK's public entry, ours, the pure endpoint-health logic. For a delivery
 * workflow, which lives a few milliseconds, that evaluation was a large part of the workflow
 * thread's work. Preloaded modules are evaluated once, frozen and shared. That is safe only for
 * modules that keep no per-workflow state at module level, which is a rule of this code base
 * anyway (`test/unit/workflow-bundle.test.ts` checks that workflow modules declare none):
 * everything a workflow knows lives inside its function.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { version as sdkVersion } from '@temporalio/worker/package.json';
import { errorMessage, log } from '../log';

const WORKFLOWS_PATH = require.resolve('../../workflows');
const FILE_NAME = 'workflow-bundle.json';
/** The SDK's entry and all of ours (the root imports every workflow module): see above. */
export const PRELOADED_MODULES = ['@temporalio/workflow', WORKFLOWS_PATH];
/** With tracing on: the workflow span and its hand-off to activities (workflows/tracing.ts), a bundle of their own. */
const TRACING_INTERCEPTORS = [require.resolve('../../workflows/tracing')];

export interface BundleInputs {
  /** Absolute path → sha256 of the content, for every file on disk webpack read. */
  files: Record<string, string>;
  /** Paths webpack looked for and did not find: one appearing could change what resolves. */
  absent: string[];
}

interface SavedBundle {
  /** The bundler's own version: its webpack configuration is not among the files it reads. */
  sdk: string;
  /** What the bundle's entry preloads (written into the entry, not read from disk). */
  preloaded: string[];
  /** Its workflow interceptor modules (none unless traced). */
  interceptors?: string[];
  inputs: BundleInputs;
  code: string;
}

export interface PreparedBundle {
  code: string;
  /** `saved`: read from the cache; `bundled`: made by webpack in this process. */
  source: 'saved' | 'bundled';
}

/** webpack's report is chatty at info (every module): its warnings and errors go to our log. */
const bundlerLogger = new DefaultLogger('WARN', (entry) => (entry.level === 'ERROR' ? log.error : log.warn)(`workflow bundle: ${entry.message}`, entry.meta));

const hashOf = (content: Buffer) => crypto.createHash('sha256').update(content).digest('hex');

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Whether the inputs a bundle was made from are still what is on disk. */
export function inputsUnchanged(
  inputs: BundleInputs,
  read: (file: string) => Buffer | undefined = readOrUndefined,
  exists: (file: string) => boolean = fs.existsSync,
): boolean {
  if (Object.keys(inputs.files).length === 0) return false;
  for (const [file, hash] of Object.entries(inputs.files)) {
    const content = read(file);
    if (content === undefined || hashOf(content) !== hash) return false;
  }
  return !inputs.absent.some((file) => exists(file));
}

async function bundle(interceptors: string[]): Promise<{ code: string; inputs: BundleInputs }> {
  let read: string[] = [];
  let missing: string[] = [];
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: PRELOADED_MODULES,
    workflowInterceptorModules: interceptors,
    logger: bundlerLogger,
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        {
          apply(compiler) {
            compiler.hooks.done.tap('switchyard-bundle-inputs', (stats) => {
              read = [...stats.compilation.fileDependencies];
              missing = [...stats.compilation.missingDependencies];
            });
          },
        },
      ],
    }),
  });
  const files: Record<string, string> = {};
  // The entry point webpack reads is generated in memory: only files on disk are inputs.
  for (const file of read) {
    const content = readOrUndefined(file);
    if (content !== undefined) files[file] = hashOf(content);
  }
  return { code, inputs: { files, absent: missing.filter((file) => !fs.existsSync(file)) } };
}

async function prepare(dir: string, traced: boolean): Promise<PreparedBundle> {
  const file = path.join(dir, traced ? FILE_NAME.replace('.json', '-traced.json') : FILE_NAME);
  const interceptors = traced ? TRACING_INTERCEPTORS : [];
  const saved = readOrUndefined(file);
  if (saved) {
    try {
      const { sdk, preloaded, interceptors: savedInterceptors, inputs, code } = JSON.parse(saved.toString('utf8')) as SavedBundle;
      const sameEntry = sdk === sdkVersion && JSON.stringify(preloaded) === JSON.stringify(PRELOADED_MODULES) && JSON.stringify(savedInterceptors ?? []) === JSON.stringify(interceptors);
      if (sameEntry && inputsUnchanged(inputs)) return { code, source: 'saved' };
    } catch {
      // Unreadable: bundled afresh and replaced below.
    }
  }
  const made = await bundle(interceptors);
  try {
    fs.mkdirSync(dir, { recursive: true });
    // Written whole and renamed: another process starting now reads the old bundle or the new one.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify({ sdk: sdkVersion, preloaded: PRELOADED_MODULES, interceptors, inputs: made.inputs, code: made.code } satisfies SavedBundle));
    fs.renameSync(partial, file);
  } catch (error) {
    log.info('could not save the workflow bundle; the next start bundles again', { dir, error: errorMessage(error) });
  }
  return { code: made.code, source: 'bundled' };
}

const prepared = new Map<string, Promise<PreparedBundle>>();

/**
 * The workflow bundle for this process's workers, from `dir` when current; once per process,
 * directory and kind (`traced`: with OpenTelemetry's workflow interceptors).
 */
export function workflowBundle(dir: string, { traced = false }: { traced?: boolean } = {}): Promise<PreparedBundle> {
  const key = `${dir}\0${traced}`;
  let bundling = prepared.get(key);
  if (!bundling) {
    bundling = prepare(dir, traced);
    prepared.set(key, bundling);
    // A failure is not kept: the next worker to start tries again.
    bundling.catch(() => prepared.delete(key));
  }
  return bundling;
}
