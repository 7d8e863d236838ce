import { describe, expect, it } from 'vitest'
import { coerceModuleArgs, moduleArgProblems } from '../../../src/playbook/module-args.js'
import { parseYaml } from '../../../src/playbook/yaml.js'
import { Catalog } from '../../../src/playbook/catalog.js'
import { normalizeTask } from '../../../src/playbook/task.js'
import type { Task } from '../../../src/playbook/model.js'
import { ConfigError } from '../../../src/errors.js'

const copy = {
  schema: {
    type: 'object',
    properties: {
      src: { type: 'string' },
      dest: { type: 'string', aliases: ['path'] },
      mode: { type: 'string' },
      backup: { type: 'boolean' },
      groups: { type: 'array', items: { type: 'string' } },
    },
    required: ['dest'],
    additionalProperties: false,
  },
}

// The catalog knows the module by name only: the loader's own argument check (which needs the schema)
// stays out of the way, so these tests see what moduleArgProblems says about a bad task.
function taskFrom(yaml: string, catalog = new Catalog(['copy'])): Task {
  const { data, map } = parseYaml(yaml, 'site.yml')
  const ctx = { map, catalog, baseDir: '.', importTasks: () => [] }
  return normalizeTask((data as Record<string, unknown>[])[0], ctx) as Task
}

describe('the loader', () => {
  it('judges literal module arguments at load: the first problem is a ConfigError at its file:line', () => {
    const thrown = (yaml: string) => {
      try {
        taskFrom(yaml, new Catalog({ copy }))
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError)
        return (error as ConfigError).describe()
      }
      throw new Error('no error')
    }
    expect(thrown('- name: Copy\n  copy:\n    dest: /a\n    dset: /tmp/a\n')).toBe(
      "site.yml:4:5: unknown argument 'dset' for module 'copy' in task 'Copy' (did you mean 'dest'?)",
    )
    expect(thrown('- copy:\n    dest: /x\n    backup: maybe\n')).toMatch(/^site\.yml:3:\d+: argument 'backup' of module 'copy' in task must be a boolean/)
  })

  it('leaves values that are still templates for the run, per host', () => {
    expect(taskFrom('- copy:\n    dest: /x\n    backup: "{{ b }}"\n', new Catalog({ copy })).args).toEqual({ dest: '/x', backup: '{{ b }}' })
  })
})

describe('moduleArgProblems', () => {
  it('names the unknown argument at its own line with a suggestion', () => {
    const task = taskFrom('- name: Copy\n  copy:\n    src: a\n    dset: /tmp/a\n')
    const problems = moduleArgProblems(task, copy)
    expect(problems).toContainEqual({
      message: "unknown argument 'dset' for module 'copy' in task 'Copy'",
      position: { file: 'site.yml', line: 4, column: 5 },
      hint: "did you mean 'dest'?",
    })
    expect(problems.map((p) => p.message)).toContain("module 'copy' in task 'Copy' needs argument 'dest'")
  })

  it('reports wrong types and skips values that are still templates', () => {
    const task = taskFrom('- copy:\n    dest: /x\n    backup: maybe\n    mode: "{{ m }}"\n')
    expect(moduleArgProblems(task, copy).map((p) => [p.message, p.position.line])).toEqual([
      ["argument 'backup' of module 'copy' in task must be a boolean, got string \"maybe\"", 3],
    ])
    expect(moduleArgProblems(task, copy, { dest: '/x', mode: '{{ m }}', backup: '{{ b }}' }, true)[0].message).toBe(
      "argument 'backup' of module 'copy' in task must be a boolean, got string \"{{ b }}\"",
    )
  })

  it('converts k=v strings to the declared types, like Ansible\'s arg spec', () => {
    const task = taskFrom('- copy: src=a dest=/b backup=yes mode=0644\n')
    const { args, problems } = coerceModuleArgs(task, copy)
    expect(problems).toEqual([])
    expect(args).toEqual({ src: 'a', dest: '/b', backup: true, mode: '0644' })
    expect(task.args.backup).toBe('yes') // the model is not modified
    const port = { schema: { type: 'object', properties: { port: { type: 'integer' } } } }
    expect(coerceModuleArgs(task, port, { port: '2379' }, true).args).toEqual({ port: 2379 })
  })

  it('folds aliases to the canonical argument (modules declare them per property)', () => {
    const task = taskFrom('- copy:\n    src: a\n    path: /x\n    groups: a,b\n')
    expect(coerceModuleArgs(task, copy)).toEqual({ args: { src: 'a', dest: '/x', groups: ['a', 'b'] }, problems: [] })
    const typo = taskFrom('- copy:\n    dest: /x\n    pth: /y\n')
    expect(moduleArgProblems(typo, copy)[0]).toMatchObject({ position: { line: 3 }, hint: "did you mean 'path'?" })
  })

  it('passes valid k=v arguments', () => {
    expect(moduleArgProblems(taskFrom('- copy: src=a dest=/b\n'), copy)).toEqual([])
  })
})
