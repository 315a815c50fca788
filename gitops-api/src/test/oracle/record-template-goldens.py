#!/usr/bin/env python3
"""Records (or checks) the expected output of every case in src/test/resources/template/cases.txt by running the
real Helm v4 binary: each case becomes a tiny chart whose template `templates/_case.tpl` is the case text, included
from `templates/out.yaml` with the case's values as dot and base64-encoded so that the exact bytes survive.

usage: record-template-goldens.py [--check]   (HELM=/path/to/helm, default ~/.cache/gitops-oracles/bin/helm;
       CASES_DIR=/path/to/a/dir/with/cases.txt, default src/test/resources/template; gitops-helm's Sprig cases use
       the same recorder through its record-sprig-goldens.py)
Outputs: <CASES_DIR>/expected/<case>.out (rendered bytes) or <case>.err (Go's error message)."""
import base64, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.environ.get('CASES_DIR', os.path.join(HERE, '..', 'resources', 'template'))
HELM = os.environ.get('HELM', os.path.expanduser('~/.cache/gitops-oracles/bin/helm'))


def parse_cases(path):
    text = open(path, encoding='utf-8').read()
    cases = []
    for block in re.split(r'^### ', text, flags=re.M)[1:]:
        name, _, rest = block.partition('\n')
        if '\n--- values\n' in '\n' + rest:
            tpl, _, values = ('\n' + rest).partition('\n--- values\n')
            tpl = tpl[1:]
        else:
            tpl, values = rest, '{}'
        if tpl.endswith('\n'):
            tpl = tpl[:-1]
        cases.append((name.strip(), tpl, values.strip() or '{}'))
    return cases


def run(name, tpl, values):
    with tempfile.TemporaryDirectory() as d:
        c = os.path.join(d, 'c')
        os.makedirs(os.path.join(c, 'templates'))
        open(os.path.join(c, 'Chart.yaml'), 'w').write('apiVersion: v2\nname: c\nversion: 0.1.0\n')
        open(os.path.join(c, 'values.yaml'), 'w').write(values + '\n')
        open(os.path.join(c, 'templates', '_case.tpl'), 'w', encoding='utf-8').write(tpl)
        open(os.path.join(c, 'templates', 'out.yaml'), 'w').write(
            'out: {{ include "c/templates/_case.tpl" .Values | b64enc | quote }}\n')
        p = subprocess.run([HELM, 'template', 'r', c], capture_output=True)
        if p.returncode == 0:
            m = re.search(rb'^out: "([^"]*)"', p.stdout, re.M)
            return 'out', base64.b64decode(m.group(1))
        err = p.stderr.decode('utf-8').strip()
        lines = err.split('\n')
        if re.match(r'^Error: \S+:\d+:\d+$', lines[0]):
            # Helm 4 prints execution errors as "LOCATION / executing NAME at <NODE>: / MSG" blocks, innermost
            # last: rebuild Go's one-line message of the innermost template
            blocks = [i for i, l in enumerate(lines) if re.match(r'^(Error: )?\S+:\d+:\d+$', l)]
            i = blocks[-1]
            loc = lines[i].replace('Error: ', '')
            rest = [l.strip() for l in lines[i + 1:] if l.strip() and not l.startswith('Use --debug')]
            return 'err', ('template: %s: %s' % (loc, ' '.join(rest))).encode()
        err = lines[0]
        if err.startswith('Error: '):
            err = err[len('Error: '):]
        marker = 'error calling include: '
        if marker in err:
            err = err[err.index(marker) + len(marker):]
        return 'err', err.encode('utf-8')


def main():
    check = '--check' in sys.argv
    out_dir = os.path.join(RES, 'expected')
    os.makedirs(out_dir, exist_ok=True)
    bad = 0
    for name, tpl, values in parse_cases(os.path.join(RES, 'cases.txt')):
        kind, data = run(name, tpl, values)
        path = os.path.join(out_dir, name + '.' + kind)
        other = os.path.join(out_dir, name + ('.err' if kind == 'out' else '.out'))
        if check:
            if not os.path.exists(path) or open(path, 'rb').read() != data:
                print('DIFFERS: ' + name)
                bad += 1
        else:
            open(path, 'wb').write(data)
            if os.path.exists(other):
                os.remove(other)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
