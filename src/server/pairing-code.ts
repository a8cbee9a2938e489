// `npm run pairing-code`: prints a fresh one-time OWNER pairing code (valid 24 h), e.g. when the
// owner's only device was lost. Uses the same config as `npm start` and works while it runs
// (SQLite waits out the server's brief write locks through busy_timeout).
import { OPERATOR_CODE_TTL_MS, createPairingCode } from './auth/pairing';
import { loadConfig } from './config';
import { StartupError, firstLine } from './startup-error';
import { openStore } from './store/open-store';

try {
  const store = await openStore(loadConfig(process.env, process.cwd()));
  try {
    const { code } = await createPairingCode(store.db, 'owner', OPERATOR_CODE_TTL_MS);
    console.log(`Pairing code: ${code}`);
  } finally {
    await store.close();
  }
} catch (error) {
  console.error(error instanceof StartupError ? error.message : `Could not make a pairing code: ${firstLine(error)}`);
  process.exitCode = 1;
}
