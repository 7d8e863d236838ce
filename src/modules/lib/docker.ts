// Pure helpers of docker_image and docker_container: `docker … inspect` JSON, the argv of build and run,
// and the hashes stored as labels so a rerun can tell "same input" without building or recreating.
import { createHash } from 'node:crypto'

export const CONTEXT_LABEL = 'tsplay.context' // docker_image: hash of build context + build args + Dockerfile name
export const CONFIG_LABEL = 'tsplay.config' // docker_container: hash of the container's spec

export interface Inspected {
  id: string
  image: string // containers: the image id they run
  labels: Record<string, string>
  running: boolean
}

interface RawInspect {
  Id?: unknown
  Image?: unknown
  Config?: { Labels?: Record<string, string> | null }
  State?: { Running?: boolean }
}

/** `docker image inspect` / `docker container inspect` output (a JSON array), or undefined when empty. */
export function parseInspect(text: string): Inspected | undefined {
  if (!text.trim()) return undefined
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch {
    throw new Error(`docker inspect printed no JSON: ${text.slice(0, 200)}`)
  }
  const first = Array.isArray(list) ? (list[0] as RawInspect | undefined) : undefined
  if (!first || typeof first.Id !== 'string') return undefined
  return {
    id: first.Id,
    image: typeof first.Image === 'string' ? first.Image : '',
    labels: { ...(first.Config?.Labels ?? {}) },
    running: first.State?.Running === true,
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A stable hash of a JSON value (object keys sorted). */
export function stableHash(value: unknown): string {
  const norm = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(norm) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, norm(x)])) : v
  return sha256(JSON.stringify(norm(value))).slice(0, 32)
}

/** The last `sha256:…` id `docker build -q` printed. */
export function builtId(stdout: string): string | undefined {
  return stdout.match(/sha256:[0-9a-f]{64}/g)?.pop()
}

export interface ContainerSpec {
  name: string
  image: string
  command?: string[]
  env: Record<string, string>
  network_mode?: string
  volumes: string[]
  ports: string[]
  restart_policy?: string
  labels: Record<string, string>
}

/** Options of `docker run -d` / `docker create` for a spec, the spec's hash as a label. */
export function containerArgv(verb: 'run' | 'create', s: ContainerSpec, hash: string): string[] {
  const argv = [verb, ...(verb === 'run' ? ['-d'] : []), '--name', s.name, '--label', `${CONFIG_LABEL}=${hash}`]
  for (const [k, v] of Object.entries(s.labels).sort()) argv.push('--label', `${k}=${v}`)
  for (const [k, v] of Object.entries(s.env).sort()) argv.push('-e', `${k}=${v}`)
  if (s.network_mode) argv.push('--network', s.network_mode)
  for (const v of s.volumes) argv.push('-v', v)
  for (const p of s.ports) argv.push('-p', p)
  if (s.restart_policy) argv.push('--restart', s.restart_policy)
  return [...argv, s.image, ...(s.command ?? [])]
}
