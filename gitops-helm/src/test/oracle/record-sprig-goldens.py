#!/usr/bin/env python3
"""Records (or checks) the expected output of every case in src/test/resources/sprig/cases.txt by running the
real Helm v4 binary, with gitops-api's template recorder (each case a tiny chart whose template is the case text).

usage: record-sprig-goldens.py [--check]   (HELM=/path/to/helm, default ~/.cache/gitops-oracles/bin/helm)
Outputs: src/test/resources/sprig/expected/<case>.out (rendered bytes) or <case>.err (Go's error message)."""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.join(HERE, '..', '..', '..', '..', 'gitops-api', 'src', 'test', 'oracle', 'record-template-goldens.py')

if __name__ == '__main__':
    env = dict(os.environ, CASES_DIR=os.path.join(HERE, '..', 'resources', 'sprig'))
    os.execve(sys.executable, [sys.executable, RECORDER] + sys.argv[1:], env)
