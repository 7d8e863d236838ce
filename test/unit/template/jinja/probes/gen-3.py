import json
base = json.load(open('probes-1.json'))['contexts']['C']
ctx = dict(base)
ctx.update({
  "kcfg": {"apiVersion": "kubeadm.k8s.io/v1beta3", "kind": "ClusterConfiguration", "networking": {"podSubnet": "10.233.64.0/18", "serviceSubnet": "10.233.0.0/18", "dnsDomain": "cluster.local"}, "apiServer": {"extraArgs": {"anonymous-auth": "true", "authorization-mode": "Node,RBAC", "bind-address": "0.0.0.0", "service-node-port-range": "30000-32767", "kubelet-preferred-address-types": "InternalDNS,InternalIP,Hostname,ExternalDNS,ExternalIP", "profiling": "false", "request-timeout": "1m0s", "enable-aggregator-routing": "false", "service-account-lookup": "true"}, "certSANs": ["kubernetes", "kubernetes.default", "10.233.0.1", "localhost", "127.0.0.1", "node1", "lb-apiserver.kubernetes.local"], "timeoutForControlPlane": "5m0s"}, "etcd": {"external": {"endpoints": ["https://10.0.0.1:2379"], "caFile": "/etc/ssl/etcd/ssl/ca.pem"}}, "dns": {}, "featureGates": {"A": True, "B": False}, "extra": [{"name": "x", "hostPath": "/a", "mountPath": "/b", "readOnly": True, "pathType": "DirectoryOrCreate"}], "port": 6443, "ratio": 0.5, "nothing": None, "desc": "A fairly long description string that goes well beyond the eighty column limit of PyYAML so it must fold somewhere sensible", "script": "#!/bin/sh\nset -e\necho \"hi\" > /tmp/x\n", "odd keys": {"with space": 1, "UPPER": 2, "x.y": 3}},
  "intkeys": {"b": 1, "2": 2, "1": 3},
  "jsonstr": "{\"a\": 1, \"b\": [true, null]}",
  "liststr": "['x', 'y']",
  "boolstr": "False",
  "numstr": "1.0",
})
E = lambda *xs: [('expr', x) for x in xs]
C = lambda *xs: [('cond', x) for x in xs]
T = lambda *xs: [('tpl', x) for x in xs]
probes = []
probes += E("kcfg | to_nice_yaml", "kcfg | to_yaml", "kcfg | to_nice_yaml(indent=2)", "kcfg | to_nice_json", "kcfg | to_json", "kcfg.apiServer.certSANs | to_nice_yaml", "[kcfg.networking] | to_yaml", "kcfg | to_nice_yaml(width=1000)", "{'a': kcfg.desc} | to_yaml", "kcfg.script | to_yaml", "{'s': kcfg.script} | to_nice_yaml",
 "intkeys | to_json", "intkeys", "intkeys | list", "intkeys | dict2items | map(attribute='key') | list", "{'b': 1, '2': 2}",
 "jsonstr", "liststr", "boolstr", "numstr", "' [1]'", "'[1] '", "'{\"a\": NaN}'", "jsonstr | from_json", "liststr | length",
 "kcfg.apiServer.extraArgs | dict2items | selectattr('value', 'equalto', 'false') | map(attribute='key') | list", "kcfg.apiServer.extraArgs.keys() | list | sort | first", "kcfg.etcd.external.endpoints | join(',')", "kcfg.networking.values() | list", "kcfg | dict2items | length",
 "kcfg.extra | map(attribute='name') | list", "kcfg.extra | items2dict(key_name='name', value_name='hostPath')", "(kcfg.port | string) + '/tcp'", "kcfg.port ~ '/tcp'", "kcfg.ratio * 100", "(kcfg.ratio * 100) | int", "kcfg.nothing | default('d', true)", "kcfg['odd keys']['with space']", "kcfg['featureGates'] | dict2items | map('join', '=') | list",
 "users | map(attribute='name') | map('upper') | list", "users | map('combine', {'x': 1}) | map(attribute='x') | list", "users | selectattr('uid', 'gt', 1001) | map(attribute='name') | list", "users | selectattr('name', 'in', ['al', 'cy']) | list | length", "users | selectattr('groups', 'search', 'whe') | list | length", "users | map(attribute='groups') | map('length') | list",
 "lookup('env', 'HOME') is string", "query('items', users) | length", "'x' * 3 + 'y'", "[1, 2] | map('add', 1) | list",
)
probes += C("kcfg.port == 6443", "kcfg.port == '6443'", "kcfg.networking.podSubnet is search('/18')", "'RBAC' in kcfg.apiServer.extraArgs['authorization-mode']", "kcfg.featureGates.A", "not kcfg.featureGates.B", "kcfg.dns", "kcfg.dns | length == 0", "kcfg.etcd.external is defined", "kcfg.etcd.internal is defined", "kcfg.etcd.internal.x is undefined", "kcfg.etcd.internal.x", "inventory_hostname in groups['etcd']", "groups['etcd'] | length > 0 and inventory_hostname == groups['etcd'][0]", "boolstr", "boolstr | bool", "{{ boolstr }}", "'{{ boolstr }}'", "numstr", "numstr | float > 0.5", "users[0].enabled", "users | selectattr('enabled', 'false') | list | length == 1", "item is defined", "item | default(false)")
probes += T("apiVersion: v1\nkind: Config\n{% for c in kcfg.extra %}\n- name: {{ c.name }}\n  path: {{ c.hostPath }}\n{% endfor %}\nend\n", "{{ kcfg | to_nice_yaml(indent=2) | indent(4) }}", "data:\n  config.yaml: |\n    {{ kcfg.networking | to_nice_yaml | indent(4) }}\n", "{% for k, v in kcfg.apiServer.extraArgs.items() %}\n--{{ k }}={{ v }} \\\n{% endfor %}", "{% for k in kcfg.apiServer.extraArgs | sort %}{{ k }}{% if not loop.last %},{% endif %}{% endfor %}", "{{ kcfg.apiServer.certSANs | join('\\n') }}", "{% for s in kcfg.apiServer.certSANs %}\n  - \"{{ s }}\"\n{% endfor %}", "{%- set x = [] -%}\n{%- for u in users -%}\n{%-   if u.enabled -%}\n{%-     set _ = x.append(u.name) -%}\n{%-   endif -%}\n{%- endfor -%}\n{{ x | join(' ') }}", "{% if kcfg.port is defined %}port: {{ kcfg.port }}{% endif %}\n", "{{ kcfg.desc | wordwrap(40) }}", "{{ '%-20s%s' | format('key', 'value') }}", "{{ kcfg.port | string | length }}", "{{ intkeys }}", "{% for k in intkeys %}{{ k }}{% endfor %}")
out = {"contexts": {"C": ctx}, "probes": [{"id": f"r{i}", "kind": k, "text": t, "ctx": "C"} for i, (k, t) in enumerate(probes)]}
json.dump(out, open('probes-3.json', 'w'), indent=0)
print(len(probes))
