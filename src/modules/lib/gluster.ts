// Pure helpers of the gluster_volume module: parse `gluster pool list` and `gluster volume info`.

/** Hostnames in the trusted pool (`UUID  Hostname  State` table; the local node is `localhost`). */
export function parsePoolList(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[1])
    .filter((h): h is string => Boolean(h))
}

export interface VolumeInfo {
  status: string // Created | Started | Stopped
  type: string // Replicate, Distribute, …
  bricks: string[] // host:/path, in order
}

/** `gluster volume info NAME` output, or undefined when it names no volume. */
export function parseVolumeInfo(text: string): VolumeInfo | undefined {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim()
  const status = field('Status')
  if (!status) return undefined
  const bricks = [...text.matchAll(/^Brick\d+:\s*(\S+)/gm)].map((m) => m[1])
  return { status, type: field('Type') ?? '', bricks }
}
