// Docs of tsplay's modules for the cluster stack (etcd, GlusterFS, heketi, fleet, Docker, Kubernetes, Ceph).
import type { ModuleDoc } from './types.js'

export const etcd_member: ModuleDoc = {
  short: 'Members of an etcd v3 cluster (list, add, remove, prune)',
  description:
    "Runs etcdctl on the task's host (a member, or a host that reaches endpoints). list: the members, never changes anything; " +
    'present: `member add` unless a member has that name or peer URL; absent: `member remove`; pruned: removes members ' +
    'unreachable now and at the previous pass, remembering first-time unreachable ones in losts_file.',
  args: {
    state: 'list, present, absent or pruned.',
    name: 'The member\'s name (present, absent).',
    peer_urls: 'The member\'s peer URLs (present; or identifies it for absent).',
    endpoints: 'Client URLs etcdctl talks to (default: etcdctl\'s own).',
    etcdctl: 'The etcdctl command.',
    losts_file: 'With pruned: where members unreachable at this pass are remembered.',
    timeout: 'Seconds a member may take to answer before it counts as unreachable.',
  },
  examples: `- name: Register a new member
  etcd_member:
    state: present
    name: node4
    peer_urls: http://10.0.0.14:2380
  delegate_to: node1
  register: join

- name: Members unreachable twice in a row removed
  etcd_member:
    state: pruned
  run_once: true
`,
}

export const gluster_volume: ModuleDoc = {
  short: 'A GlusterFS volume: peers probed, volume created and started',
  description:
    'From the host it runs on: probes peers into the trusted pool, creates the volume (replica over the bricks) and starts it. ' +
    'Reads pool and volume in one round trip and changes only what is missing. stopped stops it; absent stops and deletes it (brick data stays).',
  args: {
    name: 'The volume.',
    state: 'present, started, stopped or absent.',
    bricks: 'Bricks as host:/path.',
    brick_dir: 'With peers: one brick per peer at this absolute path.',
    replica: 'Replica count.',
    peers: 'Hosts to probe into the pool.',
    force: 'Pass force to volume create (bricks on the root file system).',
  },
  examples: `- name: A replicated volume over three hosts
  gluster_volume:
    name: data
    peers: [node1, node2, node3]
    brick_dir: /srv/gluster/data
    replica: 3
  run_once: true
`,
}

export const heketi_topology: ModuleDoc = {
  short: "heketi's topology file for a group's hosts, loaded when it changes",
  description: "Writes heketi's topology JSON for the hosts of group (devices from their disk_volume_device_N variables) to dest, and loads it with heketi-cli when it changed and load is true.",
  args: {
    group: 'The inventory group of the storage hosts.',
    dest: 'Where the topology JSON goes on the host.',
    zone: 'Failure zone of the nodes.',
    load: '`heketi-cli topology load` when the file changed.',
    server: "heketi's URL for heketi-cli --server.",
  },
  examples: `- name: Topology of the gfs-cluster hosts
  heketi_topology:
    group: gfs-cluster
    load: true
  run_once: true
`,
}

export const fleet_unit: ModuleDoc = {
  short: "A unit in fleet's registry",
  description: 'Through fleetctl on the host: present submits the unit file, started also launches it, stopped stops it, absent destroys it. New content means destroy and submit (fleet units are immutable).',
  args: {
    name: 'The unit name (default: the file name of path).',
    path: 'The unit file on the host.',
    state: 'present, started, stopped or absent.',
    fleetctl: 'The fleetctl command.',
    endpoint: "etcd URL for fleetctl --endpoint (default: fleetctl's own).",
  },
  examples: `- name: The API unit, running
  fleet_unit:
    path: /etc/fleet/units/api.service
    state: started
`,
}

export const docker_image: ModuleDoc = {
  short: 'A Docker image on hosts, built or pulled',
  description:
    'source=build builds from a directory on the host (labelled with a hash of its files: a rerun with the same context builds nothing); ' +
    'source=pull pulls when missing (or always with force); state=absent removes it.',
  args: {
    name: 'Image name with tag.',
    source: 'build or pull.',
    path: 'Build context directory on the host.',
    dockerfile: 'Dockerfile name inside path.',
    build_args: 'Build arguments.',
    force: 'Pull or build again even when present.',
    state: 'present or absent.',
    docker: 'The docker command.',
  },
  examples: `- name: The API image from its directory
  docker_image:
    name: registry.local/api:1.0
    source: build
    path: /opt/build/api
`,
}

export const docker_container: ModuleDoc = {
  short: 'A Docker container on hosts',
  description: 'Created from an image already there; the spec is hashed into a label, so a changed spec or rebuilt image recreates the container and nothing else does.',
  args: {
    name: 'Container name.',
    image: 'Image to run.',
    command: 'Command (a string or a list).',
    env: 'Environment variables.',
    network_mode: 'Docker network mode.',
    volumes: 'Volumes as host:container[:mode].',
    ports: 'Published ports as host:container.',
    restart_policy: 'Docker restart policy.',
    labels: 'Container labels.',
    state: 'started, present (created), stopped or absent.',
    docker: 'The docker command.',
  },
  examples: `- name: The API container
  docker_container:
    name: api
    image: registry.local/api:1.0
    ports: ['8080:80']
    restart_policy: unless-stopped
`,
}

export const k8s_apply: ModuleDoc = {
  short: 'kubectl apply a manifest file or directory',
  description: 'Changed only when kubectl says a resource was created or configured; -C asks the API server with --dry-run=server.',
  args: {
    src: 'Manifest file or directory on the host.',
    recursive: 'Apply a directory\'s subdirectories too.',
    namespace: 'Namespace.',
    kubeconfig: 'kubeconfig file.',
    context: 'kubeconfig context.',
    kubectl: 'The kubectl command.',
  },
  examples: `- name: The cluster add-ons
  k8s_apply:
    src: /etc/kubernetes/addons
    recursive: true
`,
}

export const ceph_osd: ModuleDoc = {
  short: 'Take a Ceph OSD out, or remove it',
  description:
    "From a monitor: out marks the OSD out and waits until `ceph health` is HEALTH_OK; absent also removes it from the crush map, auth and the OSD map (its daemon must be stopped). " +
    'Each step runs only if needed, so a rerun does only what is left.',
  args: {
    id: 'The OSD number.',
    state: 'out or absent.',
    health_timeout: 'Seconds to wait for HEALTH_OK.',
    poll_interval: 'Seconds between health checks.',
    ceph: 'The ceph command.',
  },
  examples: `- name: osd.3 out
  ceph_osd:
    id: 3
    state: out
  run_once: true
`,
}
