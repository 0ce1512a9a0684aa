/**
 * Test-only: fresh Dexie databases on fake-indexeddb, closed and deleted after each test.
 * `const open = testDatabases('my-test')` in a test file, then `open()` in each test.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { TrellisDB } from './db';

export function testDatabases(prefix: string): (name?: string) => TrellisDB {
  const opened: TrellisDB[] = [];
  const names = new Set<string>();
  let counter = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) db.close();
    for (const name of names) await new TrellisDB({ name, indexedDB, IDBKeyRange }).delete();
    names.clear();
  });
  return (name = `${prefix}-${++counter}`) => {
    const db = new TrellisDB({ name, indexedDB, IDBKeyRange });
    opened.push(db);
    names.add(name);
    return db;
  };
}
