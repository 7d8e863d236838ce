// assert: every condition in `that` must hold (same expression syntax as `when`).
import { evaluateCondition } from '../template/index.js'
import { failed, ok } from './lib/result.js'
import { defineModule } from './types.js'

interface AssertArgs {
  that: unknown[]
  fail_msg?: string
  success_msg?: string
  quiet: boolean
}

export const assert = defineModule<AssertArgs>({
  name: 'assert',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['that'],
    properties: {
      that: { type: 'array', aliases: [] },
      fail_msg: { type: 'string', aliases: ['msg'] },
      success_msg: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  },
  async run(ctx, a) {
    for (const condition of a.that) {
      if (!evaluateCondition(condition, ctx.vars)) {
        return failed(a.fail_msg ?? `Assertion failed: ${String(condition)}`, { assertion: condition, evaluated_to: false })
      }
    }
    return ok(a.quiet ? undefined : (a.success_msg ?? 'All assertions passed'))
  },
})
