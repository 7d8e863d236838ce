// Options shared by `run` and `exec`, spelled as ansible-playbook and ansible spell them.
import type { OptionSpec, OptionValues } from './args.js'
import { UsageError } from '../errors.js'
import { VAULT_OPTIONS } from './vault-options.js'

export const CONNECTION_OPTIONS: OptionSpec[] = [
  { name: 'inventory', short: 'i', kind: 'list', valueName: 'INV', help: 'inventory file, directory or host list "h1,h2," (repeatable)' },
  { name: 'limit', short: 'l', kind: 'string', valueName: 'PATTERN', help: 'further limit hosts to a pattern (@file reads a retry file)' },
  { name: 'extra-vars', short: 'e', kind: 'list', valueName: 'VARS', help: 'k=v pairs, YAML/JSON, or @file (repeatable; highest precedence)' },
  { name: 'forks', short: 'f', kind: 'string', valueName: 'N', help: 'hosts worked on at once (default 50)' },
  { name: 'check', short: 'C', kind: 'boolean', help: 'predict changes without making them' },
  { name: 'diff', short: 'D', kind: 'boolean', help: 'show the differences in changed files' },
  { name: 'become', short: 'b', kind: 'boolean', help: 'run as another user (sudo)' },
  { name: 'become-user', kind: 'string', valueName: 'USER', help: 'user to become (default root)' },
  { name: 'become-method', kind: 'string', valueName: 'METHOD', help: 'sudo or su' },
  { name: 'ask-become-pass', short: 'K', kind: 'boolean', help: 'ask for the become password' },
  { name: 'user', short: 'u', kind: 'string', valueName: 'USER', help: 'connect as this user' },
  { name: 'connection', short: 'c', kind: 'string', valueName: 'TYPE', help: 'connection type: ssh (default; smart and paramiko mean ssh) or local' },
  { name: 'ask-pass', short: 'k', kind: 'boolean', help: 'ask for the SSH password' },
  { name: 'private-key', kind: 'string', valueName: 'FILE', help: 'SSH private key file' },
  { name: 'timeout', short: 'T', kind: 'string', valueName: 'SECONDS', help: 'SSH connection timeout in seconds (default 10)' },
  { name: 'ssh-common-args', kind: 'string', valueName: 'ARGS', help: "ssh arguments for hosts without ansible_ssh_common_args (e.g. '-o ProxyJump=bastion')" },
  { name: 'ssh-extra-args', kind: 'string', valueName: 'ARGS', help: 'more ssh arguments, for hosts without ansible_ssh_extra_args' },
  { name: 'accept-new-host-keys', kind: 'boolean', help: "record unknown host keys (OpenSSH's accept-new); changed keys are still refused" },
  { name: 'verbose', short: 'v', kind: 'count', help: 'more output: -v results and task times, -vvv connection details' },
  { name: 'json', kind: 'boolean', help: "print one JSON document instead of text (the shape of Ansible's json callback)" },
  { name: 'report', kind: 'string', valueName: 'FILE.html', help: 'also write an HTML report: timeline per host, slowest tasks, failures, diffs, recap' },
  ...VAULT_OPTIONS,
]

export function forksOf(options: OptionValues): number {
  if (options.forks === undefined) return 50
  const n = Number(options.forks)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--forks needs a whole number ≥ 1, got '${String(options.forks)}'`)
  return n
}

const CONNECTION_TYPES: Record<string, 'ssh' | 'local'> = { ssh: 'ssh', smart: 'ssh', paramiko: 'ssh', local: 'local' }

/** -c: Ansible's connection plugin names tsplay has (smart and paramiko are ssh here). */
export function connectionOf(options: OptionValues): 'ssh' | 'local' | undefined {
  const value = options.connection as string | undefined
  if (value === undefined) return undefined
  const type = CONNECTION_TYPES[value]
  if (!type) throw new UsageError(`-c/--connection '${value}' is not a connection type tsplay has`, 'use ssh or local')
  return type
}

/** -T: seconds, as ansible's --timeout. */
export function timeoutMsOf(options: OptionValues): number | undefined {
  if (options.timeout === undefined) return undefined
  const n = Number(options.timeout)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`-T/--timeout needs a number of seconds > 0, got '${String(options.timeout)}'`, 'e.g. -T 30')
  return n * 1000
}

export function listOf(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : value === undefined ? [] : [String(value)]
}

/** `-t a,b -t c` → ['a', 'b', 'c'] */
export function commaList(value: unknown): string[] {
  return listOf(value).flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
}
