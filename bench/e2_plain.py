"""E2 in code-parity mode as a plain per-step loop: one chain at a time, one agent at a time.

Two styles:
  lean      rules (1)-(5) of the simulate issue written directly: per step, each observation's action and
            weak-optimality are computed once (sums in index order, as HerdScope), plus the herding test;
  notebook  the structure of the authors' herding.ipynb: T() loops over states and observations and re-evaluates
            u_a' diag(B_o) P' pi >= u_b' diag(B_o) P' pi with NumPy matrix products for every (x, o) pair; no
            herding test (the notebook has none).
Runs the chains of the sequences file in [run][prior][state] order, only every STRIDE-th chain (the bench runs a
subset and scales), and prints one JSON line with the CPU time of the loop and the SHA-256 of the int8 actions of the
chains it ran (in that order), so the bench can check them against HerdScope's on the same chains.
usage: e2_plain.py lean|notebook MODEL.json SEQUENCES.jsonl [STRIDE]
"""
import hashlib
import json
import sys
import time

import numpy as np

from e2_common import load_model, load_sequences


def action_for(U, B, q, total, y):
    eta = B[:, y] * q / total
    scores = np.array([sum_in_order(U[:, a] * eta) for a in range(U.shape[1])])
    return int(np.argmax(scores))


def sum_in_order(v):
    s = 0.0
    for value in v:
        s += value
    return s


def chain(B, U, P, pi, observations):
    X, Y = B.shape
    A = U.shape[1]
    actions = []
    herd_step = 0
    for k, y_obs in enumerate(observations):
        q = pi.copy() if P is None else np.array([sum_in_order(P[:, j] * pi) for j in range(X)])
        total = sum_in_order(q)
        acts = {action_for(U, B, q, total, y) for y in range(Y) if sum_in_order(B[:, y] * q) > 0}
        if herd_step == 0 and len(acts) <= 1:
            herd_step = k + 1
        a = action_for(U, B, q, total, int(y_obs))
        actions.append(a)
        R = np.ones(X)
        for y in range(Y):
            v = B[:, y] * q
            scores = [sum_in_order(U[:, b] * v) for b in range(A)]
            if all(scores[a] >= s for s in scores):
                R = R + B[:, y]
        unnorm = R * q
        pi = unnorm / sum_in_order(unnorm)
    return actions, herd_step


def notebook_chain(B, U, P, pi, observations):
    X, Y = B.shape
    A = U.shape[1]
    PT = (np.eye(X) if P is None else P).T

    def p_a_public_belief(a, o, belief):
        flag = True
        obs_prob = np.diag(B[:, o])
        for a_ in range(A):
            flag = flag and U[:, a].T @ obs_prob @ PT @ belief >= U[:, a_].T @ obs_prob @ PT @ belief
        return flag

    def T(belief, a):
        R_a_pi = np.identity(X)
        for x in range(X):
            for o in range(Y):
                R_a_pi[x, x] += p_a_public_belief(a, o, belief) * B[x, o]
        return R_a_pi @ PT @ belief

    actions = []
    for y_obs in observations:
        private = np.diag(B[:, int(y_obs)]) @ PT @ pi
        private = private / np.sum(PT @ pi)
        a = int(np.argmax(U.T @ private))
        actions.append(a)
        pi = T(pi, a)
        pi = pi / np.sum(pi)
    return actions, 0


def main():
    style = sys.argv.pop(1)
    if style not in ("lean", "notebook"):
        sys.exit("usage: e2_plain.py lean|notebook MODEL.json SEQUENCES.jsonl [STRIDE]")
    run_chain = chain if style == "lean" else notebook_chain
    model_path, seq_path = sys.argv[1], sys.argv[2]
    stride = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    B, U, P, anchor = load_model(model_path)
    header, obs = load_sequences(seq_path)
    R_, G, S, N = obs.shape
    X = B.shape[0]
    grid, states = header["prior_grid"], header["true_states"]
    picked = [c for c in range(R_ * G * S) if c % stride == 0]
    all_actions = []
    with np.errstate(all="ignore"):
        t0, c0 = time.perf_counter(), time.process_time()
        for c in picked:
            run, g, s = c // (G * S), (c // S) % G, c % S
            pi = np.zeros(X)
            pi[anchor] = grid[g]
            pi[states[s]] = 1 - grid[g]
            actions, _ = run_chain(B, U, P, pi, obs[run, g, s])
            all_actions.extend(actions)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds": cpu,
        "style": style,
        "stride": stride,
        "chains": len(picked),
        "agent_steps": len(picked) * N,
        "actions_sha256": hashlib.sha256(np.array(all_actions, dtype=np.int8).tobytes()).hexdigest(),
    }))


if __name__ == "__main__":
    main()
