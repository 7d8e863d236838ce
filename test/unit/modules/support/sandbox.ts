// A throwaway root for module tests that touch system state (services, users, packages, hostname):
// private mount+pid+uts namespaces, overlayfs with lowerdir=/ and a temp upperdir, chroot. The
// upperdir lists every file a run changed. Same idea as a lab host, without sshd.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Connection, PutOptions, RunOptions, RunResult } from '../../../../src/connection/types.js'
import { LocalConnection } from '../../../../src/connection/local.js'
import { inlineLib } from '../../../../src/connection/compose.js'
import { quote } from '../../../../src/util/shell-quote.js'

export interface Sandbox {
  conn: Connection
  upper: string
  /** Every path the runs changed, relative to /, excluding noise (tmp files). */
  changes(): Promise<string>
  close(): Promise<void>
}

export async function openSandbox(name = 'sandbox'): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), `tsplay-${name}-`))
  const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(dir, d))
  for (const d of [upper, work, merged]) mkdirSync(d)
  const setup = [
    `mount -t overlay overlay -o lowerdir=/,upperdir=${quote(upper)},workdir=${quote(work)} ${quote(merged)}`,
    `mount -t proc proc ${quote(merged)}/proc`,
    `mount --rbind /dev ${quote(merged)}/dev`,
    `mount -t tmpfs tmpfs ${quote(merged)}/run`,
    `mount -t tmpfs tmpfs ${quote(merged)}/tmp`,
    `hostname tsplay-sandbox`,
    `echo ready`,
    // PID 1 of the sandbox must reap orphans (daemons whose parent exited), or stops hang on zombies
    `exec sh -c 'while :; do sleep 1 & wait; done'`,
  ].join(' && ')
  const holder: ChildProcess = spawn('unshare', ['-m', '-u', '-p', '-n', '--fork', '--kill-child', '--propagation', 'private', 'sh', '-c', setup], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let err = ''
    holder.stderr!.on('data', (b: Buffer) => (err += b))
    holder.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve())
    holder.on('exit', (code) => reject(new Error(`sandbox failed (${code}): ${err}`)))
  })
  const inner = readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8').trim().split(' ')[0]
  const enter = `nsenter -t ${inner} -m -u -p -n -- chroot ${quote(merged)} /bin/sh -c`
  const conn = new SandboxConnection(enter)
  return {
    conn,
    upper,
    async changes() {
      const local = new LocalConnection()
      const r = await local.run(`cd ${quote(upper)} && find . -path ./tmp -prune -o -path ./run -prune -o -path ./root/.ansible -prune -o -printf '%P %y %m %s\\n' | sort`)
      return r.stdout
    },
    async close() {
      // killing the namespace's init ends every process started in it; then the unshare parent
      process.kill(Number(inner), 'SIGKILL')
      holder.kill('SIGKILL')
      await new Promise((r) => setTimeout(r, 50))
      await new LocalConnection().run(`umount -l ${quote(merged)} 2>/dev/null; rm -rf -- ${quote(dir)}`)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** LocalConnection with every command line entered into the sandbox. */
class SandboxConnection implements Connection {
  readonly host = 'sandbox'
  private local = new LocalConnection('sandbox')
  constructor(private enter: string) {}
  run(command: string, options: RunOptions = {}): Promise<RunResult> {
    // the shell in the sandbox is a new one: the command's lib comes with it
    const { lib: _lib, ...rest } = options
    return this.local.run(`${this.enter} ${quote(inlineLib(command, options))}`, rest)
  }
  put(content: string | Buffer, remotePath: string, options?: PutOptions): Promise<void> {
    return putVia(this, content, remotePath, options)
  }
  async get(remotePath: string): Promise<Buffer> {
    const r = await this.run(`base64 < ${quote(remotePath)}`)
    if (r.rc !== 0) throw new Error(`get ${remotePath}: ${r.stderr.trim()}`)
    return Buffer.from(r.stdout, 'base64')
  }
  async close(): Promise<void> {}
}

async function putVia(conn: Connection, content: string | Buffer, path: string, o: PutOptions = {}): Promise<void> {
  const dir = path.replace(/\/[^/]*$/, '') || '/'
  const script = [
    `tmp=$(mktemp ${quote(`${dir}/.tsplay-XXXXXX`)}) || exit 1`,
    `cat > "$tmp" || exit 1`,
    o.mode ? `chmod ${quote(o.mode)} "$tmp" || exit 1` : '',
    o.owner ? `chown ${quote(o.owner)} "$tmp" || exit 1` : '',
    o.group ? `chgrp ${quote(o.group)} "$tmp" || exit 1` : '',
    `mv -f "$tmp" ${quote(path)}`,
  ].join('\n')
  const r = await conn.run(script, { stdin: content })
  if (r.rc !== 0) throw new Error(`put ${path}: ${r.stderr.trim()}`)
}
