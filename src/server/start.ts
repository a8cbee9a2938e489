// Entry point of `npm start`: config → build the app if needed → serve → stop cleanly on signals.
import { OPERATOR_CODE_TTL_MS, createPairingCode, hasActiveOwner } from './auth/pairing';
import { ensureAppBuilt } from './build-check';
import { loadConfig } from './config';
import { startServer } from './main';
import type { RunningServer } from './main';
import { StartupError, firstLine } from './startup-error';

/**
 * `Pairing code: …` while the shop has no owner device, so the first device can pair (§9). A
 * failure here must not stop a server that is already serving: it is reported and skipped.
 */
async function ownerCodeLine(server: RunningServer): Promise<string[]> {
  try {
    if (await hasActiveOwner(server.store.db)) return [];
    const { code } = await createPairingCode(server.store.db, 'owner', OPERATOR_CODE_TTL_MS);
    return [`Pairing code: ${code}`];
  } catch (error) {
    console.error(`Could not make a pairing code: ${firstLine(error)} — run npm run pairing-code`);
    return [];
  }
}

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
  // One write for both lines, so a reader that saw the first has seen the second too.
  console.log([`Trove listening on ${server.url}`, ...(await ownerCodeLine(server))].join('\n'));
  stopOnSignals(server);
} catch (error) {
  // Operators read this line, not a stack trace: StartupErrors already say what to do.
  const message = error instanceof StartupError ? error.message : `Trove could not start: ${firstLine(error)}`;
  console.error(message);
  process.exit(1);
}
