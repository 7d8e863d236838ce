// debug: print a message or a variable. Runs on the controller.
import { evaluate } from '../template/index.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

export const debug = defineModule<{ msg?: unknown; var?: string; verbosity: number }>({
  name: 'debug',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { msg: {}, var: { type: 'string' }, verbosity: { type: 'integer', default: 0 } },
  },
  async run(ctx, a) {
    if (a.var !== undefined) {
      const value = evaluate(`{{ ${a.var} }}`, ctx.vars)
      return ok(undefined, { [a.var]: value })
    }
    return ok(undefined, { msg: a.msg ?? 'Hello world!' })
  },
})
