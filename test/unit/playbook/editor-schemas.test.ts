// The schemas offered to editors (schemas/editor/) are what scripts/editor-schemas.ts builds, stand alone
// (a standard validator, ajv in strict mode, given only the one file) and accept the repo's own playbooks
// and roles' task files, while a mistyped key or module argument is caught.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { EDITOR_IDS, SCHEMA_DIR, buildEditorSchemas, editorSchemaText } from '../../../scripts/editor-schemas.js'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const read = (name: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, 'editor', name), 'utf8'))

function validator(name: string) {
  // strict: unknown keywords and formats are errors; the meta-schema check is on (validateSchema)
  const ajv = new Ajv({ strict: true, strictRequired: false, strictTypes: false, allErrors: true, allowUnionTypes: true })
  expect(ajv.validateSchema(read(name)), JSON.stringify(ajv.errors)).toBe(true)
  return ajv.compile(read(name))
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(e.name) ? [path] : []
  })
}

describe('schemas/editor', () => {
  it('are up to date (npm run schemas rewrites them)', () => {
    const built = buildEditorSchemas()
    expect(readFileSync(join(SCHEMA_DIR, 'editor', 'playbook.json'), 'utf8')).toBe(editorSchemaText(built.playbook))
    expect(readFileSync(join(SCHEMA_DIR, 'editor', 'tasks.json'), 'utf8')).toBe(editorSchemaText(built.tasks))
  })

  it('have stable ids and refer to nothing outside themselves', () => {
    expect(read('playbook.json').$id).toBe(EDITOR_IDS.playbook)
    expect(read('tasks.json').$id).toBe(EDITOR_IDS.tasks)
    for (const name of ['playbook.json', 'tasks.json']) {
      const refs = [...readFileSync(join(SCHEMA_DIR, 'editor', name), 'utf8').matchAll(/"\$ref": "([^"]*)"/g)].map((m) => m[1])
      expect(refs.length).toBeGreaterThan(50)
      expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([])
    }
  })

  it("accept every playbook in playbooks/ and every role's tasks and handlers", () => {
    const playbook = validator('playbook.json')
    const tasks = validator('tasks.json')
    const playbooks = readdirSync(join(REPO, 'playbooks')).filter((f) => f.endsWith('.yml')).map((f) => join(REPO, 'playbooks', f))
    const taskFiles = yamlFiles(join(REPO, 'roles')).filter((f) => /\/(tasks|handlers)\//.test(f))
    expect(playbooks.length).toBeGreaterThan(5)
    expect(taskFiles.length).toBeGreaterThan(10)
    for (const [files, validate] of [[playbooks, playbook], [taskFiles, tasks]] as const) {
      for (const file of files) {
        const ok = validate(yaml.load(readFileSync(file, 'utf8')))
        expect(validate.errors ?? [], file).toEqual([])
        expect(ok).toBe(true)
      }
    }
    expect(existsSync(join(REPO, 'playbooks', 'cluster.yml'))).toBe(true)
  })

  it('catch a mistyped play key, an unknown module argument and a wrong argument type', () => {
    const playbook = validator('playbook.json')
    const bad = (text: string) => {
      expect(playbook(yaml.load(text)), text).toBe(false)
      return JSON.stringify(playbook.errors)
    }
    expect(bad('- hosts: all\n  gather_fact: false\n')).toContain('gather_fact')
    expect(bad('- hosts: all\n  tasks:\n    - copy:\n        dest: /x\n        contnet: y\n')).toContain('contnet')
    expect(bad('- hosts: all\n  tasks:\n    - stat:\n        path: /x\n        get_checksum: maybe\n')).toContain('get_checksum')
    expect(playbook(yaml.load('- hosts: all\n  tasks:\n    - wait_for:\n        port: "{{ etcd_port }}"\n        timeout: "30"\n'))).toBe(true)
  })
})
