import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors';

export type DataLock = { release(): void };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: two processes on one folder corrupt it. The server and the CLI
 * take this lock before opening the folder. A lock left by a killed process (dead PID) is taken over.
 */
export function acquireDataLock(dataDir: string, holder: 'server' | 'cli'): DataLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'canhgac.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }), {
        flag: 'wx',
      });
      return {
        release() {
          try {
            const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
            if (current.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid: number; holder: string } | undefined;
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        owner = undefined;
      }
      if (owner && isAlive(owner.pid) && owner.pid !== process.pid) {
        throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: owner.pid, holder: owner.holder });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: '?' });
}
