// Pure helpers of the etcd_member module: parse `etcdctl member list -w simple`, build an
// initial-cluster string, and decide which members a garbage-collection pass removes.

export interface EtcdMember {
  id: string // hex, as etcdctl prints and takes it
  status: string // started | unstarted
  name: string // '' until an added member first starts
  peer_urls: string[]
  client_urls: string[]
  is_learner: boolean
}

const urls = (field: string | undefined): string[] => (field ?? '').split(',').map((u) => u.trim()).filter(Boolean)

/** `8e9e05c52164694d, started, infra1, http://10.0.0.1:2380, http://10.0.0.1:2379, false` per line. */
export function parseMemberList(text: string): EtcdMember[] {
  const members: EtcdMember[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    const f = line.split(', ')
    if (f.length < 5 || !/^[0-9a-f]+$/.test(f[0])) throw new Error(`unexpected line from etcdctl member list: ${line}`)
    members.push({ id: f[0], status: f[1], name: f[2], peer_urls: urls(f[3]), client_urls: urls(f[4]), is_learner: f[5]?.trim() === 'true' })
  }
  return members
}

/** The member with this name, or one that advertises one of these peer URLs (an unstarted one has no name). */
export function findMember(members: EtcdMember[], name?: string, peerUrls: string[] = []): EtcdMember | undefined {
  return members.find((m) => (name !== undefined && m.name === name) || m.peer_urls.some((u) => peerUrls.includes(u)))
}

/** NAME=PEER_URL,… for ETCD_INITIAL_CLUSTER; the joining member (no name yet) is named by `name`. */
export function initialCluster(members: EtcdMember[], name: string, peerUrls: string[]): string {
  return members
    .flatMap((m) => {
      const memberName = m.name || (m.peer_urls.some((u) => peerUrls.includes(u)) ? name : m.id)
      return m.peer_urls.map((u) => `${memberName}=${u}`)
    })
    .join(',')
}

export interface GcDecision {
  remove: EtcdMember[] // unreachable now and at the previous pass
  losts: string[] // ids to remember: unreachable now, for the first time
}

/** Members unreachable twice in a row are removed; the others unreachable now are remembered. */
export function gcDecision(members: EtcdMember[], down: Set<string>, previous: Set<string>): GcDecision {
  const lost = members.filter((m) => down.has(m.id))
  return {
    remove: lost.filter((m) => previous.has(m.id)),
    losts: lost.filter((m) => !previous.has(m.id)).map((m) => m.id),
  }
}

/** The losts file: one `ID NAME` line per member; only the id counts when reading it back. */
export function parseLosts(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((id) => /^[0-9a-f]+$/.test(id)))
}
