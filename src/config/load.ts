// Ansible's configuration as ansible-core 2.14 finds it: the first of $ANSIBLE_CONFIG, ./ansible.cfg (not in
// a world-writable directory), ~/.ansible.cfg, /etc/ansible/ansible.cfg; then per setting an ANSIBLE_*
// variable beats the file, which beats the default (the command line beats them all, where it says).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { looseBoolean } from '../util/boolean.js'
import { parseIni, type IniFile } from './ini.js'
import { SETTINGS, type Setting, type SettingName } from './settings.js'

export interface Resolved {
  value: unknown
  /** 'default', 'env: ANSIBLE_X' or 'FILE' (the ansible.cfg it came from). */
  origin: string
}

// Set in ansible-test's and CI's environments, read by Ansible itself only: nothing for tsplay to honour.
const IGNORED_ENV = new Set(['ANSIBLE_CONFIG', 'ANSIBLE_SSH_CONTROL_PATH_DIR', 'ANSIBLE_SSH_CONTROL_PATH', 'ANSIBLE_TEST_PREFER_PODMAN'])

export class AnsibleConfig {
  private readonly cache = new Map<SettingName, Resolved>()

  constructor(
    readonly file: string | undefined,
    private readonly ini: IniFile,
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwd: string,
  ) {}

  get<T = unknown>(name: SettingName): T {
    return this.resolve(name).value as T
  }

  resolve(name: SettingName): Resolved {
    let r = this.cache.get(name)
    if (!r) this.cache.set(name, (r = this.compute(SETTINGS[name] as Setting)))
    return r
  }

  private compute(setting: Setting): Resolved {
    for (const variable of setting.env) {
      const value = this.env[variable]
      if (value !== undefined) return { value: convert(setting, value, this.cwd), origin: `env: ${variable}` }
    }
    for (const [section, key] of setting.ini) {
      const entry = this.ini.get(section)?.get(key)
      if (entry) return { value: convert(setting, entry.value, dirname(this.file!)), origin: this.file! }
    }
    return { value: typeof setting.default === 'string' || Array.isArray(setting.default) ? convert(setting, setting.default, this.cwd) : setting.default, origin: 'default' }
  }

  /** Settings of the file and ANSIBLE_* variables tsplay does not read: each warned about once per run. */
  unread(): string[] {
    const known = new Set<string>()
    const envs = new Set<string>()
    for (const s of Object.values(SETTINGS) as Setting[]) {
      for (const [section, key] of s.ini) known.add(`${section}\0${key}`)
      for (const e of s.env) envs.add(e)
    }
    const out: string[] = []
    for (const [section, entries] of this.ini) {
      for (const [key, entry] of entries) if (!known.has(`${section}\0${key}`)) out.push(`${this.file}:${entry.line}: [${section}] ${key} is not read by tsplay`)
    }
    for (const name of Object.keys(this.env).sort()) {
      if (name.startsWith('ANSIBLE_') && !envs.has(name) && !IGNORED_ENV.has(name)) out.push(`${name} is set but not read by tsplay`)
    }
    return out
  }
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p
}

function convert(setting: Setting, raw: unknown, base: string): unknown {
  const text = Array.isArray(raw) ? raw.join(setting.type === 'pathspec' ? ':' : ',') : String(raw).replace(/^(['"])(.*)\1$/, '$2')
  const path = (p: string) => (isAbsolute(expandHome(p)) ? expandHome(p) : resolve(base, expandHome(p)))
  switch (setting.type) {
    case 'boolean':
      return looseBoolean(text)
    case 'integer': {
      const n = Number(text)
      return text.trim() === '' || !Number.isInteger(n) ? setting.default : n
    }
    case 'path':
      return text === '' ? null : path(text)
    case 'pathlist':
      return text.split(',').map((p) => p.trim()).filter(Boolean).map(path)
    case 'pathspec':
      return text.split(':').filter(Boolean).map(path)
    case 'list':
      return text.split(',').map((p) => p.trim()).filter(Boolean)
    default:
      return text
  }
}

/** The config file Ansible would read, or undefined. */
export function findConfigFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const candidates: string[] = []
  if (env.ANSIBLE_CONFIG) {
    const p = resolve(cwd, expandHome(env.ANSIBLE_CONFIG))
    candidates.push(existsSync(p) && statSync(p).isDirectory() ? join(p, 'ansible.cfg') : p)
  }
  if (!worldWritable(cwd)) candidates.push(join(cwd, 'ansible.cfg'))
  candidates.push(join(homedir(), '.ansible.cfg'), '/etc/ansible/ansible.cfg')
  return candidates.find((c) => existsSync(c) && statSync(c).isFile())
}

function worldWritable(dir: string): boolean {
  try {
    return (statSync(dir).mode & 0o002) !== 0
  } catch {
    return true
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AnsibleConfig {
  const file = findConfigFile(env, cwd)
  return new AnsibleConfig(file, file ? parseIni(readFileSync(file, 'utf8'), file) : new Map(), env, cwd)
}

let current: AnsibleConfig | undefined

/** This process's configuration (read once). */
export function ansibleConfig(): AnsibleConfig {
  return (current ??= loadConfig())
}

/** For tests: read the configuration again (after changing the environment or directory). */
export function resetConfig(): void {
  current = undefined
}
