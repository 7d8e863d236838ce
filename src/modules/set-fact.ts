// set_fact: host variables above task vars, kept for the rest of the run. The executor stores
// `ansible_facts` of a set_fact result as the host's set facts.
import { looseBoolean } from '../util/boolean.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

export const setFact = defineModule<Record<string, unknown>>({
  name: 'set_fact',
  local: true,
  schema: { type: 'object', minProperties: 1, properties: { cacheable: { type: 'boolean' } } },
  async run(_ctx, args) {
    const { cacheable: _cacheable, ...given } = args
    const facts: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(given)) facts[name] = booleanWord(value) ?? value
    return ok(undefined, { ansible_facts: facts })
  },
})

/** Ansible's set_fact turns the strings true/false/yes/no (any case) into booleans, rendered or written. */
function booleanWord(value: unknown): boolean | undefined {
  const isText = typeof value === 'string' || value instanceof String
  return isText && ['true', 'false', 'yes', 'no'].includes(String(value).toLowerCase()) ? looseBoolean(value) : undefined
}
