import { describe, expect, it } from 'vitest'
import { parseSshArgs, proxyCommandAsJump } from '../../../src/connection/ssh-args.js'
import { shlexSplit as splitWords } from '../../../src/util/shlex.js'

describe('parseSshArgs', () => {
  it('reads -o in both spellings, -p, -l, -i, -J and keeps unknown flags aside', () => {
    const a = parseSshArgs(splitWords(`-q -C -o StrictHostKeyChecking=no -o 'UserKnownHostsFile /dev/null' -oProxyJump=b -p 2222 -l core -i ~/.ssh/k -J j1 -c aes128-ctr`))
    expect(a.options).toEqual({ stricthostkeychecking: 'no', userknownhostsfile: '/dev/null', proxyjump: 'b' })
    expect(a).toMatchObject({ port: 2222, user: 'core', identityFiles: ['~/.ssh/k'], jump: 'j1' })
    expect(a.ignored).toEqual(['-q', '-C', '-c aes128-ctr'])
  })
})

describe('proxyCommandAsJump', () => {
  it('turns ssh -W %h:%p into a jump, keeping user, port and nested -J', () => {
    expect(proxyCommandAsJump('ssh -W %h:%p bastion')).toBe('bastion')
    expect(proxyCommandAsJump('/usr/bin/ssh -q -W %h:%p -p 2200 -l ops gw.example.org')).toBe('ops@gw.example.org:2200')
    expect(proxyCommandAsJump('ssh -W [%h]:%p core@b2 -J b1')).toBe('b1,core@b2')
  })
  it('leaves other proxy commands alone', () => {
    expect(proxyCommandAsJump('nc -X 5 -x proxy:1080 %h %p')).toBeUndefined()
    expect(proxyCommandAsJump('ssh bastion nc %h %p')).toBeUndefined()
  })
})
