// setup: gather facts (hostname, OS, kernel, addresses, cpus, memory) in one round trip.
import { gatherFacts } from '../facts/gather.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

export const setup = defineModule<{ filter?: string }>({
  name: 'setup',
  schema: { type: 'object', additionalProperties: false, properties: { filter: { type: 'string' }, gather_subset: {} } },
  async run(ctx, a) {
    let facts = await gatherFacts(ctx.conn)
    if (a.filter) {
      const re = new RegExp(`^${a.filter.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
      facts = Object.fromEntries(Object.entries(facts).filter(([k]) => re.test(k)))
    }
    return ok(undefined, { ansible_facts: facts })
  },
})
