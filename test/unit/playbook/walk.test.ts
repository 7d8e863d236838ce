import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadPlaybook } from '../../../src/playbook/load.js'
import { playTasks } from '../../../src/playbook/walk.js'

const dir = fileURLToPath(new URL('./fixtures/good/', import.meta.url))
const main = loadPlaybook(dir + 'site.yml').plays[1]

describe('playTasks', () => {
  it('yields tasks in run order: pre_tasks, roles, tasks, post_tasks, handlers', () => {
    const all = [...playTasks(main)]
    const sections = [...new Set(all.map((t) => t.section))]
    expect(sections).toEqual(['pre_tasks', 'roles', 'tasks', 'post_tasks', 'handlers'])
    expect(all.filter((t) => t.section === 'roles').map((t) => t.task.role?.name)).toEqual(['base', 'common', 'common', 'common', 'common'])
    expect(all.at(-1)!.task.name).toBe('restart thing')
  })
})
