// Timing helpers shared by the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUNNER = join(ROOT, 'resources', 'pyhermetic', 'runner.mjs');

/** Runs argv and returns the wall time in ms; throws when it fails. */
export function timeRun(argv, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: opts.stdio ?? 'ignore', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`bench: ${argv.join(' ')} exited ${r.status}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of n runs, after one warm-up run. */
export function medianOf(n, argv, opts) {
  timeRun(argv, opts);
  return median(Array.from({ length: n }, () => timeRun(argv, opts)));
}

export const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function freePort() {
  const s = createServer();
  await new Promise((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address();
  await new Promise((res) => s.close(res));
  return port;
}

/** A real nginx WebDAV store with basic auth (bench/bench-pw) on 127.0.0.1; stop it with child.kill. */
export async function startNginx(dir) {
  const port = await freePort();
  for (const d of ['root', 'logs', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  spawnSync('htpasswd', ['-bc', join(dir, 'htpasswd'), 'bench', 'bench-pw']);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; error_log ${dir}/logs/error.log; pid ${dir}/nginx.pid;
events { worker_connections 64; }
http { access_log off; default_type application/octet-stream; client_body_temp_path ${dir}/tmp;
  client_max_body_size 0;
  server { listen 127.0.0.1:${port}; root ${dir}/root;
    location / { auth_basic "bench"; auth_basic_user_file ${dir}/htpasswd;
      dav_methods PUT DELETE MKCOL COPY MOVE; create_full_put_path on; } } }
`,
  );
  const child = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off; master_process off;'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined)) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  return { url: `http://127.0.0.1:${port}/store/`, child };
}
