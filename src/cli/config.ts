// `tsplay config`: the Ansible configuration tsplay reads, as ansible-config shows it.
//   dump [--only-changed]   every setting: NAME(origin) = value, origin a file, an env variable or default
//   view                    the ansible.cfg in use
import { readFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { ansibleConfig } from '../config/load.js'
import { SETTINGS, type SettingName } from '../config/settings.js'
import { defineCommand } from './command.js'

function show(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (Array.isArray(value)) return `[${value.map((v) => `'${String(v)}'`).join(', ')}]`
  return String(value)
}

export default defineCommand({
  name: 'config',
  summary: "show the Ansible configuration tsplay reads (ansible.cfg, ANSIBLE_*), as ansible-config does",
  usage: 'tsplay config dump [--only-changed] | view',
  options: [{ name: 'only-changed', kind: 'boolean', help: 'dump: only settings that differ from the default' }],
  async run({ options, positionals }) {
    const config = ansibleConfig()
    const [action] = positionals
    if (action === 'view') {
      if (!config.file) throw new UsageError('no ansible.cfg in use', 'tsplay reads $ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg')
      process.stdout.write(readFileSync(config.file, 'utf8'))
      return 0
    }
    if (action !== 'dump') throw new UsageError(`tsplay config ${action ?? ''}: expected dump or view`, 'tsplay config dump --only-changed')
    for (const name of Object.keys(SETTINGS).sort() as SettingName[]) {
      const { value, origin } = config.resolve(name)
      if (options['only-changed'] && origin === 'default') continue
      process.stdout.write(`${name}(${origin}) = ${show(value)}\n`)
    }
    return 0
  },
})
