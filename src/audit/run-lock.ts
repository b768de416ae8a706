// Liveness of a running run: the process running it keeps <run>/run.lock fresh (pid, host, heartbeat); a reader that
// finds a run 'running' whose lock is missing, stale or held by a dead process reports it 'interrupted' (resumable).
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'run.lock';
export const HEARTBEAT_MS = 5_000;
/** A heartbeat older than this means the process is gone (or hung) even where its pid cannot be checked. */
export const STALE_MS = 30_000;

export interface RunLock {
  pid: number;
  host: string;
  heartbeatAt: string;
}

export function writeLock(runDir: string): Promise<void> {
  const lock: RunLock = { pid: process.pid, host: os.hostname(), heartbeatAt: new Date().toISOString() };
  return writeFile(path.join(runDir, LOCK_FILE), `${JSON.stringify(lock)}\n`, 'utf8');
}

export function removeLock(runDir: string): Promise<void> {
  return rm(path.join(runDir, LOCK_FILE), { force: true });
}

/** True when a live process holds the run: its lock is fresh and, on this host, its pid exists. */
export async function lockIsLive(runDir: string, now = Date.now()): Promise<boolean> {
  let lock: RunLock;
  try {
    lock = JSON.parse(await readFile(path.join(runDir, LOCK_FILE), 'utf8')) as RunLock;
  } catch {
    return false;
  }
  if (typeof lock.pid !== 'number' || typeof lock.heartbeatAt !== 'string') return false;
  if (lock.host === os.hostname() && !processExists(lock.pid)) return false;
  const age = now - Date.parse(lock.heartbeatAt);
  return Number.isFinite(age) && age < STALE_MS;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
