// Fans one event out to several reporters.
import type { Reporter } from '../executor/events.js'

export function combineReporters(reporters: Reporter[]): Required<Reporter> {
  const each =
    <K extends keyof Reporter>(key: K) =>
    (...args: Parameters<NonNullable<Reporter[K]>>) => {
      for (const r of reporters) (r[key] as ((...a: unknown[]) => void) | undefined)?.(...args)
    }
  return {
    onPlayStart: each('onPlayStart'),
    onTaskStart: each('onTaskStart'),
    onHostResult: each('onHostResult'),
    onTaskEnd: each('onTaskEnd'),
    onIncluded: each('onIncluded'),
    onPlayEnd: each('onPlayEnd'),
    onWarning: each('onWarning'),
    onConnectionDetail: each('onConnectionDetail'),
    async onRunEnd(summary) {
      for (const r of reporters) await r.onRunEnd?.(summary)
    },
  }
}
