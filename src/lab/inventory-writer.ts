// What `lab up` hands to users and to tsplay itself: an Ansible-style hosts.ini and a known_hosts
// holding each host's key under its IP and its name, so strict host key checking just works.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LabPaths } from './paths.js'
import type { LabState } from './state.js'

export function knownHostsText(state: LabState, hostKeys: Map<string, string>): string {
  return state.hosts
    .map((h) => {
      const [type, key] = (hostKeys.get(h.name) ?? '').split(' ')
      return `${h.ip},${h.name} ${type} ${key}`
    })
    .join('\n')
    .concat('\n')
}

/** Quotes an ini value the way Ansible's ini parser (shlex) reads it back. */
function iniValue(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`
}

export function hostsIniText(state: LabState, paths: LabPaths): string {
  const common = `-o UserKnownHostsFile=${paths.knownHosts} -o StrictHostKeyChecking=yes`
  const lines = [
    `# Written by \`tsplay lab up\` for lab '${state.name}'. Removed by \`tsplay lab down --name ${state.name}\`.`,
    '[lab]',
    ...state.hosts.map((h) =>
      [
        h.name,
        `ansible_host=${h.ip}`,
        'ansible_user=root',
        `ansible_ssh_private_key_file=${iniValue(paths.key)}`,
        `ansible_ssh_common_args=${iniValue(common)}`,
      ].join(' '),
    ),
  ]
  return lines.join('\n') + '\n'
}

/**
 * Writes known_hosts and hosts.ini to the state dir, and `hosts` to `inventoryDir` if given: inside an
 * inventory directory Ansible (and tsplay) skip files ending in .ini, so the copy there has no extension.
 */
export function writeInventory(state: LabState, paths: LabPaths, hostKeys: Map<string, string>, inventoryDir?: string): string[] {
  writeFileSync(paths.knownHosts, knownHostsText(state, hostKeys), { mode: 0o644 })
  const ini = hostsIniText(state, paths)
  writeFileSync(paths.hostsIni, ini, { mode: 0o644 })
  const written = [paths.hostsIni]
  if (inventoryDir) {
    mkdirSync(inventoryDir, { recursive: true })
    const file = join(inventoryDir, 'hosts')
    writeFileSync(file, ini, { mode: 0o644 })
    written.push(file)
  }
  return written
}
