import { afterEach, describe, expect, it, vi } from 'vitest'
import { LabError } from '../../../src/errors.js'
import { requireLinuxRoot } from '../../../src/lab/preflight.js'

describe('requireLinuxRoot', () => {
  afterEach(() => vi.restoreAllMocks())

  it('refuses a non-root user in one line that says why and what to do', () => {
    vi.spyOn(process as { getuid(): number }, 'getuid').mockReturnValue(1000)
    expect(() => requireLinuxRoot()).toThrowError(LabError)
    try {
      requireLinuxRoot()
    } catch (error) {
      expect((error as LabError).describe()).toBe('lab hosts need root (network namespaces, mounts, a bridge) (run it as root, e.g. with sudo)')
      expect((error as LabError).describe()).not.toContain('\n')
    }
  })

  it('refuses other systems by name', () => {
    vi.spyOn(process, 'platform', 'get').mockReturnValue('darwin')
    expect(() => requireLinuxRoot()).toThrowError('lab hosts need Linux (network namespaces, overlayfs); this is darwin')
  })
})
