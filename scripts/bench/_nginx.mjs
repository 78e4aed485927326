// A real nginx WebDAV store with basic auth on 127.0.0.1 for the remote rows (the tests' one is
// test/helpers/nginx-webdav.ts). stop() ends this nginx (by its own child handle) and removes its files.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const USER = 'bench';
export const PASSWORD = 'bench-pw';

async function freePort() {
  const s = createServer();
  await new Promise((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address();
  await new Promise((res) => s.close(res));
  return port;
}

/** Starts nginx under a fresh directory of `base`; resolves to { url, env, stop }. */
export async function startNginx(base) {
  const dir = mkdtempSync(join(base, 'nginx-'));
  const port = await freePort();
  for (const d of ['root', 'logs', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  spawnSync('htpasswd', ['-bc', join(dir, 'htpasswd'), USER, PASSWORD]);
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
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    up = Boolean(await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined));
    if (!up) await new Promise((res) => setTimeout(res, 100));
  }
  const stop = () => {
    child.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  if (!up) {
    stop();
    throw new Error(`bench: nginx did not answer on 127.0.0.1:${port}`);
  }
  return {
    url: `http://127.0.0.1:${port}/store/`,
    env: { ...process.env, PYHERMETIC_REMOTE_USER: USER, PYHERMETIC_REMOTE_PASSWORD: PASSWORD },
    stop,
  };
}
