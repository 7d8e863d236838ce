// assert: every condition in `that` must hold (the same conditions as `when`).
import { evaluateCondition, type Condition } from '../template/index.js'
import { failed, ok } from './lib/result.js'
import { defineModule } from './types.js'

interface AssertArgs {
  that: unknown[] | string
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
      that: { type: ['array', 'string'], aliases: [] },
      fail_msg: { type: 'string', aliases: ['msg'] },
      success_msg: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  },
  async run(ctx, a) {
    // the executor hands `that` over untemplated: each condition is evaluated here, as Ansible's assert does
    for (const condition of Array.isArray(a.that) ? a.that : [a.that]) {
      if (!evaluateCondition(condition as Condition, ctx.vars)) {
        return failed(a.fail_msg ?? `Assertion failed: ${String(condition)}`, { assertion: condition, evaluated_to: false })
      }
    }
    return ok(a.quiet ? undefined : (a.success_msg ?? 'All assertions passed'))
  },
})
