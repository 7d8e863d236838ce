# Address arithmetic probes (ansible.utils ipmath, nthhost, *_nth_usable, network_in_*); context of gen-1.
import json
base = json.load(open('probes-1.json'))['contexts']['C']
ex = ["'192.168.1.5' | ansible.utils.ipmath(5)", "'192.168.1.5/24' | ansible.utils.ipmath(-10)", "'fd00::1' | ansible.utils.ipmath(255)", "'x' | ansible.utils.ipmath(1)", "'10.0.0.1' | ansible.utils.ipmath('a')",
 "'10.0.0.0/24' | ansible.utils.nthhost(5)", "'10.0.0.0/24' | ansible.utils.nthhost(-1)", "'10.0.0.0/30' | ansible.utils.nthhost(10)", "'10.0.0.5' | ansible.utils.nthhost(0)",
 "'10.0.0.5/24' | ansible.utils.next_nth_usable(2)", "'10.0.0.253/24' | ansible.utils.next_nth_usable(2)", "'10.0.0.5/24' | ansible.utils.previous_nth_usable(4)", "'10.0.0.5/24' | ansible.utils.previous_nth_usable(5)",
 "'10.0.0.0/24' | ansible.utils.network_in_usable('10.0.0.1')", "'10.0.0.0/24' | ansible.utils.network_in_usable('10.0.0.0')", "'10.0.0.0/24' | ansible.utils.network_in_network('10.0.0.0')", "'10.0.0.0/24' | ansible.utils.network_in_network('10.0.0.0/25')", "'10.0.0.0/24' | ansible.utils.network_in_network('10.0.1.0/25')", "'10.0.0.0/24' | ansible.utils.network_in_usable('10.0.0.255')",
 "'fd00::/64' | ansible.utils.nthhost(3)", "'fd00::1/64' | ansible.utils.next_nth_usable(1)"]
out = {"contexts": {"C": base}, "probes": [{"id": f"s{i}", "kind": "expr", "text": t, "ctx": "C"} for i, t in enumerate(ex)]}
json.dump(out, open('probes-4.json', 'w'), indent=0)
