// tsplay doc MODULE | -l | -s MODULE | -j MODULE: ansible-doc's habits, from the module schemas and docs.
import { UsageError } from '../errors.js'
import { moduleDocs } from '../modules/docs/index.js'
import { isModuleName, modules } from '../modules/index.js'
import { suggestion } from '../util/did-you-mean.js'
import { defineCommand } from './command.js'
import { docJson, formatList, formatPage, formatSnippet } from './doc-format.js'

// what Ansible users type for the modules tsplay has under their short names
const COLLECTIONS = ['ansible.builtin.', 'ansible.posix.', 'community.general.', 'community.docker.', 'kubernetes.core.']

function moduleNamed(written: string) {
  const name = COLLECTIONS.reduce((n, prefix) => (n.startsWith(prefix) ? n.slice(prefix.length) : n), written)
  if (!isModuleName(name)) {
    throw new UsageError(`no module '${written}' in tsplay`, suggestion(name, Object.keys(modules)) ?? 'tsplay doc -l lists them')
  }
  return { name, def: modules[name], doc: moduleDocs[name] }
}

export default defineCommand({
  name: 'doc',
  summary: "Show a module's documentation: what it does, its arguments (type, default, choices, aliases, required), examples.",
  usage: 'tsplay doc MODULE... | -l | -s MODULE | -j MODULE',
  options: [
    { name: 'list', short: 'l', kind: 'boolean', help: 'list the modules, one line each' },
    { name: 'snippet', short: 's', kind: 'boolean', help: 'a task skeleton to paste into a playbook' },
    { name: 'json', short: 'j', kind: 'boolean', help: 'the documentation as JSON' },
  ],
  async run({ options, positionals }) {
    if (options.list) {
      const names = Object.keys(modules).sort() as Array<keyof typeof moduleDocs>
      process.stdout.write(formatList(names.map((n) => [n, moduleDocs[n]])) + '\n')
      return 0
    }
    if (!positionals.length) throw new UsageError('which module?', 'tsplay doc copy, or tsplay doc -l for the list')
    const found = positionals.map(moduleNamed)
    if (options.json) {
      process.stdout.write(JSON.stringify(Object.fromEntries(found.map((m) => [m.name, docJson(m.name, m.def, m.doc)])), null, 2) + '\n')
    } else if (options.snippet) {
      process.stdout.write(found.map((m) => formatSnippet(m.name, m.def, m.doc)).join('\n\n') + '\n')
    } else {
      process.stdout.write(found.map((m) => formatPage(m.name, m.def, m.doc)).join('\n') + '\n')
    }
    return 0
  },
})
