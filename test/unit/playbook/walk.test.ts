import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadPlaybook } from '../../../src/playbook/load.js'
import { effectiveKeywords, playTasks } from '../../../src/playbook/walk.js'

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

describe('effectiveKeywords', () => {
  const all = [...playTasks(main, false)]

  it('the nearest level wins for become*, and when/tags accumulate with positions', () => {
    const inBlock = all.find((t) => t.blocks.some((b) => b.become_user === 'postgres'))!
    const k = effectiveKeywords(main, inBlock.blocks, inBlock.task)
    expect(k.become).toBe(true) // from the play
    expect(k.become_user).toBe('postgres') // from the block
    expect(k.when.map((w) => w.condition)).toEqual(['defined port'])
    expect(k.when[0].where).toMatchObject({ line: 78 })
    expect(k.tags).toEqual(['main', 'always'])
    expect(k.environment).toEqual([{ LANG: 'C' }])
  })

  it('role tasks inherit the role entry\'s when and tags, and know their role', () => {
    const roleTask = all.filter((t) => t.section === 'roles').at(-1)!
    const k = effectiveKeywords(main, roleTask.blocks, roleTask.task)
    expect(k.when.map((w) => w.condition)).toEqual(['enabled'])
    expect(k.tags).toEqual(['main', 'always', 'extra'])
    expect(k.role?.params).toEqual({ common_port: 1234 })
  })

  it('task level overrides the play', () => {
    const retry = all.find((t) => t.task.name === 'Retry')!
    const k = effectiveKeywords(main, retry.blocks, retry.task)
    expect([k.ignore_errors, k.delegate_to, k.no_log]).toEqual([true, 'node1', true])
    expect(k.environment).toEqual([{ LANG: 'C' }, '{{ env }}'])
  })
})
