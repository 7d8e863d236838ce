// Which hosts tsplay connects to before the engine has loaded: only those whose connection the inventory
// alone decides. Anything in the play or on the command line that could change the user, port or
// transport turns prewarming off (the run then connects as usual).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prewarmPlaybook } from '../../../src/cli/prewarm.js'
import type { Session, SessionBase } from '../../../src/cli/session.js'
import { loadInventory } from '../../../src/inventory/load.js'
import { LocalConnection } from '../../../src/connection/local.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-prewarm-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const INVENTORY = `[web]
w1 ansible_host=10.0.0.1
w2 ansible_host=10.0.0.2 ansible_user=core
w3 ansible_host=10.0.0.3 ansible_port="{{ vaulted_port }}"
[db]
d1 ansible_host=10.0.0.9
`

/** The (host, ansible_user) pairs prewarming asked the session to connect. */
async function prewarmed(playbook: string, base: Partial<SessionBase> = {}): Promise<string[]> {
  writeFileSync(join(dir, 'hosts'), INVENTORY)
  writeFileSync(join(dir, 'play.yml'), playbook)
  const inventory = await loadInventory([join(dir, 'hosts')])
  const asked: string[] = []
  const session = {
    inventory,
    base: {
      inventory, forks: 50, extraVars: {}, tags: [], skipTags: [], check: false, diff: false, becomeDefaults: {},
      ...base,
      connect: (host: string, vars: Record<string, unknown>) => {
        asked.push(`${host}:${String(vars.ansible_user ?? '-')}`)
        return new LocalConnection(host)
      },
    },
  } as unknown as Session
  prewarmPlaybook(session, join(dir, 'play.yml'))
  return asked
}

describe('prewarming connections', () => {
  it('connects the first play’s hosts with their inventory settings, skipping templated ones', async () => {
    expect(await prewarmed('- hosts: web\n  tasks: []\n')).toEqual(['w1:-', 'w2:core'])
  })

  it('honours --limit, -u and --forks', async () => {
    expect(await prewarmed('- hosts: all\n  tasks: []\n', { limit: 'w1,w2,d1', remoteUser: 'ops', forks: 2 })).toEqual(['w1:ops', 'w2:core'])
  })

  it('does nothing when the play or the command line may change how to connect', async () => {
    for (const play of [
      '- hosts: web\n  remote_user: admin\n  tasks: []\n',
      '- hosts: web\n  vars: { ansible_user: admin }\n  tasks: []\n',
      '- hosts: web\n  connection: local\n  tasks: []\n',
      '- hosts: web\n  serial: 1\n  tasks: []\n',
      '- hosts: web\n  vars_files: [more.yml]\n  tasks: []\n',
      '- hosts: "{{ target }}"\n  tasks: []\n',
      '- import_playbook: other.yml\n',
      '- hosts: web\n  tasks: [\n', // unparsable: the loader reports it
    ]) {
      expect(await prewarmed(play), play).toEqual([])
    }
    expect(await prewarmed('- hosts: web\n  tasks: []\n', { extraVars: { ansible_port: 2222 } })).toEqual([])
  })
})
