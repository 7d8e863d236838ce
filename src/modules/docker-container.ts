// docker_container: a container on the task's host, from an image already there (docker_image).
//   state=started   created and running       state=present  created (not started when new)
//   state=stopped   created, not running      state=absent   removed (`docker rm -f`)
// The spec (image, command, env, network, volumes, ports, restart policy, labels) is hashed into a label;
// a container whose label or image id differs from the wanted ones is removed and created again, so a
// rebuilt image or a changed env recreates it and nothing else does. One round trip when unchanged.
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { CONFIG_LABEL, containerArgv, parseInspect, stableHash, type ContainerSpec } from './lib/docker.js'
import { changed, ok } from './lib/result.js'
import { MARK, decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface DockerContainerArgs extends Omit<ContainerSpec, 'command' | 'image'> {
  image?: string
  command?: string | string[]
  state: 'started' | 'present' | 'stopped' | 'absent'
  docker: string
}

const inspect = (d: string, kind: string, name: string, key: string) => `
out=$(${d} ${kind} inspect ${quote(name)} 2>&1) || case $out in *'No such'*) out= ;; *) tp_fail "docker ${kind} inspect failed: $out" ;; esac
printf '%s ${key}=%s\\n' ${MARK} "$(tp_b64 "$out")"`

export const dockerContainer = defineModule<DockerContainerArgs>({
  name: 'docker_container',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' },
      image: { type: 'string', minLength: 1 },
      command: { type: ['string', 'array'], items: { type: 'string' } }, // a string is split on spaces
      env: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
      network_mode: { type: 'string' },
      volumes: { type: 'array', items: { type: 'string' }, default: [] },
      ports: { type: 'array', items: { type: 'string' }, default: [] },
      restart_policy: { enum: ['no', 'on-failure', 'always', 'unless-stopped'] },
      labels: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
      state: { enum: ['started', 'present', 'stopped', 'absent'], default: 'started' },
      docker: { type: 'string', default: 'docker' },
    },
  },
  async run(ctx, a) {
    if (a.state !== 'absent' && !a.image) throw new ModuleError(`docker_container: state=${a.state} needs image`)
    const d = quote(a.docker)
    const res = await runSnippet(ctx, inspect(d, 'container', a.name, 'container') + (a.image ? inspect(d, 'image', a.image, 'image') : ''))
    const f = Object.assign({}, ...res.records) as Record<string, string>
    const current = parseInspect(decode64(f.container))
    const image = parseInspect(decode64(f.image))
    const steps: string[][] = []
    let hash = ''
    if (a.state === 'absent') {
      if (current) steps.push(['rm', '-f', a.name])
    } else {
      if (!image) throw new ModuleError(`docker_container: image ${a.image} is not on ${ctx.host}`, 'build or pull it first (docker_image)')
      const command = typeof a.command === 'string' ? a.command.split(/\s+/).filter(Boolean) : a.command
      const spec: ContainerSpec = { ...a, image: a.image as string, command }
      hash = stableHash({ spec: containerArgv('create', spec, ''), image: image.id })
      const same = current && current.labels[CONFIG_LABEL] === hash && current.image === image.id
      if (current && !same) steps.push(['rm', '-f', a.name])
      if (!same) steps.push(containerArgv(a.state === 'started' ? 'run' : 'create', spec, hash))
      else if (a.state === 'started' && !current.running) steps.push(['start', a.name])
      else if (a.state === 'stopped' && current.running) steps.push(['stop', a.name])
    }
    const actions = steps.map((w) => `docker ${w[0]}${w[0] === 'run' || w[0] === 'create' ? ` ${a.name}` : ''}`)
    const data = { name: a.name, id: current?.id ?? '', image: image?.id ?? '', running: current?.running ?? false, actions, config: hash }
    if (!steps.length) return ok(`container ${a.name} is ${current ? (current.running ? 'running' : 'stopped') : 'absent'}`, data)
    if (ctx.check) return changed(`would run: ${actions.join(', ')}`, data)
    const line = steps.map((w) => `${quoteArgv([a.docker, ...w])} || tp_fail ${quote(`docker ${w[0]} ${a.name} failed`)}`).join('\n')
    const out = await runSnippet(ctx, line)
    const id = steps.at(-1)?.[0] === 'run' || steps.at(-1)?.[0] === 'create' ? out.stdout.trim().split('\n').pop() ?? '' : data.id
    return changed(actions.join(', '), { ...data, id, running: a.state === 'started' })
  },
})
