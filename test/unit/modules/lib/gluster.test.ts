import { describe, expect, it } from 'vitest'
import { parsePoolList, parseVolumeInfo } from '../../../../src/modules/lib/gluster.js'

// Captured from glusterfs 10.3 (Debian 12) on lab hosts.
const POOL = `UUID\t\t\t\t\tHostname   \tState
910df942-6b3e-410b-8427-320551bc6448\t10.213.2.12\tConnected 
0b6b49e7-cbf6-4fa2-b0cb-72aaec4548bb\tlocalhost  \tConnected 
`
const INFO = ` 
Volume Name: gv0
Type: Replicate
Volume ID: a001e3ec-1632-48dd-845e-5ca80fe56142
Status: Started
Snapshot Count: 0
Number of Bricks: 1 x 3 = 3
Transport-type: tcp
Bricks:
Brick1: 10.213.2.11:/data/brick1/gv0
Brick2: 10.213.2.12:/data/brick1/gv0
Brick3: 10.213.2.13:/data/brick1/gv0
Options Reconfigured:
nfs.disable: on
`

describe('gluster output parsing', () => {
  it('lists the pool by hostname', () => {
    expect(parsePoolList(POOL)).toEqual(['10.213.2.12', 'localhost'])
  })

  it('reads status, type and bricks in order', () => {
    expect(parseVolumeInfo(INFO)).toEqual({
      status: 'Started',
      type: 'Replicate',
      bricks: ['10.213.2.11:/data/brick1/gv0', '10.213.2.12:/data/brick1/gv0', '10.213.2.13:/data/brick1/gv0'],
    })
  })

  it('says undefined for a volume that does not exist', () => {
    expect(parseVolumeInfo('Volume nope does not exist\n')).toBeUndefined()
  })
})
