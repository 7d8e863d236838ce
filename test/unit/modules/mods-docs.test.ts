// Issue 18's modules document themselves in their schemas (what `tsplay doc` shows): a description, every
// argument described, and examples whose tasks are valid arguments of the module.
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { modules, type ModuleName } from '../../../src/modules/index.js'
import { validateArgs } from '../../../src/modules/lib/validate.js'
import type { ModuleDefinition } from '../../../src/modules/types.js'

const MODS: ModuleName[] = ['tempfile', 'getent', 'find', 'known_hosts', 'cron', 'git', 'pip', 'apt_repository', 'apt_key', 'package_facts', 'service_facts', 'slurp', 'pause']

describe.each(MODS)('%s', (name) => {
  const def = modules[name] as unknown as ModuleDefinition<never>
  const schema = def.schema as { description?: string; examples?: string[]; properties: Record<string, { description?: string }> }

  it('has a description and describes every argument', () => {
    expect(schema.description?.length).toBeGreaterThan(40)
    for (const [arg, p] of Object.entries(schema.properties)) expect(p.description, `${name}.${arg}`).toMatch(/\S/)
  })

  it('has examples whose tasks are valid arguments of the module', () => {
    expect(schema.examples?.length).toBeGreaterThan(0)
    const tasks = (schema.examples ?? []).flatMap((e) => yaml.load(e) as Array<Record<string, unknown>>)
    const own = tasks.filter((t) => name in t)
    expect(own.length).toBeGreaterThan(0)
    for (const t of own) expect(() => validateArgs(def, (t[name] ?? {}) as Record<string, unknown>)).not.toThrow()
  })
})
