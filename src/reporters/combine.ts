// Fans one event out to several reporters.
import type { Reporter } from '../executor/events.js'

export function combineReporters(reporters: Reporter[]): Required<Reporter> {
  type Hook = Exclude<keyof Reporter, 'showsResultData'>
  const each =
    <K extends Hook>(key: K) =>
    (...args: Parameters<NonNullable<Reporter[K]>>) => {
      for (const r of reporters) (r[key] as ((...a: unknown[]) => void) | undefined)?.(...args)
    }
  return {
    showsResultData: reporters.some((r) => r.showsResultData !== false),
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
