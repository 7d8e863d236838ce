// The servers the fake Nova serves: the Nova sample server, varied per case (floating or not, ERROR,
// metadata groups, the microversion 2.47 flavor shape), and the sample itself verbatim.
import { novaSample, novaServer } from './fake-cloud.js'

const fixed = (addr: string) => ({ addr, version: 4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01' })
const floating = (addr: string) => ({ addr, version: 4, 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01' })

export const SERVERS = [
  novaServer({
    id: '1b3e0c5a-0000-4000-8000-000000000001',
    name: 'k8s-master-1',
    metadata: { groups: 'kube-master,etcd', kubespray_groups: 'kube_control_plane,etcd', ssh_user: 'debian' },
    addresses: { private: [fixed('10.0.0.11'), floating('172.24.4.11')] },
  }),
  novaServer({ id: '1b3e0c5a-0000-4000-8000-000000000002', name: 'k8s-node-1', metadata: { groups: 'kube-node', kubespray_groups: 'kube_node' }, addresses: { private: [fixed('10.0.0.21')] } }),
  novaServer({ id: '1b3e0c5a-0000-4000-8000-000000000003', name: 'k8s-node-2', status: 'ERROR', metadata: { groups: 'kube-node' }, addresses: {} }),
  novaServer({
    id: '1b3e0c5a-0000-4000-8000-000000000004',
    name: 'k8s-node-3',
    metadata: { groups: 'kube-node' },
    'OS-EXT-AZ:availability_zone': 'az2',
    flavor: { original_name: 'm1.large', vcpus: 4, ram: 8192, disk: 40, ephemeral: 0, swap: 0, extra_specs: {} }, // microversion ≥ 2.47 shape
    addresses: { private: [fixed('10.0.0.23'), floating('172.24.4.23')], storage: [fixed('10.1.0.23')] },
  }),
  novaSample(), // the Nova sample server verbatim: ACTIVE, one fixed address, no floating one
]

