// k8s_apply against a FAKE kubectl (fixtures/fake-bin/kubectl, first in PATH): no Kubernetes API server
// runs on these machines. What is tested is the module's side: the kubectl command line, how it reads
// apply's `KIND/NAME created|configured|unchanged` lines, check mode through --dry-run=server.
// Not tested: a real API server's answers beyond what the fake mimics.
import { readFileSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyArgv, k8sApply, parseApply } from '../../../src/modules/k8s-apply.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { k8sCases } from './cases/k8s.js'
import { makeCtx, prepare, runCase } from './harness.js'
import { useFakeCli } from './fake-cli.js'

const { root, callsFile, target } = useFakeCli('KUBE', 'cluster')

describe('k8s_apply cases', () => {
  for (const c of k8sCases) it(c.name, () => runCase(target, c).then(() => undefined), 30_000)
})

describe('k8s_apply command line', () => {
  it('passes kubeconfig, namespace and -R; check mode is a server dry run', async () => {
    await prepare(target, [{ path: `${root}/m/a.yaml`, content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n' }])
    rmSync(callsFile, { force: true })
    const args = { src: `${root}/m`, kubeconfig: '/etc/kubernetes/admin.conf', namespace: 'kube-system', recursive: true }
    expect((await runModule(k8sApply, makeCtx(target.conn, { check: true }), args)).msg).toBe('would be configmap/a created')
    expect((await runModule(k8sApply, makeCtx(target.conn), args)).status).toBe('changed')
    expect(readFileSync(callsFile, 'utf8').trim().split('\n')).toEqual([
      `--kubeconfig=/etc/kubernetes/admin.conf -n kube-system apply -R --dry-run=server -f ${root}/m`,
      `--kubeconfig=/etc/kubernetes/admin.conf -n kube-system apply -R -f ${root}/m`,
    ])
  })

  it('an unreachable server fails with kubectl\'s reason', async () => {
    process.env.FAKE_KUBE_DOWN = '1'
    try {
      const res = await runModule(k8sApply, makeCtx(target.conn), { src: '/x' })
      expect(res.status).toBe('failed')
      expect(res.msg).toContain('was refused')
    } finally {
      delete process.env.FAKE_KUBE_DOWN
    }
  })
})

describe('kubectl apply output', () => {
  it('reads every verb, dry-run suffixes, and skips warnings', () => {
    const out = 'Warning: resource namespaces/kube-system is missing the last-applied annotation\nnamespace/kube-system configured\n' +
      'deployment.apps/coredns unchanged (server dry run)\nclusterrole.rbac.authorization.k8s.io/system:coredns created\n'
    expect(parseApply(out)).toEqual([
      { resource: 'namespace/kube-system', action: 'configured' },
      { resource: 'deployment.apps/coredns', action: 'unchanged' },
      { resource: 'clusterrole.rbac.authorization.k8s.io/system:coredns', action: 'created' },
    ])
  })

  it('quotes nothing itself: argv words are quoted by quoteArgv', () => {
    expect(applyArgv({ src: '/a b', recursive: false, kubectl: 'kubectl' }, false)).toEqual(['kubectl', 'apply', '-f', '/a b'])
  })
})
