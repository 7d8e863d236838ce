// docker_image and docker_container against a FAKE docker CLI (fixtures/fake-bin/docker, first in PATH):
// no Docker engine runs on these machines. What is tested is the modules' side: the docker command lines,
// how they read `docker … inspect` JSON, the context/config hashes that make reruns no-ops, check mode.
// Not tested: real builds, real containers, the engine's own behaviour beyond what the fake mimics.
import { readFileSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { dockerContainer } from '../../../src/modules/docker-container.js'
import { builtId, parseInspect, stableHash } from '../../../src/modules/lib/docker.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { dockerContainerCases, dockerImageCases } from './cases/docker.js'
import { makeCtx, prepare, runCase } from './harness.js'
import { useFakeCli } from './fake-cli.js'

const { root, callsFile, target } = useFakeCli('DOCKER', 'docker')

describe('docker_image cases', () => {
  for (const c of dockerImageCases) it(c.name, () => runCase(target, c).then(() => undefined), 30_000)
})
describe('docker_container cases', () => {
  for (const c of dockerContainerCases) it(c.name, () => runCase(target, c).then(() => undefined), 30_000)
})

describe('docker_container lifecycle', () => {
  const conn = new LocalConnection()
  const run = (args: Record<string, unknown>) => runModule(dockerContainer, makeCtx(conn), args)
  const calls = () => readFileSync(callsFile, 'utf8').trim().split('\n')
  const sh = async (line: string) => expect((await conn.run(line)).rc, line).toBe(0)

  it('starts a stopped one, recreates on a new image id or env, never otherwise', { timeout: 30_000 }, async () => {
    await prepare(target, [{ path: `${root}/svc/Dockerfile`, content: 'FROM scratch\n' }])
    await sh(`docker build -q -t glance ${root}/svc >/dev/null`)
    const args = { name: 'glance', image: 'glance', env: { A: "it's" }, volumes: ['/etc/glance:/etc/glance:ro'], command: 'glance-api --debug' }
    expect((await run(args)).status).toBe('changed')
    rmSync(callsFile, { force: true })
    expect((await run(args)).status).toBe('ok')
    expect(calls()).toEqual(['container inspect glance', 'image inspect glance'])

    await sh('docker stop glance >/dev/null')
    const started = await run(args)
    expect(started.data.actions).toEqual(['docker start'])

    await sh(`echo changed > ${root}/svc/file && docker build -q -t glance ${root}/svc >/dev/null`)
    expect((await run(args)).data.actions).toEqual(['docker rm', 'docker run glance'])
    rmSync(callsFile, { force: true })
    expect((await run({ ...args, env: { A: 'other' } })).data.actions).toEqual(['docker rm', 'docker run glance'])
    const runLine = calls().find((l) => l.startsWith('run '))
    expect(runLine).toMatch(/^run -d --name glance --label tsplay\.config=[0-9a-f]{32} -e A=other -v \/etc\/glance:\/etc\/glance:ro glance glance-api --debug$/)
    expect((await run({ ...args, env: { A: 'other' } })).status).toBe('ok')
  })
})

describe('docker helpers', () => {
  it('reads ids, labels and state from inspect JSON; [] is nothing', () => {
    const c = parseInspect('[{"Id":"abc","Image":"sha256:1","State":{"Running":true},"Config":{"Labels":{"x":"y"}}}]')
    expect(c).toEqual({ id: 'abc', image: 'sha256:1', labels: { x: 'y' }, running: true })
    expect(parseInspect('[]')).toBeUndefined()
    expect(parseInspect('[{"Id":"i","Config":{"Labels":null}}]')?.labels).toEqual({})
    expect(() => parseInspect('Error: boom')).toThrow(/no JSON/)
  })

  it('takes the last image id docker build -q printed', () => {
    expect(builtId(`#1 noise\nsha256:${'0'.repeat(64)}\nsha256:${'1'.repeat(64)}\n`)).toBe(`sha256:${'1'.repeat(64)}`)
    expect(builtId('Successfully built 1234')).toBeUndefined()
  })

  it('hashes objects whatever their key order', () => {
    expect(stableHash({ a: 1, b: { c: 2, d: 3 } })).toBe(stableHash({ b: { d: 3, c: 2 }, a: 1 }))
    expect(stableHash({ a: 1 })).not.toBe(stableHash({ a: 2 }))
  })
})
