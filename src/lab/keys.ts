// Per-lab secrets: the client key (root and deploy), deploy's password, and one host key per host.
// All live in the lab's state dir (mode 0600), never in the repository or in output.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../errors.js'
import { exec } from './exec.js'

export async function ensureClientKey(keyPath: string, comment: string): Promise<string> {
  if (!existsSync(keyPath)) await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', keyPath])
  return readFileSync(`${keyPath}.pub`, 'utf8').trim()
}

export function ensurePassword(path: string): string {
  // hex, not base64url: a password that starts with '-' reads as a flag wherever it is typed as an argument
  if (!existsSync(path)) writeFileSync(path, randomBytes(18).toString('hex') + '\n', { mode: 0o600 })
  return readFileSync(path, 'utf8').trim()
}

const SALT_CHARS = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * SHA-512 crypt ($6$), as /etc/shadow wants it, through libc's crypt() from perl: perl-base is
 * Essential on Debian, the openssl CLI is not. The password travels on stdin, never in argv.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = [...randomBytes(16)].map((b) => SALT_CHARS[b % 64]).join('')
  const script = 'my $p = <STDIN>; chomp $p; print crypt($p, "\\$6\\$$ARGV[0]\\$")'
  const { stdout } = await exec('perl', ['-e', script, salt], password + '\n')
  if (!stdout.startsWith(`$6$${salt}$`)) throw new LabError("this system's crypt() cannot make SHA-512 password hashes")
  return stdout.trim()
}

export const HOST_KEY = 'etc/tsplay/ssh_host_ed25519_key'

/** Makes the host key inside a host's conf layer (once) and returns its public half. */
export async function ensureHostKey(confDir: string, hostName: string): Promise<string> {
  const path = join(confDir, HOST_KEY)
  if (!existsSync(path)) await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `root@${hostName}`, '-f', path])
  return readFileSync(`${path}.pub`, 'utf8').trim()
}
