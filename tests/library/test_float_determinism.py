"""The index's hubness of each chunk comes out bit for bit the same whatever BLAS kernel and
thread count compute them.

Why: the win counts and the dense ranks turn these numbers into discrete choices (a case
in a query's top three or not, rank 6 or 7), and a float32 matrix product's last bits
depend on the kernel and the thread count. A near-tie of 3e-7 in the win counts moved
``search --json`` scores between the CI machine and a developer's (tests/test_golden.py).
Each run here is a fresh process, the only way to give OpenBLAS another kernel or thread
count; on a BLAS that ignores these variables the runs agree trivially.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

PROBE = r"""
import hashlib
import numpy as np
from facilitator.library.shipped import PATH
from facilitator.library.tables import _hubness
data = np.load(PATH, allow_pickle=False)
matrix = np.ascontiguousarray(data["vectors"], dtype=np.float32)
shas = [f"{i:064x}" for i in range(len(matrix))]
row_case = np.arange(len(matrix)) // 6
hub = _hubness(matrix, row_case, shas, None, None)
print(hashlib.sha256(hub.tobytes()).hexdigest())
"""

SETTINGS = [{}, {"OPENBLAS_NUM_THREADS": "1"}, {"OPENBLAS_NUM_THREADS": "3"},
            {"OPENBLAS_CORETYPE": "Prescott"}, {"OPENBLAS_CORETYPE": "Sandybridge"}]


def _digest(extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENBLAS_", "OMP_"))}
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          env={**env, **extra}, cwd=REPO, check=True)
    return proc.stdout.strip()


def test_hubness_does_not_depend_on_the_blas_kernel_or_thread_count() -> None:
    digests = {str(extra): _digest(extra) for extra in SETTINGS}
    assert len(set(digests.values())) == 1, digests
