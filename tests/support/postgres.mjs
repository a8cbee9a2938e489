// A private, throw-away PostgreSQL cluster for the tests, from the Debian package's binaries.
// initdb refuses to run as root, so as root the cluster runs as the `postgres` system user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function findBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(base, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
}

function freePort() {
  // Synchronous free-port pick: ask the OS in a child process (the runner is synchronous).
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script]).toString().trim());
}

/** Starts a cluster and returns { url, stop } or undefined when PostgreSQL is not installed. */
export function startPostgres() {
  const bin = findBin();
  if (!bin) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'trove-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = freePort();
  const asRoot = process.getuid?.() === 0;
  const sh = (cmd) => {
    const result = asRoot
      ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { encoding: 'utf8' })
      : spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${cmd}\n${result.stdout}${result.stderr}`);
  };
  try {
    sh(`${bin}/initdb -D ${data} -U postgres --auth=trust -E UTF8 >/dev/null`);
    sh(`${bin}/pg_ctl -D ${data} -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" -l ${dir}/log -w start >/dev/null`);
  } catch (error) {
    console.log(`(could not start a private PostgreSQL: ${error.message.split('\n').slice(-3).join(' ')})`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  console.log(`(private PostgreSQL on 127.0.0.1:${port})`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        sh(`${bin}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
