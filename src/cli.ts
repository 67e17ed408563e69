/**
 * `switchyard <command>`: the one entry point. src/launcher.mjs installs dependencies when
 * they are missing and then loads this file.
 */
import { commands, usage } from './commands';
import { ConfigError, loadConfig } from './config';
import { configureLogging, errorMessage, log } from './log';
import { tracingInstalled } from './tracing/tracing';

/** Resolves with the signal's name on the first SIGINT/SIGTERM; a second one exits at once. */
function nextSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.on(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== 'help' && name !== '--help' ? `Unknown command: ${name}\n\n${usage}` : usage);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  const config = loadConfig();
  // `dev` is watched by a person; the other commands' logs go to a collector.
  configureLogging(config.logLevel, config.logFormat ?? (name === 'dev' ? 'pretty' : 'json'));
  const signal = nextSignal();
  const running = await command(config, new Set(rest));
  if (!running) return 0;
  const ended = running.ended?.then(
    () => 'the worker stopped',
    (error) => `the worker failed: ${errorMessage(error)}`,
  );
  const reason = await Promise.race([signal, ...(ended ? [ended] : [])]);
  log.info(`stopping (${reason})`);
  await running.stop();
  await tracingInstalled()?.shutdown(); // the spans still batched
  log.info('stopped');
  return reason === 'SIGINT' || reason === 'SIGTERM' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `switchyard: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
