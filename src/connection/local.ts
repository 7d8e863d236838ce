// ansible_connection=local: the controller itself, through /bin/sh. Same contract as SSH.
import { spawn } from 'node:child_process'
import type { BecomeOptions, Connection, PutOptions, RunOptions, RunResult } from './types.js'
import { quote } from '../util/shell-quote.js'

export class LocalConnection implements Connection {
  constructor(readonly host = 'localhost') {}

  run(command: string, options: RunOptions = {}): Promise<RunResult> {
    const { line, stdin } = withBecome(command, options.become, options.stdin)
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', line], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs,
      })
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout.on('data', (b: Buffer) => out.push(b))
      child.stderr.on('data', (b: Buffer) => err.push(b))
      child.on('error', reject)
      // a command that exits without reading stdin must not crash the controller with EPIPE
      child.stdin.on('error', () => {})
      child.on('close', (code, signal) =>
        resolve({
          rc: code ?? (signal ? 128 + 9 : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      )
      child.stdin.end(stdin ?? '')
    })
  }

  async put(content: string | Buffer, remotePath: string, options: PutOptions = {}): Promise<void> {
    const dir = remotePath.replace(/\/[^/]*$/, '') || '/'
    const apply = [
      options.mode ? `chmod ${quote(options.mode)} "$tmp"` : '',
      options.owner ? `chown ${quote(options.owner)} "$tmp"` : '',
      options.group ? `chgrp ${quote(options.group)} "$tmp"` : '',
    ].filter(Boolean)
    const script = [
      `tmp=$(mktemp ${quote(`${dir}/.tsplay-XXXXXX`)}) || exit 1`,
      `trap 'rm -f "$tmp"' EXIT`,
      `cat > "$tmp"`,
      ...apply.map((a) => `${a} || exit 1`),
      `mv -f "$tmp" ${quote(remotePath)}`,
    ].join('\n')
    const result = await this.run(script, { stdin: content, become: options.become })
    if (result.rc !== 0) throw new Error(`put ${remotePath}: ${result.stderr.trim()}`)
  }

  async get(remotePath: string, options: { become?: BecomeOptions } = {}): Promise<Buffer> {
    const result = await this.run(`base64 < ${quote(remotePath)}`, { become: options.become })
    if (result.rc !== 0) throw new Error(`get ${remotePath}: ${result.stderr.trim()}`)
    return Buffer.from(result.stdout, 'base64')
  }

  async close(): Promise<void> {}
}

/** sudo/su wrapping shared by every connection: the password travels first on stdin. */
export function withBecome(command: string, become: BecomeOptions | undefined, stdin: string | Buffer | undefined) {
  if (!become) return { line: command, stdin }
  const prompt = '[tsplay-become-prompt]'
  const line =
    become.method === 'su'
      ? `su ${quote(become.user)} -c ${quote(command)}`
      : `sudo -H -S -p ${quote(prompt)} ${become.flags ?? ''} -u ${quote(become.user)} /bin/sh -c ${quote(command)}`
  const password = become.password === undefined ? '' : `${become.password}\n`
  const rest = stdin === undefined ? '' : stdin
  return { line, stdin: password === '' ? rest : Buffer.concat([Buffer.from(password), Buffer.from(rest)]) }
}
