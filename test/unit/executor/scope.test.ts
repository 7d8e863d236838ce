// Keyword inheritance as the executor applies it (executor/scope.ts, its one implementation): the scope a
// task runs with is its play's scope extended by each enclosing block, then by the task.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { extendScope, playScope } from '../../../src/executor/scope.js'
import type { Scope } from '../../../src/executor/types.js'
import { loadPlaybook } from '../../../src/playbook/load.js'
import type { Play } from '../../../src/playbook/model.js'
import { playTasks, type TaskInContext } from '../../../src/playbook/walk.js'

const dir = fileURLToPath(new URL('../playbook/fixtures/good/', import.meta.url))
const main = loadPlaybook(dir + 'site.yml').plays[1]
const all = [...playTasks(main, false)]

function scopeOf(play: Play, { blocks, task }: TaskInContext): Scope {
  return extendScope(blocks.reduce(extendScope, playScope(play)), task)
}

describe('keyword inheritance (executor/scope.ts)', () => {
  it('the nearest level wins for become*, and when/tags accumulate', () => {
    const inBlock = all.find((t) => t.blocks.some((b) => b.become_user === 'postgres'))!
    const s = scopeOf(main, inBlock)
    expect(s.become).toBe(true) // from the play
    expect(s.become_user).toBe('postgres') // from the block
    expect(s.when).toEqual(['port is defined'])
    expect(s.tags).toEqual(['main', 'always'])
    expect(s.environment).toEqual([{ LANG: 'C' }])
  })

  it("role tasks inherit the role entry's when and tags, and know their role", () => {
    const roleTask = all.filter((t) => t.section === 'roles').at(-1)!
    const s = scopeOf(main, roleTask)
    expect(s.when).toEqual(['enabled'])
    expect(s.tags).toEqual(['main', 'always', 'extra'])
    expect(s.role?.params).toEqual({ common_port: 1234 })
  })

  it('task level overrides the play; environment keeps every level, outermost first', () => {
    const retry = all.find((t) => t.task.name === 'Retry')!
    const s = scopeOf(main, retry)
    expect([s.ignore_errors, s.delegate_to, s.no_log]).toEqual([true, 'node1', true])
    expect(s.environment).toEqual([{ LANG: 'C' }, '{{ env }}'])
  })

  it('connection is inherited like the other single-valued keywords', () => {
    const play = { ...main, connection: 'local' }
    expect(playScope(play).connection).toBe('local')
    const task = all[0].task
    expect(extendScope(playScope(play), { ...task, connection: 'ssh' }).connection).toBe('ssh')
  })
})
