// Ansible's configuration (ansible.cfg, ANSIBLE_*) as the defaults of the command line: an option given on
// the command line wins; one not given takes the configured value, as ansible-playbook's do.
import { existsSync } from 'node:fs'
import { ansibleConfig, type AnsibleConfig } from '../config/load.js'
import type { SettingName } from '../config/settings.js'
import type { OptionSpec, OptionValues } from './args.js'

// option name → the setting that gives its default; `changedOnly`: tsplay's own default stands until the setting is set
const FROM_CONFIG: Record<string, { setting: SettingName; changedOnly?: boolean }> = {
  inventory: { setting: 'DEFAULT_HOST_LIST' },
  user: { setting: 'DEFAULT_REMOTE_USER' },
  'private-key': { setting: 'DEFAULT_PRIVATE_KEY_FILE' },
  forks: { setting: 'DEFAULT_FORKS', changedOnly: true },
  timeout: { setting: 'DEFAULT_TIMEOUT', changedOnly: true },
  become: { setting: 'DEFAULT_BECOME' },
  'become-user': { setting: 'DEFAULT_BECOME_USER', changedOnly: true },
  'become-method': { setting: 'DEFAULT_BECOME_METHOD', changedOnly: true },
  'ask-become-pass': { setting: 'DEFAULT_BECOME_ASK_PASS' },
  'ask-pass': { setting: 'DEFAULT_ASK_PASS' },
  'vault-password-file': { setting: 'DEFAULT_VAULT_PASSWORD_FILE' },
  'vault-id': { setting: 'DEFAULT_VAULT_IDENTITY_LIST' },
  'ask-vault-pass': { setting: 'DEFAULT_ASK_VAULT_PASS' },
  verbose: { setting: 'DEFAULT_VERBOSITY', changedOnly: true },
  'force-handlers': { setting: 'DEFAULT_FORCE_HANDLERS' },
  'ssh-common-args': { setting: 'SSH_COMMON_ARGS' },
  'ssh-extra-args': { setting: 'SSH_EXTRA_ARGS' },
}

/** Fills the options a verb has and the command line left out from the configuration. */
export function withConfigDefaults(options: OptionValues, specs: OptionSpec[], config: AnsibleConfig = ansibleConfig()): OptionValues {
  const out: OptionValues = { ...options }
  const kinds = new Map(specs.map((s) => [s.name, s.kind]))
  for (const [option, { setting, changedOnly }] of Object.entries(FROM_CONFIG)) {
    const kind = kinds.get(option)
    if (kind === undefined || out[option] !== undefined) continue
    const { value, origin } = config.resolve(setting)
    if ((changedOnly && origin === 'default') || value === null || value === undefined || value === '' || value === false) continue
    if (option === 'inventory' && (value as string[]).every((p) => !existsSync(p) && !p.includes(','))) continue // /etc/ansible/hosts absent: only localhost
    if (kind === 'boolean') out[option] = value === true
    else if (kind === 'count') out[option] = Number(value)
    else if (kind === 'list') out[option] = Array.isArray(value) ? value.map(String) : [String(value)]
    else out[option] = Array.isArray(value) ? value.join(',') : String(value)
  }
  if (kinds.has('json') && out.json === undefined && config.get('DEFAULT_STDOUT_CALLBACK') === 'json') out.json = true
  return out
}

let warned = false

/** Each setting of ansible.cfg or ANSIBLE_* that tsplay does not read, said once per run (never silently ignored). */
export function warnUnreadSettings(write: (line: string) => void = (l) => process.stderr.write(l), config: AnsibleConfig = ansibleConfig()): void {
  if (warned) return
  warned = true
  for (const line of config.unread()) write(`[WARNING]: ${line}\n`)
}
