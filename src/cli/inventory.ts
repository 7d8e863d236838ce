// `tsplay inventory`: show an inventory as ansible-inventory does (--list, --graph, --host), explain
// where each host variable came from (--explain), and build a kubespray hosts.ini from addresses.
import { defineCommand } from './command.js'
import { UsageError } from '../errors.js'
import { loadInventory } from '../inventory/load.js'
import { VAULT_OPTIONS, keyringFromOptions } from './vault-options.js'
import { buildInventoryIni } from '../inventory/builder.js'
import { formatExplain, formatGraph, formatHost, formatList } from '../inventory/output.js'

export default defineCommand({
  name: 'inventory',
  summary: 'show, graph and explain an inventory; build a kubespray hosts.ini',
  usage: 'tsplay inventory -i INV (--list | --graph [GROUP] [--vars] | --host NAME [--explain])\n       tsplay inventory build IP... [--groups legacy|current] [--masters N] > hosts.ini',
  options: [
    { name: 'inventory', short: 'i', kind: 'list', valueName: 'INV', help: "inventory file, directory or 'host1,host2,' list (repeatable)" },
    { name: 'list', kind: 'boolean', help: "all groups and host vars as JSON (ansible-inventory --list's shape)" },
    { name: 'graph', kind: 'boolean', help: 'the group tree from GROUP (default all)' },
    { name: 'vars', kind: 'boolean', help: 'with --graph: show variables' },
    { name: 'host', kind: 'string', valueName: 'NAME', help: "one host's merged variables as JSON" },
    { name: 'explain', kind: 'boolean', help: 'with --host: which file:line set each variable and what it overrode' },
    { name: 'playbook-dir', kind: 'string', valueName: 'DIR', help: 'also read group_vars/ and host_vars/ from DIR' },
    { name: 'groups', kind: 'string', valueName: 'STYLE', help: 'build: group names, legacy (kube-master…) or current (kube_control_plane…)' },
    { name: 'masters', kind: 'string', valueName: 'N', help: 'build: how many control-plane hosts (default 2)' },
    ...VAULT_OPTIONS,
  ],
  async run({ options, positionals }) {
    const out = (text: string): void => void process.stdout.write(text + '\n')
    if (positionals[0] === 'build') {
      const style = (options.groups as string | undefined) ?? 'legacy'
      if (style !== 'legacy' && style !== 'current') throw new UsageError(`--groups must be legacy or current, not '${style}'`)
      const masters = options.masters === undefined ? undefined : Number(options.masters)
      if (masters !== undefined && (!Number.isInteger(masters) || masters < 1)) throw new UsageError('--masters must be a positive integer')
      process.stdout.write(buildInventoryIni(positionals.slice(1), { style, masters }))
      return 0
    }
    const modes = ['list', 'graph', 'host'].filter((m) => options[m] !== undefined)
    if (modes.length !== 1) throw new UsageError('give exactly one of --list, --graph or --host', 'tsplay inventory -i hosts.ini --list')
    const sources = (options.inventory as string[] | undefined) ?? []
    if (!sources.length) throw new UsageError('no inventory given', 'pass -i FILE, -i DIR or -i host1,host2,')
    if (options.explain && !options.host) throw new UsageError('--explain goes with --host NAME')
    if (options.vars && !options.graph) throw new UsageError('--vars goes with --graph')
    const inv = await loadInventory(sources, {
      playbookDir: options['playbook-dir'] as string | undefined,
      keyring: await keyringFromOptions(options),
      warn: (m) => process.stderr.write(`[WARNING]: ${m}\n`),
    })
    if (options.list) {
      out(formatList(inv))
    } else if (options.graph) {
      const group = positionals[0] ?? 'all'
      if (!inv.data.groups.has(group)) throw new UsageError(`--graph needs a group name, '${group}' is not one`)
      out(formatGraph(inv, group, Boolean(options.vars)))
    } else {
      const host = options.host as string
      out(options.explain ? formatExplain(inv, host) : formatHost(inv, host))
    }
    for (const w of inv.warnings.splice(0)) process.stderr.write(`[WARNING]: ${w}\n`)
    return 0
  },
})
