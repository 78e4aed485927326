// A real nginx (Debian's, with its WebDAV module) serving a remote store on 127.0.0.1: a temporary
// config, a free port, basic auth from an htpasswd file made with apache2-utils' htpasswd, the
// document root a temp directory the tests may edit (to flip a byte on "the server"). Stopped by pid.
import { execa } from 'execa';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './runner.js';

export interface NginxWebdav {
  /** The store's URL (no credentials in it). */
  url: string;
  /** The directory nginx serves: root/blobs/sha256/…, root/entries/… */
  root: string;
  user: string;
  password: string;
  /** The environment that gives the runner the credentials. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  await new Promise<void>((res) => server.close(() => res()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}`);
    const r = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
    if (r) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`nginx did not listen on ${port}:\n${log()}`);
}

/** Starts nginx with WebDAV (PUT DELETE MKCOL COPY MOVE) and basic auth on every request. */
export async function startNginxWebdav(): Promise<NginxWebdav> {
  const dir = tempDir('nginx-');
  const root = join(dir, 'root');
  mkdirSync(root);
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, 'tmp'));
  const user = 'agent';
  const password = 'pa$$ w0rd';
  await execa('htpasswd', ['-bc', join(dir, 'htpasswd'), user, password]);
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
error_log ${dir}/logs/error.log info;
pid ${dir}/nginx.pid;
events { worker_connections 64; }
http {
  access_log ${dir}/logs/access.log;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/tmp;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {
      auth_basic "pyhermetic store";
      auth_basic_user_file ${dir}/htpasswd;
      dav_methods PUT DELETE MKCOL COPY MOVE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off; master_process off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  await waitForPort(port, child, () => stderr);
  return {
    url: `http://127.0.0.1:${port}/store/`,
    root: join(root, 'store'),
    user,
    password,
    env: { PYHERMETIC_REMOTE_USER: user, PYHERMETIC_REMOTE_PASSWORD: password },
    async stop() {
      if (child.exitCode === null) {
        const done = new Promise((res) => child.once('exit', res));
        child.kill('SIGQUIT');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
