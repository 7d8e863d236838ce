// Ansible's connection variables + CLI options + ~/.ssh/config → one ConnectionSpec.
// Precedence (as with Ansible driving ssh): host vars > CLI options > ~/.ssh/config > defaults.
import { existsSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { ConfigError } from '../errors.js'
import { BOOLEAN_WORDS, parseBoolean } from '../util/boolean.js'
import type { BecomeOptions, ConnectionSpec, JumpSpec } from './types.js'
import { shlexSplit } from '../util/shlex.js'
import { parseSshArgs, proxyCommandAsJump } from './ssh-args.js'
import { expandTilde, loadSshConfig, resolveSshConfig, type SshConfig } from './ssh-config.js'

export interface ConnectOptions {
  sshConfig?: SshConfig // default: ~/.ssh/config
  user?: string // -u
  privateKeyFile?: string // --private-key
  password?: string // -k
  passphrase?: string // for encrypted keys
  acceptNewHostKeys?: boolean // --accept-new-host-keys
  hostKeyChecking?: boolean // Ansible's host_key_checking setting: false is StrictHostKeyChecking=no
  port?: number // Ansible's remote_port setting: the port when a host sets none
  knownHostsFiles?: string[] // default: ~/.ssh/known_hosts
  connectTimeoutMs?: number // default 10 s
  keepaliveIntervalMs?: number // default 15 s
  agent?: string | false // default: $SSH_AUTH_SOCK
  become?: Partial<BecomeOptions> & { enabled?: boolean } // -b/--become-user/--become-method/-K
}

type Vars = Record<string, unknown>

function str(vars: Vars, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = vars[n]
    if (v !== undefined && v !== null && v !== '') return String(v)
  }
  return undefined
}

function bool(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const parsed = parseBoolean(value)
  if (parsed === undefined) throw new ConfigError(`${name} must be a boolean, got ${JSON.stringify(value)}`, undefined, `one of ${BOOLEAN_WORDS}`)
  return parsed
}

function port(value: string | undefined, where: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new ConfigError(`${where} must be a port number (1-65535), got "${value}"`)
  return n
}

function policy(value: string | undefined, where: string): ConnectionSpec['hostKeyPolicy'] | undefined {
  if (value === undefined) return undefined
  const v = value.toLowerCase()
  if (v === 'yes' || v === 'ask' || v === 'true') return 'strict'
  if (v === 'accept-new') return 'accept-new'
  if (v === 'no' || v === 'off' || v === 'false') return 'no'
  throw new ConfigError(`${where}: StrictHostKeyChecking must be yes, accept-new or no, got "${value}"`)
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa']

// -o options tsplay honours, or that are safe to ignore because ssh2 has no equivalent that matters
const HONOURED = ['stricthostkeychecking', 'userknownhostsfile', 'proxycommand', 'proxyjump', 'connecttimeout', 'user', 'port', 'identityfile']
const HARMLESS = ['controlmaster', 'controlpersist', 'controlpath', 'serveraliveinterval', 'serveralivecountmax', 'identitiesonly', 'globalknownhostsfile', 'loglevel', 'batchmode', 'compression', 'forwardagent', 'hashknownhosts', 'kbdinteractiveauthentication', 'passwordauthentication', 'pubkeyauthentication', 'preferredauthentications', 'gssapiauthentication']

function argWarnings(name: string, args: ReturnType<typeof parseSshArgs>): string[] {
  const ignored = Object.keys(args.options).filter((k) => !HONOURED.includes(k) && !HARMLESS.includes(k))
  const flags = args.ignored.filter((f) => !['-q', '-T', '-C', '-v', '-vv', '-vvv', '-4', '-tt', '-t', '-n', '-N', '-A'].includes(f))
  return [...ignored.map((k) => `-o ${k}`), ...flags].map((a) => `host ${name}: ssh argument ${a} is ignored by tsplay`)
}

function defaultIdentityFiles(): string[] {
  return DEFAULT_KEYS.map((k) => `${homedir()}/.ssh/${k}`).filter((f) => existsSync(f))
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, each hop resolved through ~/.ssh/config. */
export function parseJumps(list: string, config: SshConfig, fallbackKeys: string[]): JumpSpec[] {
  return list.split(',').map((raw) => {
    const m = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(raw.trim())
    if (!m) throw new ConfigError(`bad ProxyJump hop "${raw}"`, undefined, 'expected [user@]host[:port]')
    const alias = m[2].replace(/^\[|\]$/g, '')
    const c = resolveSshConfig(config, alias)
    const keys = c.identityFiles.length ? c.identityFiles : defaultIdentityFiles()
    return {
      host: c.hostName ?? alias,
      port: port(m[3], `ProxyJump ${raw}`) ?? c.port ?? 22,
      user: m[1] ?? c.user ?? userInfo().username,
      identityFiles: [...new Set([...keys, ...fallbackKeys])],
    }
  })
}

export function resolveConnectionSpec(name: string, vars: Vars, options: ConnectOptions = {}): ConnectionSpec {
  const where = `host ${name}`
  const args = parseSshArgs([
    ...shlexSplit(str(vars, 'ansible_ssh_common_args') ?? ''),
    ...shlexSplit(str(vars, 'ansible_ssh_extra_args') ?? ''),
  ])
  const o = args.options
  const address = str(vars, 'ansible_host', 'ansible_ssh_host') ?? name
  const config = options.sshConfig ?? loadSshConfig()
  const c = resolveSshConfig(config, address)
  const keyVar = str(vars, 'ansible_ssh_private_key_file', 'ansible_private_key_file')
  const identityFiles = [
    ...(keyVar ? [expandTilde(keyVar)] : []),
    ...args.identityFiles.map(expandTilde),
    ...(o.identityfile ? [expandTilde(o.identityfile)] : []),
    ...(options.privateKeyFile ? [expandTilde(options.privateKeyFile)] : []),
    ...c.identityFiles,
  ]
  const keys = identityFiles.length ? identityFiles : defaultIdentityFiles()
  const proxyCommand = o.proxycommand ?? c.proxyCommand
  const asJump = proxyCommand ? proxyCommandAsJump(proxyCommand) : undefined
  const jumpList = o.proxyjump ?? args.jump ?? asJump ?? (proxyCommand ? undefined : c.proxyJump)
  const checking = bool(vars.ansible_host_key_checking, 'ansible_host_key_checking')
  const hostKeyPolicy =
    policy(o.stricthostkeychecking, `${where} ssh args`) ??
    (checking === false ? 'no' : undefined) ??
    (options.hostKeyChecking === false ? 'no' : undefined) ??
    (options.acceptNewHostKeys ? 'accept-new' : undefined) ??
    policy(c.strictHostKeyChecking, config.file) ??
    'strict'
  const knownHostsFiles = o.userknownhostsfile
    ? shlexSplit(o.userknownhostsfile).map(expandTilde)
    : (options.knownHostsFiles ?? c.userKnownHostsFiles ?? [`${homedir()}/.ssh/known_hosts`])
  const connectTimeout = o.connecttimeout ? Number(o.connecttimeout) * 1000 : undefined
  return {
    name,
    kind: (str(vars, 'ansible_connection') ?? 'ssh') === 'local' ? 'local' : 'ssh',
    host: c.hostName ?? address,
    port: port(str(vars, 'ansible_port', 'ansible_ssh_port'), `${where} ansible_port`) ?? args.port ?? port(o.port, `${where} -o Port`) ?? options.port ?? c.port ?? 22,
    user: str(vars, 'ansible_user', 'ansible_ssh_user') ?? args.user ?? o.user ?? options.user ?? c.user ?? userInfo().username,
    password: str(vars, 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password') ?? options.password,
    identityFiles: keys,
    passphrase: options.passphrase,
    agent: options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK),
    jumps: jumpList ? parseJumps(jumpList, config, keys) : [],
    proxyCommand: proxyCommand && !asJump ? proxyCommand : undefined,
    hostKeyPolicy,
    knownHostsFiles,
    connectTimeoutMs: connectTimeout ?? (c.connectTimeout ? c.connectTimeout * 1000 : options.connectTimeoutMs ?? 10_000),
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
    become: resolveBecome(vars, options.become),
    warnings: [...argWarnings(name, args), ...config.warnings],
  }
}

function resolveBecome(vars: Vars, cli: ConnectOptions['become']): BecomeOptions | undefined {
  const enabled = bool(vars.ansible_become, 'ansible_become') ?? cli?.enabled ?? false
  if (!enabled) return undefined
  const method = str(vars, 'ansible_become_method') ?? cli?.method ?? 'sudo'
  if (method !== 'sudo' && method !== 'su')
    throw new ConfigError(`ansible_become_method must be sudo or su, got "${method}"`)
  return {
    method,
    user: str(vars, 'ansible_become_user') ?? cli?.user ?? 'root',
    password: str(vars, 'ansible_become_password', 'ansible_become_pass') ?? cli?.password,
    flags: str(vars, 'ansible_become_flags') ?? cli?.flags,
  }
}
