// An inventory dir over the e2e lab's hosts where lab-2 has fail_here: true (report.yml fails there),
// and the lab's hosts.ini lines for Ansible too.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { labInfo } from '../lab-helpers.js'

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

export function reportInventory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-report-'))
  const inv = join(dir, 'inventory')
  mkdirSync(join(inv, 'group_vars'), { recursive: true })
  mkdirSync(join(inv, 'host_vars'))
  // the lab's hosts, plus the interpreter Ansible should use (no discovery, no warning)
  const hosts = readFileSync(labInfo().hostsIni, 'utf8').replace(/^(lab-\d+ .*)$/gm, '$1 ansible_python_interpreter=/usr/bin/python3')
  writeFileSync(join(inv, 'hosts'), hosts)
  writeFileSync(join(inv, 'group_vars', 'all.yml'), 'fail_here: false\n')
  writeFileSync(join(inv, 'host_vars', 'lab-2.yml'), 'fail_here: true\n')
  return inv
}
