// Ansible's merge_hash: the one recursive dict merge (the combine filter, hash_behaviour=merge).
type Dict = Record<string, unknown>

export type ListMerge = 'replace' | 'keep' | 'append' | 'prepend' | 'append_rp' | 'prepend_rp'

const plainDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v))

/** y merged into x: y's keys win; dicts in both merge when `recursive`; lists in both follow `listMerge`. */
export function mergeHash(x: Dict, y: Dict, recursive = true, listMerge: string = 'replace', isDict: (v: unknown) => v is Dict = plainDict): Dict {
  if (!Object.keys(x).length) return { ...y }
  const out: Dict = { ...x }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  for (const k of Object.keys(y)) {
    const yv = y[k]
    if (!(k in out)) {
      out[k] = yv
      continue
    }
    const xv = out[k]
    if (recursive && isDict(xv) && isDict(yv)) out[k] = mergeHash(xv, yv, recursive, listMerge, isDict)
    else if (Array.isArray(xv) && Array.isArray(yv)) {
      if (listMerge === 'replace') out[k] = yv
      else if (listMerge === 'keep') out[k] = xv
      else if (listMerge === 'append') out[k] = [...xv, ...yv]
      else if (listMerge === 'prepend') out[k] = [...yv, ...xv]
      else if (listMerge === 'append_rp') out[k] = [...xv.filter((v) => !yv.some((w) => same(w, v))), ...yv]
      else if (listMerge === 'prepend_rp') out[k] = [...yv, ...xv.filter((v) => !yv.some((w) => same(w, v)))]
    } else out[k] = yv
  }
  return out
}
