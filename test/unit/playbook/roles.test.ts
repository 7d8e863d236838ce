import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadPlaybook } from '../../../src/playbook/load.js'
import { roleSearchPath } from '../../../src/playbook/role.js'
import { resetConfig } from '../../../src/config/load.js'
import type { Block } from '../../../src/playbook/model.js'
import type { TsplayError } from '../../../src/errors.js'

function described(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return (e as TsplayError).describe()
  }
  throw new Error('expected an error')
}

const root = fileURLToPath(new URL('./fixtures/roles-search/', import.meta.url))
const playbooks = root + 'playbooks/'

describe('role search path', () => {
  it("looks in Ansible's order: PLAYBOOK_DIR/roles, --roles-path, the configured roles path, PLAYBOOK_DIR", () => {
    const path = roleSearchPath(playbooks, [root + 'extra'])
    expect(path.slice(0, 2)).toEqual([playbooks + 'roles', root + 'extra'])
    expect(path).toContain('/etc/ansible/roles')
    expect(path.at(-1)).toBe(playbooks.slice(0, -1))
  })

  it('ANSIBLE_ROLES_PATH replaces the default roles path', () => {
    const saved = process.env.ANSIBLE_ROLES_PATH
    process.env.ANSIBLE_ROLES_PATH = '/opt/a:/opt/b'
    resetConfig()
    try {
      expect(roleSearchPath(playbooks)).toEqual([playbooks + 'roles', '/opt/a', '/opt/b', playbooks.slice(0, -1)])
    } finally {
      if (saved === undefined) delete process.env.ANSIBLE_ROLES_PATH
      else process.env.ANSIBLE_ROLES_PATH = saved
      resetConfig()
    }
  })

  it('finds roles through PLAYBOOK_DIR/roles (here a link to ../roles) and on --roles-path, by name or by relative path', () => {
    const play = loadPlaybook(playbooks + 'site.yml', { rolesPath: [root + 'extra'] }).plays[0]
    expect(play.roles.map((r) => r.role.name)).toEqual(['shared', 'special', 'dup', 'dup'])
    expect(play.roles[1].role.path).toBe(root + 'extra/special')
  })

  it('runs a role once per play unless allow_duplicates (the same role by path counts as the same)', () => {
    const play = loadPlaybook(playbooks + 'site.yml', { rolesPath: [root + 'extra'] }).plays[0]
    expect(play.roles.filter((r) => r.role.name === 'shared')).toHaveLength(1)
    expect(play.roles.filter((r) => r.role.name === 'dup')).toHaveLength(2)
  })

  it('without --roles-path, a role there is not found and the error lists every place searched, as Ansible does', () => {
    expect(described(() => loadPlaybook(playbooks + 'site.yml'))).toMatch(
      /site\.yml:4:7: the role 'special' was not found in .*roles-search\/playbooks\/roles:.*\/etc\/ansible\/roles:.*roles-search\/playbooks$/,
    )
  })

  it('reports a dependency cycle', () => {
    expect(() => loadPlaybook(playbooks + 'cycle.yml')).toThrowError(/role dependency cycle: cyc-a → cyc-b → cyc-a/)
  })
})

describe('static paths with variables', () => {
  it('import_playbook paths render with -e', () => {
    const { plays } = loadPlaybook(playbooks + 'templated.yml', { extraVars: { which: 'plain' } })
    expect(plays[0].hosts).toBe('{{ target }}')
  })

  it('import_tasks paths render with play vars', () => {
    const { plays } = loadPlaybook(playbooks + 'plain.yml')
    expect((plays[0].tasks[0] as Block).imported).toBe('{{ tasks_file }}.yml')
    expect((plays[0].tasks[0] as Block).block).toHaveLength(1)
  })

  it('an undefined variable in a static path names it', () => {
    expect(described(() => loadPlaybook(playbooks + 'templated.yml'))).toMatch(/templated\.yml:1:\d+: 'which' is undefined/)
  })
})
