// Connection settings for lab hosts, isolated from the machine's ~/.ssh (config, keys, agent).
import { execFileSync } from 'node:child_process'
import { ConnectionPool, type PoolOptions } from '../../../src/connection/index.js'
import { parseSshConfig } from '../../../src/connection/ssh-config.js'
import { labHost, labInfo } from '../lab-helpers.js'

export const NO_SSH_CONFIG = parseSshConfig('', '(none)')

/** Pool options that ignore ~/.ssh and SSH_AUTH_SOCK unless a test asks for them. */
export function isolated(extra: PoolOptions = {}): PoolOptions {
  return { sshConfig: NO_SSH_CONFIG, agent: false, knownHostsFiles: [labInfo().knownHosts], connectTimeoutMs: 5000, ...extra }
}

export function newPool(extra: PoolOptions = {}): ConnectionPool {
  return new ConnectionPool(isolated(extra))
}

/** Inventory vars for a lab host, as the lab's hosts.ini would give them. */
export function labVars(host: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ansible_host: labHost(host).ip, ansible_user: 'root', ansible_ssh_private_key_file: labInfo().key, ...extra }
}

/** The controller's address on the lab bridge (what lab hosts see as the client). */
export function controllerIp(): string {
  const out = execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', labInfo().bridge], { encoding: 'utf8' })
  const m = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(out)
  if (!m) throw new Error(`no IPv4 address on ${labInfo().bridge}`)
  return m[1]
}
