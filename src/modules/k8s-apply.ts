// k8s_apply: `kubectl apply -f` a manifest file or directory on the task's host. Changed only when the
// API server says a resource was created or configured (kubectl's `KIND/NAME created|configured|
// unchanged` lines); `unchanged` everywhere is ok. Check mode asks the server with --dry-run=server,
// whose answers carry the same verbs, so -C predicts exactly what a run would do.
import { ModuleError } from '../errors.js'
import { quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { remoteError } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface K8sApplyArgs {
  src: string
  recursive: boolean
  namespace?: string
  kubeconfig?: string
  context?: string
  kubectl: string
}

export interface Applied {
  resource: string // deployment.apps/coredns
  action: string // created | configured | unchanged | …
}

const LINE = /^(\S+\/\S+) (created|configured|unchanged|serverside-applied|pruned)(?: \((?:server|client) dry run\))?$/

/** kubectl apply's output → one entry per resource; lines of any other shape (warnings) are skipped. */
export function parseApply(stdout: string): Applied[] {
  return stdout
    .split('\n')
    .map((l) => LINE.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ resource: m[1], action: m[2] }))
}

/** The argv of `kubectl apply` for these args. */
export function applyArgv(a: K8sApplyArgs, check: boolean): string[] {
  return [
    a.kubectl,
    ...(a.kubeconfig ? [`--kubeconfig=${a.kubeconfig}`] : []),
    ...(a.context ? [`--context=${a.context}`] : []),
    ...(a.namespace ? ['-n', a.namespace] : []),
    'apply',
    ...(a.recursive ? ['-R'] : []),
    ...(check ? ['--dry-run=server'] : []),
    '-f',
    a.src,
  ]
}

const CHANGES = new Set(['created', 'configured'])

export const k8sApply = defineModule<K8sApplyArgs>({
  name: 'k8s_apply',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src'],
    properties: {
      src: { type: 'string', minLength: 1 }, // a manifest file or directory on the host (or a URL kubectl reads)
      recursive: { type: 'boolean', default: false },
      namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      kubectl: { type: 'string', default: 'kubectl' },
    },
  },
  async run(ctx, a) {
    const res = await ctx.conn.run(quoteArgv(applyArgv(a, ctx.check)), { become: ctx.become })
    if (res.rc !== 0) throw new ModuleError(`kubectl apply -f ${a.src} failed (rc=${res.rc}): ${remoteError(res)}`)
    const resources = parseApply(res.stdout)
    if (!resources.length) throw new ModuleError(`kubectl apply -f ${a.src} named no resource: ${res.stdout.trim().slice(0, 300) || 'empty output'}`)
    const touched = resources.filter((r) => CHANGES.has(r.action))
    const data = { resources, changed_resources: touched.map((r) => `${r.resource} ${r.action}`), stderr: res.stderr.trim() }
    if (!touched.length) return ok(`${resources.length} resources unchanged`, data)
    return changed(`${ctx.check ? 'would be ' : ''}${touched.map((r) => `${r.resource} ${r.action}`).join(', ')}`, data)
  },
})
