"""Shared by the E2 bench references: read the model file and a herdscope sequences file."""
import json

import numpy as np


def load_model(path):
    with open(path) as f:
        raw = json.load(f)
    B = np.array(raw["likelihood"], dtype=np.float64)
    if raw.get("utility") is not None:
        U = np.array(raw["utility"], dtype=np.float64)
    else:
        U = -np.array(raw["cost"], dtype=np.float64)
    P = np.array(raw["transition"], dtype=np.float64) if raw.get("transition") is not None else None
    anchor = (raw.get("priorFamily") or {}).get("anchor", 0)
    return B, U, P, anchor


def load_sequences(path):
    """Observations as int8 [run][prior][state][agent], plus the header."""
    with open(path) as f:
        header = json.loads(f.readline())
        R, G, N = header["runs"], header["grid"], header["agents"]
        states = header["true_states"]
        obs = np.zeros((R, G, len(states), N), dtype=np.int8)
        for line in f:
            if not line.strip():
                continue
            c = json.loads(line)
            obs[c["run"], c["prior_index"], states.index(c["true_state"])] = c["obs"]
    return header, obs
