"""Rewrite each version's residual.json in an eval home as the current gate writes it, from the gate's recorded item
results (the nightly summary): the same verdicts, now with carried_facts and fact fields. Used to re-measure serving
of an evaluation home trained before residual.json carried facts, without training it again.

    MEMLORA_HOME=HOME python benchmarks/migrate_residual.py HOME EVAL_RESULT.json
"""
import json, sys, glob
from pathlib import Path
from memlora.settings import Settings
from memlora.tenant_data import profile_path
from memlora.adapter_dir import write_residual, read_manifest
from memlora.adapters.item_gate import ItemResult, residual
home = Path(sys.argv[1]); summary = json.load(open(sys.argv[2]))['results']['nightly']['summary']
rows = {r['tenant']: r for r in summary['rows']}
for f in glob.glob(str(home / '**' / 'residual.json'), recursive=True):
    d = Path(f).parent
    m = read_manifest(d); r = rows[m.tenant]
    prof = {it['id']: it for it in json.load(open(profile_path(Settings().state_dir, m.tenant)))['items']}
    res = []
    for x in r['gate_metrics']['items']['results']:
        it = prof.get(x['id'], {})
        x = {**x, 'slot': it.get('slot') or '', 'statement': it.get('statement') or '', 'question': (it.get('probe') or {}).get('question') or ''}
        res.append(ItemResult(**{k: v for k, v in x.items() if k in ItemResult.__dataclass_fields__}))
    write_residual(d, residual(res, rejected=r['status'] == 'rejected'))
    print(m.tenant, r['status'], len(residual(res, r['status'] == 'rejected').facts), 'carried facts', 'profile' if prof else 'NO PROFILE')
