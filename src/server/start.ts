// Entry point of `npm start`: config → build the app if needed → serve → stop cleanly on signals.
import { ensureAppBuilt } from './build-check';
import { loadConfig } from './config';
import { startServer } from './main';
import type { RunningServer } from './main';
import { StartupError, firstLine } from './startup-error';

function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (): void => {
    // A second Ctrl-C while closing means "now": don't make the operator wait.
    if (stopping) process.exit(1);
    stopping = true;
    void server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Error while shutting down: ${firstLine(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  const config = loadConfig(process.env, process.cwd());
  // TROVE_STATIC_DIR means someone supplies the files (tests use a tiny fake build): don't build.
  if (!config.staticDirFromEnv) {
    await ensureAppBuilt({ root: process.cwd(), staticDir: config.staticDir, log: (line) => console.log(line) });
  }
  const server = await startServer(config);
  console.log(`Trove listening on ${server.url}`);
  stopOnSignals(server);
} catch (error) {
  // Operators read this line, not a stack trace: StartupErrors already say what to do.
  const message = error instanceof StartupError ? error.message : `Trove could not start: ${firstLine(error)}`;
  console.error(message);
  process.exit(1);
}
