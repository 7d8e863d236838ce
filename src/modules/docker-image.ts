// docker_image: an image on the task's host, built from a directory there or pulled.
//   source=build  path= (the build context; Dockerfile inside, or `dockerfile`), build_args
//   source=pull   pulled when missing (or always with force: changed only if the image id moved)
//   state=absent  `docker image rm`
// A build is labelled with a hash of its context files, build args and Dockerfile name: a rerun whose
// hash matches the image's label builds nothing (and check mode predicts it); otherwise the build runs
// and the task is changed only when the image id differs from the one before. One round trip when unchanged.
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { CONTEXT_LABEL, builtId, parseInspect, stableHash, type Inspected } from './lib/docker.js'
import { changed, ok } from './lib/result.js'
import { MARK, decode64, remoteError, runSnippet } from './lib/snippet.js'
import { defineModule, type ModuleContext } from './types.js'

export interface DockerImageArgs {
  name: string
  source?: 'build' | 'pull'
  path?: string
  dockerfile?: string
  build_args: Record<string, string>
  force: boolean
  state: 'present' | 'absent'
  docker: string
}

async function read(ctx: ModuleContext, a: DockerImageArgs): Promise<{ image?: Inspected; context?: string }> {
  const d = quote(a.docker)
  const hashContext = a.path
    ? `[ -d ${quote(a.path)} ] || tp_fail ${quote(`build context ${a.path} is not a directory`)}
ctx=$(cd ${quote(a.path)} && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -d' ' -f1) || tp_fail "cannot read the build context"
printf '%s context=%s\\n' ${MARK} "$ctx"`
    : ''
  const body = `
out=$(${d} image inspect ${quote(a.name)} 2>&1) || case $out in *'No such image'*) out= ;; *) tp_fail "docker image inspect failed: $out" ;; esac
printf '%s inspect=%s\\n' ${MARK} "$(tp_b64 "$out")"
${hashContext}`
  const res = await runSnippet(ctx, body)
  const f = Object.assign({}, ...res.records) as Record<string, string>
  return { image: parseInspect(decode64(f.inspect)), context: f.context }
}

async function docker(ctx: ModuleContext, a: DockerImageArgs, words: string[]): Promise<string> {
  const res = await ctx.conn.run(quoteArgv([a.docker, ...words]), { become: ctx.become })
  if (res.rc !== 0) throw new ModuleError(`docker ${words[0]} ${a.name} failed (rc=${res.rc}): ${remoteError(res)}`)
  return res.stdout
}

export const dockerImage = defineModule<DockerImageArgs>({
  name: 'docker_image',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._/:@-]*$' }, // repo[:tag]
      source: { enum: ['build', 'pull'] }, // default: build when path is given, else pull
      path: { type: 'string', pattern: '^/' },
      dockerfile: { type: 'string', minLength: 1 }, // relative to path
      build_args: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
      force: { type: 'boolean', default: false },
      state: { enum: ['present', 'absent'], default: 'present' },
      docker: { type: 'string', default: 'docker' },
    },
  },
  async run(ctx, a) {
    const source = a.source ?? (a.path ? 'build' : 'pull')
    if (source === 'build' && !a.path && a.state === 'present') throw new ModuleError('docker_image: source=build needs path (the build context on the host)')
    const { image, context } = await read(ctx, a)
    const base = { name: a.name, source }
    if (a.state === 'absent') {
      if (!image) return ok(`no image ${a.name}`, { ...base, id: '' })
      if (ctx.check) return changed(`would remove image ${a.name}`, { ...base, id: image.id })
      await docker(ctx, a, ['image', 'rm', a.name])
      return changed(`removed image ${a.name}`, { ...base, id: '', removed: image.id })
    }
    if (source === 'pull') {
      if (image && !a.force) return ok(`image ${a.name} is present`, { ...base, id: image.id })
      if (ctx.check) return changed(`would pull ${a.name}`, { ...base, id: image?.id ?? '' })
      await docker(ctx, a, ['pull', a.name])
      const after = parseInspect(await docker(ctx, a, ['image', 'inspect', a.name]))
      const id = after?.id ?? ''
      return id === image?.id ? ok(`image ${a.name} is up to date`, { ...base, id }) : changed(`pulled ${a.name}`, { ...base, id, previous: image?.id ?? '' })
    }
    const hash = stableHash({ context, build_args: a.build_args, dockerfile: a.dockerfile ?? 'Dockerfile' })
    if (image && image.labels[CONTEXT_LABEL] === hash && !a.force) return ok(`image ${a.name} is built from this context`, { ...base, id: image.id, context: hash })
    if (ctx.check) return changed(`would build ${a.name} from ${a.path}`, { ...base, id: image?.id ?? '', context: hash })
    const args = Object.entries(a.build_args).sort().flatMap(([k, v]) => ['--build-arg', `${k}=${v}`])
    const file = a.dockerfile ? ['-f', `${a.path}/${a.dockerfile}`] : []
    const out = await docker(ctx, a, ['build', '-q', '-t', a.name, '--label', `${CONTEXT_LABEL}=${hash}`, ...args, ...file, a.path as string])
    const id = builtId(out)
    if (!id) throw new ModuleError(`docker build ${a.name} printed no image id: ${out.trim().slice(-200)}`)
    const data = { ...base, id, context: hash, previous: image?.id ?? '' }
    return id === image?.id ? ok(`image ${a.name} rebuilt with the same id`, data) : changed(`built ${a.name} (${id.slice(7, 19)})`, data)
  },
})
