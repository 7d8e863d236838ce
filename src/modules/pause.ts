// pause: wait on the controller, with Ansible's arguments and result (start, stop, delta, stdout, user_input,
// echo). Durations are whole seconds or minutes, at least one second, as Ansible's int() makes them. tsplay
// has no terminal to read from while hosts run in parallel, so a prompt without a duration does what
// Ansible does when stdin is not interactive: it warns and goes on at once.
import { InterruptedError, ModuleError } from '../errors.js'
import { ok } from './lib/result.js'
import { pyNow } from '../util/py-time.js'
import { sleep } from '../util/sleep.js'
import { defineModule } from './types.js'

export interface PauseArgs {
  seconds?: number | string
  minutes?: number | string
  prompt?: string
  echo: boolean
}

/** Python's int() of the argument: a number is truncated, a string must be a whole number. */
function whole(name: string, v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined
  if (typeof v === 'number') return Math.trunc(v)
  if (/^\s*[-+]?\d+\s*$/.test(v)) return Number(v)
  throw new ModuleError(`argument '${name}' is of type str and we were unable to convert to int: invalid literal for int() with base 10: '${v}'`)
}

export const pause = defineModule<PauseArgs>({
  name: 'pause',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      'Waits a number of seconds or minutes on the controller before the play goes on. A prompt without a duration does not wait ' +
      '(tsplay has no terminal to read an answer from): it warns, as Ansible does when its stdin is not interactive.',
    examples: [
      `- name: Let the cluster settle
  pause:
    seconds: 30

- name: Five minutes for the migration
  pause:
    minutes: 5
    prompt: Waiting for the database migration
`,
    ],
    properties: {
      seconds: { type: ['integer', 'number', 'string'], description: 'Whole seconds to wait (at least 1). Not with minutes.' },
      minutes: { type: ['integer', 'number', 'string'], description: 'Whole minutes to wait. Not with seconds.' },
      prompt: { type: 'string', description: 'A message shown with the pause.' },
      echo: { type: 'boolean', default: true, description: 'Accepted as in Ansible (it only affects typed input, which tsplay does not read).' },
    },
  },
  async run(ctx, a) {
    if (a.seconds !== undefined && a.minutes !== undefined) throw new ModuleError('parameters are mutually exclusive: minutes|seconds')
    const minutes = whole('minutes', a.minutes)
    const given = minutes !== undefined ? minutes * 60 : whole('seconds', a.seconds)
    const warnings: string[] = []
    const startMs = Date.now()
    const start = pyNow(new Date(startMs))
    if (given === undefined) warnings.push('Not waiting for response to prompt as stdin is not interactive')
    else await interruptible(Math.max(1, given) * 1000, ctx.signal)
    const seconds = (Date.now() - startMs) / 1000
    const unit = minutes !== undefined ? 'minutes' : 'seconds'
    const shown = Math.round((unit === 'minutes' ? seconds / 60 : seconds) * 100) / 100
    return ok(a.prompt, {
      changed: false, rc: 0, stderr: '', stdout: `Paused for ${Number.isInteger(shown) ? shown.toFixed(1) : shown} ${unit}`, start, stop: pyNow(new Date()),
      delta: Math.trunc(seconds), echo: a.echo, user_input: '', ...(warnings.length ? { warnings } : {}),
    })
  },
})

/** Waits `ms`, or less when the run is stopped (SIGINT/SIGTERM): then the task ends as interrupted. */
async function interruptible(ms: number, signal?: AbortSignal): Promise<void> {
  await sleep(ms, signal)
  if (signal?.aborted) throw new InterruptedError(String(signal.reason))
}
