"""E2 in code-parity mode, vectorised with NumPy over all chains at once per agent step (the bench reference).

Rules (1)-(5) of the simulate issue, with the same floating-point operations in the same order as HerdScope
(sums over states accumulated in index order from 0, R accumulated from 1 in observation order), so the actions
are bit-identical and their SHA-256 can be compared. Prints one JSON line; cpu_seconds covers the loop only.
usage: e2_numpy.py MODEL.json SEQUENCES.jsonl
"""
import hashlib
import json
import sys
import time

import numpy as np

from e2_common import load_model, load_sequences


def simulate(B, U, P, anchor, grid, states, obs):
    R_, G, S, N = obs.shape
    X, Y = B.shape
    C = R_ * G * S
    flat_obs = obs.reshape(C, N)
    pi = np.zeros((R_, G, S, X))
    for g, p in enumerate(grid):
        for s, x in enumerate(states):
            pi[:, g, s, anchor] = p          # rule (1): assignment, so x* = anchor keeps 1 - p only
            pi[:, g, s, x] = 1 - p
    pi = pi.reshape(C, X)
    actions = np.zeros((C, N), dtype=np.int8)
    herd_step = np.zeros(C, dtype=np.int64)
    rows = np.arange(C)
    for k in range(N):
        if P is None:
            q = pi
        else:
            q = np.zeros((C, X))
            for j in range(X):
                acc = np.zeros(C)
                for i in range(X):
                    acc = acc + P[i, j] * pi[:, i]
                q[:, j] = acc
        total = np.zeros(C)
        for x in range(X):
            total = total + q[:, x]
        V = B.T[None, :, :] * q[:, None, :]              # V[c, y, x] = B[x, y] q[c, x]
        eta = V / total[:, None, None]
        score_eta = np.zeros((C, Y, U.shape[1]))
        score_v = np.zeros((C, Y, U.shape[1]))
        mass = np.zeros((C, Y))
        for x in range(X):
            score_eta = score_eta + U[x][None, None, :] * eta[:, :, x, None]
            score_v = score_v + U[x][None, None, :] * V[:, :, x, None]
            mass = mass + V[:, :, x]
        act_y = np.argmax(score_eta, axis=2)              # rule (2): NumPy argmax, a NaN wins
        reachable = mass > 0                              # rule (5)
        lo = np.where(reachable, act_y, 1 << 20).min(axis=1)
        hi = np.where(reachable, act_y, -1).max(axis=1)
        herding = (lo == hi) | ~reachable.any(axis=1)
        newly = herding & (herd_step == 0)
        herd_step[newly] = k + 1
        a = act_y[rows, flat_obs[:, k]]
        actions[:, k] = a
        weak = score_v >= score_v.max(axis=2, keepdims=True)   # rule (3): ties count, NaN makes nothing optimal
        weak_a = weak[rows, :, a]                               # (C, Y)
        R = np.ones((C, X))
        for y in range(Y):
            R = R + np.where(weak_a[:, y, None], B[None, :, y], 0.0)
        unnorm = R * q                                          # rule (4)
        sigma = np.zeros(C)
        for x in range(X):
            sigma = sigma + unnorm[:, x]
        pi = unnorm / sigma[:, None]
    return actions, herd_step


def main():
    model_path, seq_path = sys.argv[1], sys.argv[2]
    B, U, P, anchor = load_model(model_path)
    header, obs = load_sequences(seq_path)
    with np.errstate(all="ignore"):
        t0, c0 = time.perf_counter(), time.process_time()
        actions, herd_step = simulate(B, U, P, anchor, header["prior_grid"], header["true_states"], obs)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds": cpu,
        "agent_steps": int(actions.size),
        "herded_chains": int((herd_step > 0).sum()),
        "actions_sha256": hashlib.sha256(actions.tobytes()).hexdigest(),
        "obs_sha256": hashlib.sha256(obs.tobytes()).hexdigest(),
    }))


if __name__ == "__main__":
    main()
