// `tsplay lab VERB`: throwaway SSH hosts on this machine (network namespaces + overlay root + sshd).
import { defineCommand } from './command.js'
import { UsageError } from '../errors.js'
import { suggestion } from '../util/did-you-mean.js'
import { quoteArgv } from '../util/shell-quote.js'
import { labCut, labDown, labHeal, labStart, labStatus, labStop, labUp, type UpResult } from '../lab/index.js'
import { installLabPackages } from '../lab/install.js'

const subverbs = ['up', 'status', 'down', 'stop', 'start', 'cut', 'heal'] as const
type Subverb = (typeof subverbs)[number]

export default defineCommand({
  name: 'lab',
  summary: [
    'Throwaway SSH hosts on this machine (needs Linux and root).',
    '  up N            start hosts lab-1 … lab-N (idempotent; grows the lab) and write hosts.ini;',
    '                  first installs what lab hosts need with apt-get when it is missing (--no-install: fail instead)',
    '  status          show each host: alive or not, its IP (exit 1 if one is down)',
    '  down            remove the lab: processes, namespaces, mounts, bridge, state',
    '  stop|start HOST kill / revive a host (its whole PID namespace; files kept)',
    '  cut|heal HOST   drop / restore a host\'s network',
    'State (keys, deploy\'s password, known_hosts, hosts.ini, logs) lives in $TSPLAY_LAB_DIR/NAME,',
    'default /var/lib/tsplay/labs/NAME. Lab names are machine-wide (they name bridges and namespaces).',
  ].join('\n'),
  usage: 'tsplay lab up N | status | down | stop HOST | start HOST | cut HOST | heal HOST [options]',
  options: [
    { name: 'name', short: 'n', kind: 'string', valueName: 'NAME', help: "lab name, 1-6 of [a-z0-9] (default 'lab')" },
    { name: 'inventory', short: 'i', kind: 'string', valueName: 'DIR', help: 'up: also write DIR/hosts (no .ini: Ansible skips .ini files in inventory dirs)' },
    { name: 'json', kind: 'boolean', help: 'up, status: print JSON' },
    { name: 'no-install', kind: 'boolean', help: 'up: do not apt-get install what lab hosts need when it is missing (fail instead)' },
  ],
  async run({ options, positionals }) {
    const [verb, ...rest] = positionals
    if (verb === undefined) throw new UsageError('lab needs a verb', `one of: ${subverbs.join(', ')}`)
    if (!(subverbs as readonly string[]).includes(verb)) {
      throw new UsageError(`unknown lab verb '${verb}'`, suggestion(verb, [...subverbs]) ?? `one of: ${subverbs.join(', ')}`)
    }
    const target = { name: options.name as string | undefined }
    const json = options.json === true
    const arg = (what: string) => {
      if (rest.length !== 1) throw new UsageError(`lab ${verb} needs exactly one ${what}`)
      return rest[0]
    }
    switch (verb as Subverb) {
      case 'up': {
        const count = Number(arg('host count'))
        if (!Number.isInteger(count)) throw new UsageError(`host count must be a number, got '${rest[0]}'`)
        if (!options['no-install']) await installLabPackages((line) => process.stderr.write(line + '\n'))
        const result = await labUp({ ...target, count, inventoryDir: options.inventory as string | undefined })
        out(json ? JSON.stringify(result, null, 2) : describeUp(result))
        return 0
      }
      case 'status': {
        const status = await labStatus(target)
        if (json) out(JSON.stringify(status, null, 2))
        else {
          out(`lab '${status.name}': ${status.hosts.filter((h) => h.alive).length}/${status.hosts.length} hosts alive`)
          for (const h of status.hosts) {
            const what = !h.alive ? 'stopped' : h.cut ? 'alive, network cut' : h.ssh ? 'alive' : 'alive, sshd not answering'
            out(`  ${h.name.padEnd(8)} ${h.ip.padEnd(15)} ${what}`)
          }
        }
        return status.hosts.every((h) => h.alive) ? 0 : 1
      }
      case 'down': {
        const result = await labDown(target)
        out(result.existed ? `lab '${result.name}' removed (${result.hosts} hosts)` : `lab '${result.name}' was not running`)
        return 0
      }
      case 'stop':
      case 'start':
      case 'cut':
      case 'heal': {
        const host = arg('HOST')
        const fn = { stop: labStop, start: labStart, cut: labCut, heal: labHeal }[verb as 'stop']
        await fn(host, target)
        out(`${host}: ${{ stop: 'stopped', start: 'started', cut: 'network cut', heal: 'network restored' }[verb as 'stop']}`)
        return 0
      }
    }
  },
})

function out(line: string): void {
  process.stdout.write(line + '\n')
}

function describeUp(r: UpResult): string {
  const first = r.hosts[0]
  return [
    `lab '${r.name}': ${r.hosts.length} hosts on ${r.subnet} (${r.started.length} started)`,
    ...r.hosts.map((h) => `  ${h.name.padEnd(8)} ${h.ip}`),
    `inventory:   ${r.inventoryFiles.join(', ')}`,
    `known_hosts: ${r.knownHosts}`,
    `deploy's sudo password: in ${r.passwordFile}`,
    `try: ${quoteArgv(['ssh', '-i', r.key, '-o', `UserKnownHostsFile=${r.knownHosts}`, '-o', 'StrictHostKeyChecking=yes', `root@${first.ip}`])}`,
  ].join('\n')
}
