// Every bad playbook gives one message naming file:line(:column), what is wrong and, where obvious, a fix.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, TemplateError, TsplayError } from '../../../src/errors.js'
import { loadPlaybook } from '../../../src/playbook/load.js'
import { render } from '../../../src/template/index.js'

const dir = fileURLToPath(new URL('./fixtures/bad/', import.meta.url))
const modules = ['command', 'shell', 'copy', 'debug', 'template', 'service', 'file']

function loadError(name: string): TsplayError {
  try {
    loadPlaybook(dir + name, { modules })
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as TsplayError
  }
  throw new Error(`${name} loaded without an error`)
}

const cases: [file: string, message: RegExp][] = [
  ['typo-key.yml', /typo-key\.yml:5:7: unknown key 'notfiy' in task 'Install etcd' \(did you mean 'notify'\?\)$/],
  ['play-typo.yml', /play-typo\.yml:1:3: unknown key 'hots' in play \(and 1 more problem\) \(did you mean 'hosts'\?\)$/],
  ['wrong-type.yml', /wrong-type\.yml:5:7: key 'become' in task 'Needs a boolean' must be a boolean \(yes\/no, true\/false, on\/off, y\/n, t\/f, 1\/0\) or a template, got string "sometimes"$/],
  ['wrong-type-tasks.yml', /wrong-type-tasks\.yml:2:3: key 'tasks' in play must be a list of tasks, got a dict$/],
  ['unknown-module.yml', /unknown-module\.yml:4:7: unknown module 'comand' in task 'Typo in module' \(did you mean 'command'\?\)$/],
  ['bad-yaml.yml', /bad-yaml\.yml:5:6: invalid YAML: bad indentation of a sequence entry/],
  ['bad-condition.yml', /bad-condition\.yml:6:\d+: unexpected 'end of statement block'/],
  ['unknown-filter.yml', /unknown-filter\.yml:4:\d+: No filter named 'defualt'\. \(did you mean 'default'\?\)$/],
  ['unknown-role.yml', /unknown-role\.yml:3:7: the role 'brokne' was not found in [^ ]*\/etc\/ansible\/roles:[^ ]* \(did you mean 'broken'\?\)$/],
  ['bad-role-task.yml', /roles\/broken\/tasks\/main\.yml:7:5: unknown key 'loop_vra' in 'loop_control' \(did you mean 'loop_var'\?\)$/],
  ['bad-meta.yml', /roles\/badmeta\/meta\/main\.yml:3:1: unknown key 'allow_duplicate' in role meta \(did you mean 'allow_duplicates'\?\)$/],
  ['two-modules.yml', /two-modules\.yml:5:7: task 'Two' has two actions: 'command' and 'shell'/],
  ['free-form.yml', /free-form\.yml:4:7: module 'copy' in task 'Copy with text' takes key=value arguments, not free-form text 'just some text'$/],
  ['import-missing.yml', /import-missing\.yml:3:7: task file not found: .*tasks\/nope\.yml$/],
  ['import-cycle.yml', /tasks\/loop-b\.yml:1:3: import_tasks cycle: .*loop-a\.yml → .*loop-b\.yml → .*loop-a\.yml$/],
  ['unsupported.yml', /unsupported\.yml:4:7: 'debugger' in task: the task debugger is not supported$/],
  ['bad-var-name.yml', /bad-var-name\.yml:4:5: invalid variable name 'bad-name' in play vars/],
  ['with-typo.yml', /with-typo\.yml:4:7: unknown loop 'with_itmes' in task: no lookup plugin 'itmes' \(did you mean 'with_items'\?\)$/],
]

describe('bad playbooks', () => {
  for (const [file, message] of cases) {
    it(file, () => {
      expect(loadError(file).describe()).toMatch(message)
    })
  }

  it('undefined-var.yml: the undefined variable is named with the task and file:line when rendered', () => {
    const { plays } = loadPlaybook(dir + 'undefined-var.yml', { modules })
    const task = plays[0].tasks[0]
    if (task.kind !== 'task') throw new Error('expected a task')
    let error: unknown
    try {
      render(task.args.msg as string, { ...plays[0].vars, inventory_hostname: 'node1' }, { where: task.keyPos['args.msg'], task: task.name })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TemplateError)
    expect((error as TemplateError).describe()).toMatch(
      /undefined-var\.yml:7:\d+: 'etcd_prot' is undefined in task 'Print the URL' \(did you mean 'etcd_port'\?\)$/,
    )
  })

  it('without a module list, a typo next to a module still gets a keyword suggestion', () => {
    try {
      loadPlaybook(dir + 'typo-key.yml')
      expect.unreachable()
    } catch (e) {
      expect((e as TsplayError).describe()).toMatch(/typo-key\.yml:5:7: task 'Install etcd' has two actions: 'command' and 'notfiy' \(did you mean 'notify'\?\)$/)
    }
  })
})
