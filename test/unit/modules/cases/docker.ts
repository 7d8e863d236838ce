// docker_image / docker_container cases against the fake docker CLI (fixtures/fake-bin/docker), whose
// image and container store lives in {root}/docker (images/, containers/, registry/ for pulls).
import type { ModuleCase, SetupEntry } from '../harness.js'

const context: SetupEntry[] = [
  { path: '{root}/services/keystone/Dockerfile', content: 'FROM debian:bookworm\nCOPY keystone.conf /etc/keystone/\n' },
  { path: '{root}/services/keystone/keystone.conf', content: '[DEFAULT]\ndebug = false\n' },
]
const IMAGES = '{root}/docker/images'
const PULLED = 'sha256:' + 'ab'.repeat(32)
const registry: SetupEntry = { path: '{root}/docker/registry/debian:bookworm', content: PULLED + '\n' }
const built = ['docker build -q -t keystone {root}/services/keystone >/dev/null']
const container = (expr: string) => `node -e 'const c = require(process.argv[1]); process.exit(${expr} ? 0 : 1)' {root}/docker/containers/keystone.json`

export const dockerImageCases: ModuleCase[] = [
  { name: 'builds an image from its directory, labelled with the context hash', module: 'docker_image', args: { name: 'keystone', path: '{root}/services/keystone' }, setup: context,
    data: { source: 'build', previous: '' }, verifyCheck: [`test ! -e ${IMAGES}`],
    verify: [`grep -q '"tsplay.context": "[0-9a-f]\\{32\\}"' ${IMAGES}/keystone%3Alatest.json`] },
  { name: 'a context changed since the last build rebuilds (a new id)', module: 'docker_image', args: { name: 'keystone', path: '{root}/services/keystone' }, setup: context,
    before: [...built, 'echo "debug = true" >> {root}/services/keystone/keystone.conf'] },
  { name: 'build args are part of the context hash', module: 'docker_image', args: { name: 'keystone:2', path: '{root}/services/keystone', build_args: { RELEASE: 'zed' } }, setup: context,
    verify: [`grep -q '"tsplay.context"' ${IMAGES}/keystone%3A2.json`] },
  { name: 'a missing Dockerfile fails with docker\'s reason', module: 'docker_image', args: { name: 'keystone', path: '{root}/services/keystone', dockerfile: 'Dockerfile.nope' }, setup: context,
    first: 'failed', check: 'changed', msg: 'Dockerfile.nope: no such file or directory' },
  { name: 'a context that is not a directory fails naming it', module: 'docker_image', args: { name: 'keystone', path: '{root}/services/nova' },
    first: 'failed', check: 'failed', msg: 'services/nova is not a directory' },
  { name: 'pulls a missing image', module: 'docker_image', args: { name: 'debian:bookworm' }, setup: [registry],
    data: { source: 'pull', id: PULLED }, verify: [`grep -q ${PULLED} ${IMAGES}/debian%3Abookworm.json`] },
  { name: 'force pulls again; the same id is not a change', module: 'docker_image', args: { name: 'debian:bookworm', force: true }, setup: [registry],
    before: ['docker pull debian:bookworm >/dev/null'], first: 'ok', check: 'changed', trips: 3 },
  { name: 'force pull: a moved tag is a change', module: 'docker_image', args: { name: 'debian:bookworm', force: true }, setup: [registry],
    before: ['docker pull debian:bookworm >/dev/null', `echo sha256:${'cd'.repeat(32)} > {root}/docker/registry/debian:bookworm`],
    data: { id: `sha256:${'cd'.repeat(32)}`, previous: PULLED }, second: 'ok', trips: 3 },
  { name: 'a pull the registry refuses fails with its reason', module: 'docker_image', args: { name: 'nope/nothing' },
    first: 'failed', check: 'changed', msg: 'pull access denied for nope/nothing' },
  { name: 'state=absent removes the image', module: 'docker_image', args: { name: 'keystone', state: 'absent' }, setup: context,
    before: built, verify: [`test ! -e ${IMAGES}/keystone%3Alatest.json`] },
  { name: 'state=absent on a missing image is ok', module: 'docker_image', args: { name: 'keystone', state: 'absent' }, first: 'ok' },
]

export const dockerContainerCases: ModuleCase[] = [
  { name: 'runs a new container', module: 'docker_container', setup: context, before: built,
    args: { name: 'keystone', image: 'keystone', env: { OS_DEBUG: 'a b' }, network_mode: 'host', restart_policy: 'unless-stopped' },
    data: { actions: ['docker run keystone'], running: true }, verifyCheck: ['test ! -e {root}/docker/containers'],
    verify: [container(`c.State.Running && c.Config.Env[0] === "OS_DEBUG=a b" && c.HostConfig.NetworkMode === "host"`)] },
  { name: 'state=present creates without starting', module: 'docker_container', setup: context, before: built,
    args: { name: 'keystone', image: 'keystone', state: 'present' }, data: { actions: ['docker create keystone'] }, verify: [container('!c.State.Running')] },
  { name: 'a container of another image is replaced', module: 'docker_container', setup: context,
    before: [...built, 'docker run -d --name keystone keystone >/dev/null', 'echo "debug = true" >> {root}/services/keystone/keystone.conf', 'docker build -q -t keystone2 {root}/services/keystone >/dev/null'],
    args: { name: 'keystone', image: 'keystone2' }, data: { actions: ['docker rm', 'docker run keystone'] }, verify: [container(`c.Config.Image === "keystone2"`)] },
  { name: 'a missing image fails naming it', module: 'docker_container', args: { name: 'keystone', image: 'keystone' }, first: 'failed', check: 'failed', msg: 'image keystone is not on' },
  { name: 'state=absent removes a running container', module: 'docker_container', setup: context, before: [...built, 'docker run -d --name keystone keystone >/dev/null'],
    args: { name: 'keystone', state: 'absent' }, verify: ['test ! -e {root}/docker/containers/keystone.json'] },
  { name: 'state=absent on a missing container is ok', module: 'docker_container', args: { name: 'keystone', state: 'absent' }, first: 'ok' },
]
