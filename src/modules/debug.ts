// debug: print a message or a variable. Runs on the controller.
import { TemplateError } from '../errors.js'
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
    if (a.verbosity > (ctx.verbosity ?? 0)) return { status: 'skipped', data: { skipped_reason: 'Verbosity threshold not met.' } }
    if (a.var !== undefined) return ok(undefined, { [a.var]: variable(a.var, ctx.vars) })
    return ok(undefined, { msg: a.msg ?? 'Hello world!' })
  },
})

/** `var: NAME`: the variable's value, or Ansible's 'VARIABLE IS NOT DEFINED!' (not an error). */
function variable(name: string, vars: Record<string, unknown>): unknown {
  try {
    return evaluate(`{{ ${name} }}`, vars)
  } catch (error) {
    if (error instanceof TemplateError && error.variable !== undefined) return 'VARIABLE IS NOT DEFINED!'
    throw error
  }
}
