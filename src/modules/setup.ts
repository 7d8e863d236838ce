// setup and gather_facts: the host's facts with Ansible's names and shapes, in one round trip
// (src/facts/). gather_facts is the action behind a play's implicit "Gathering Facts" task; it marks
// the facts as gathered, which smart gathering and the fact cache read.
import { DEFAULT_FACT_PATH, gatherFacts, type SetupArgs } from '../facts/gather.js'
import { markUnsafe, UnsafeText } from '../template/index.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }

const properties = {
  gather_subset: stringOrList,
  filter: stringOrList,
  gather_timeout: { type: 'integer', default: 10 },
  fact_path: { type: 'string', default: DEFAULT_FACT_PATH },
}

/** Facts are data from the host: never templates (Ansible wraps them as unsafe too). */
function asData(facts: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(facts)) {
    if (typeof v === 'object' && v !== null) markUnsafe(v)
    else if (typeof v === 'string' && /\{[{%#]/.test(v)) facts[k] = new UnsafeText(v)
  }
  return facts
}

export const setup = defineModule<SetupArgs>({
  name: 'setup',
  schema: { type: 'object', additionalProperties: false, properties },
  async run(ctx, args) {
    return ok(undefined, { ansible_facts: asData(await gatherFacts(ctx.conn, args, ctx.become)) })
  },
})

export const gatherFactsModule = defineModule<SetupArgs & { parallel?: boolean }>({
  name: 'gather_facts',
  schema: { type: 'object', additionalProperties: false, properties: { ...properties, parallel: { type: 'boolean' } } },
  async run(ctx, { parallel: _parallel, ...args }) {
    const facts = await gatherFacts(ctx.conn, args, ctx.become)
    return ok(undefined, { ansible_facts: asData({ ...facts, _ansible_facts_gathered: true }) })
  },
})
