// pause: wait a number of seconds/minutes on the controller. There is no terminal to prompt on
// in tsplay runs, so a prompt without a duration fails instead of hanging.
import { InterruptedError, ModuleError } from '../errors.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

export interface PauseArgs {
  seconds?: number
  minutes?: number
  prompt?: string
  echo?: boolean
}

export const pause = defineModule<PauseArgs>({
  name: 'pause',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      seconds: { type: 'number', minimum: 0 },
      minutes: { type: 'number', minimum: 0 },
      prompt: { type: 'string' },
      echo: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    if (a.seconds !== undefined && a.minutes !== undefined) throw new ModuleError('pause: seconds and minutes are mutually exclusive')
    const ms = ((a.seconds ?? 0) + (a.minutes ?? 0) * 60) * 1000
    if (ms === 0 && a.prompt !== undefined) throw new ModuleError('pause: interactive prompts are not supported', 'give seconds or minutes')
    const start = new Date()
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        ctx.signal?.removeEventListener('abort', done)
        resolve()
      }
      ctx.signal?.addEventListener('abort', done, { once: true })
    })
    if (ctx.signal?.aborted) throw new InterruptedError(String(ctx.signal.reason))
    const stop = new Date()
    return ok(a.prompt, { start: start.toISOString(), stop: stop.toISOString(), delta: Math.round((stop.getTime() - start.getTime()) / 1000), user_input: '', echo: a.echo ?? true })
  },
})
