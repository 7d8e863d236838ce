// Where a lab lives and what its kernel objects are called. Names are short so that interface
// names (IFNAMSIZ: 15 chars) stay valid: `tsp<name>h<index>` is at most 3 + 6 + 1 + 3 = 13.
import { join } from 'node:path'
import { LabError } from '../errors.js'

export const DEFAULT_LAB_NAME = 'lab'
export const DEFAULT_HOST_PREFIX = 'lab' // hosts lab-1 … lab-N
export const MAX_HOSTS = 240
const NAME_RE = /^[a-z0-9]{1,6}$/
const PREFIX_RE = /^[a-z][a-z0-9]{0,15}$/

/** Host names are PREFIX-N: labs with different prefixes combine into one inventory without collisions. */
export function checkHostPrefix(prefix: string): string {
  if (!PREFIX_RE.test(prefix)) throw new LabError(`invalid host name prefix '${prefix}'`, 'use 1 to 16 characters from a-z and 0-9, starting with a letter, e.g. --prefix web')
  return prefix
}

export function checkLabName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new LabError(`invalid lab name '${name}'`, 'use 1 to 6 characters from a-z and 0-9, e.g. --name e2e')
  }
  return name
}

/** Parent of every lab's state dir: `$TSPLAY_LAB_DIR` or /var/lib/tsplay/labs. */
export function labsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.TSPLAY_LAB_DIR || '/var/lib/tsplay/labs'
}

export interface LabPaths {
  dir: string // state dir
  state: string // state.json
  key: string // client private key (root and deploy)
  password: string // deploy's sudo/ssh password, plain text, mode 0600
  knownHosts: string
  hostsIni: string
  logs: string
  fs: string // tmpfs mount point holding every overlay layer
  common: string // lower layer shared by every host of the lab
}

export function labPaths(name: string, root = labsRoot()): LabPaths {
  // Paths end up in hosts.ini and ssh options: keep them free of spaces and quotes.
  if (!/^\/[A-Za-z0-9_@%+=:,./-]*$/.test(root)) {
    throw new LabError(`lab state root '${root}' must be an absolute path without spaces or quotes`, 'set TSPLAY_LAB_DIR to such a path')
  }
  const dir = join(root, checkLabName(name))
  return {
    dir,
    state: join(dir, 'state.json'),
    key: join(dir, 'id_ed25519'),
    password: join(dir, 'deploy-password'),
    knownHosts: join(dir, 'known_hosts'),
    hostsIni: join(dir, 'hosts.ini'),
    logs: join(dir, 'logs'),
    fs: join(dir, 'fs'),
    common: join(dir, 'fs', 'common'),
  }
}

export interface HostPaths {
  conf: string // per-host lower layer: hostname, host key
  upper: string // everything the host wrote, and nothing else
  work: string
  merged: string // the host's root
  log: string
}

export function hostPaths(lab: LabPaths, hostName: string): HostPaths {
  const base = join(lab.fs, 'hosts', hostName)
  return {
    conf: join(base, 'conf'),
    upper: join(base, 'upper'),
    work: join(base, 'work'),
    merged: join(base, 'merged'),
    log: join(lab.logs, `${hostName}.log`),
  }
}

export const hostName = (index: number, prefix = DEFAULT_HOST_PREFIX): string => `${prefix}-${index}`
export const bridgeName = (lab: string): string => `tsp-${lab}`
export const vethName = (lab: string, index: number): string => `tsp${lab}h${index}`
export const netnsName = (lab: string, index: number): string => `tsplay-${lab}-${index}`
export const hostIp = (subnet: number, index: number): string => `10.213.${subnet}.${10 + index}`
export const bridgeIp = (subnet: number): string => `10.213.${subnet}.1`

/** `lab-7` (PREFIX-7) → 7; anything else is an error that lists what exists. */
export function parseHostName(name: string, known: string[]): number {
  const m = /^[a-z][a-z0-9]*-([1-9][0-9]{0,2})$/.exec(name)
  if (!m || !known.includes(name)) {
    const list = known.length ? known.join(', ') : 'none'
    throw new LabError(`no lab host '${name}'`, `hosts: ${list}`)
  }
  return Number(m[1])
}
