// What the inventory must satisfy before anything connects: a --limit that leaves a host, and literal
// connection settings that can work (a port number, a timeout). Found here they are exit 1 with the file:line that
// set them; found per host while running they were failed tasks (exit 2) without a place to fix.
import { port, seconds } from '../connection/options.js'
import { ConfigError, type SourcePosition } from '../errors.js'
import type { AnsibleInventory } from '../inventory/inventory.js'

/** A --limit that leaves no host is an error with Ansible's words (its pattern warnings first). */
export function checkLimit(inventory: AnsibleInventory, limit: string): void {
  if (inventory.select('all', limit).length) return
  for (const w of inventory.warnings.splice(0)) process.stderr.write(`[WARNING]: ${w}\n`)
  throw new ConfigError('Specified inventory, host pattern and/or --limit leaves us with no hosts to target.', undefined, `--limit '${limit}' matches no host of the inventory`)
}

const CHECKS: Record<string, (text: string, where: string, at: SourcePosition) => unknown> = {
  ansible_port: port,
  ansible_ssh_port: port,
  ansible_timeout: (text, where, at) => seconds(text, where, 1, at),
  ansible_ssh_timeout: (text, where, at) => seconds(text, where, 1, at),
}

/** The winning value of each connection variable of the hosts a run may reach, judged where it was set. */
export function checkConnectionVars(inventory: AnsibleInventory, limit: string | undefined): void {
  for (const host of limit === undefined ? inventory.hostNames() : inventory.select('all', limit)) {
    const { provenance } = inventory.explainHost(host)
    for (const [key, check] of Object.entries(CHECKS)) {
      const won = provenance[key]?.at(-1)
      if (!won || won.value === null || won.value === undefined || won.value === '') continue
      const text = String(won.value)
      if (text.includes('{{')) continue // a template: judged per host when it is rendered
      check(text, `${key} of host ${host}`, won.origin)
    }
  }
}
