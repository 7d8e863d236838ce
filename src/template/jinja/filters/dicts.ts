// Dict filters: dict2items items2dict combine dictsort dict (community.general), version_sort.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { cmp, isDict, iterate, str, tuple, typeName } from '../py.js'
import { toList } from './common.js'
import { looseVersionKey } from '../tests/version.js'
import { mergeHash as mergeHashWith } from '../../../util/merge-hash.js'

const mergeHash = (x: Dict, y: Dict, recursive: boolean, listMerge: string): Dict => mergeHashWith(x, y, recursive, listMerge, isDict)

type Dict = Record<string, unknown>

defineFilters({
  dict2items: ['key_name,value_name', (_rt, d, kn = 'key', vn = 'value') => {
    if (!isDict(d)) throw filterError(`dict2items requires a dictionary, got ${typeName(d)} instead.`)
    return Object.keys(d).map((k) => ({ [str(kn)]: k, [str(vn)]: d[k] }))
  }],
  items2dict: ['key_name,value_name', (_rt, l, kn = 'key', vn = 'value') => {
    if (!Array.isArray(l)) throw filterError(`items2dict requires a list, got ${typeName(l)} instead.`)
    const out: Dict = {}
    for (const it of l) {
      if (!isDict(it)) throw filterError(`items2dict requires a list of dictionaries, got ${typeName(it)} instead.`)
      if (!(str(kn) in it) || !(str(vn) in it)) throw filterError(`items2dict requires each dictionary in the list to contain the keys '${str(kn)}' and '${str(vn)}', got ${str(it)} instead.`)
      out[str(it[str(kn)])] = it[str(vn)]
    }
    return out
  }],
  combine: ['*terms,recursive,list_merge', (_rt, first, terms: unknown[], recursive = false, listMerge = 'replace') => {
    const dicts: unknown[] = []
    for (const t of [first, ...terms]) {
      if (Array.isArray(t)) dicts.push(...t.flat(Infinity))
      else dicts.push(t)
    }
    if (!['replace', 'keep', 'append', 'prepend', 'append_rp', 'prepend_rp'].includes(str(listMerge))) throw filterError(`'${str(listMerge)}' is not a valid list_merge value`)
    let out: Dict = {}
    for (const d of dicts) {
      if (!isDict(d)) throw filterError(`combine expects dictionaries, got ${str(d, true)}`)
      out = mergeHash(out, d, Boolean(recursive), str(listMerge))
    }
    return out
  }],
  dictsort: ['case_sensitive,by,reverse', (_rt, d, cs = false, by = 'key', reverse = false) => {
    if (!isDict(d)) throw filterError('You can only sort by either "key" or "value"')
    const idx = by === 'value' ? 1 : 0
    const pairs = Object.keys(d).map((k) => tuple([k, d[k]]) as [string, unknown])
    const key = (v: unknown) => (!cs && typeof v === 'string' ? v.toLowerCase() : v)
    pairs.sort((a, b) => cmp(key(a[idx]), key(b[idx])) * (reverse ? -1 : 1))
    return pairs
  }],
  dict: ['', (_rt, v) => {
    const out: Dict = {}
    for (const p of toList(v)) {
      const pair = iterate(p)
      out[str(pair[0])] = pair[1]
    }
    return out
  }],
  version_sort: ['', (_rt, v) => [...toList(v)].sort((a, b) => cmp(looseVersionKey(str(a)), looseVersionKey(str(b))))],
})
