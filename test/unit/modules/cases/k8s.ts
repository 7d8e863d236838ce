// k8s_apply cases against the fake kubectl (fixtures/fake-bin/kubectl), whose "cluster" is one JSON
// file per resource in {root}/cluster.
import type { ModuleCase, SetupEntry } from '../harness.js'

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: { name: coredns, namespace: kube-system }
spec: { replicas: 2 }
`
const NS = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: kube-system }\n'
const SVC = 'apiVersion: v1\nkind: Service\nmetadata: { name: kube-dns, namespace: kube-system }\nspec: { clusterIP: 10.233.0.3 }\n'
const dir: SetupEntry[] = [
  { path: '{root}/addons/00-namespace.yaml', content: NS },
  { path: '{root}/addons/10-coredns.yaml', content: `${DEPLOY}---\n${SVC}` },
  { path: '{root}/addons/README.md', content: 'not a manifest\n' },
]
const applied = (f: string) => `kubectl apply -f {root}/${f} >/dev/null`

export const k8sCases: ModuleCase[] = [
  { name: 'a new directory of manifests: every resource created', module: 'k8s_apply', args: { src: '{root}/addons' }, setup: dir,
    data: { changed_resources: ['namespace/kube-system created', 'deployment.apps/coredns created', 'service/kube-dns created'] },
    verifyCheck: ['test ! -e {root}/cluster'], verify: ['test $(ls {root}/cluster | wc -l) = 3'] },
  { name: 'applied before: unchanged is ok', module: 'k8s_apply', args: { src: '{root}/addons' }, setup: dir, before: [applied('addons')], first: 'ok',
    data: { resources: [{ resource: 'namespace/kube-system', action: 'unchanged' }, { resource: 'deployment.apps/coredns', action: 'unchanged' }, { resource: 'service/kube-dns', action: 'unchanged' }] } },
  { name: 'one resource changed: only it is configured', module: 'k8s_apply', args: { src: '{root}/addons/10-coredns.yaml' }, setup: dir,
    before: [applied('addons'), "sed -i 's/replicas: 2/replicas: 3/' {root}/addons/10-coredns.yaml"],
    data: { changed_resources: ['deployment.apps/coredns configured'] }, msg: 'deployment.apps/coredns configured' },
  { name: 'a missing path fails with kubectl\'s reason', module: 'k8s_apply', args: { src: '{root}/nope.yaml' }, first: 'failed', check: 'failed', msg: 'nope.yaml" does not exist' },
  { name: 'a manifest without kind fails naming the file', module: 'k8s_apply', args: { src: '{root}/bad.yaml' },
    setup: [{ path: '{root}/bad.yaml', content: 'metadata: { name: x }\n' }], first: 'failed', check: 'failed', msg: 'kind not set' },
]
