/** The app's one database and run store. */
import { TrellisDB } from '../../storage/db';
import { createDexieRunStore } from '../../storage/runStore';

export const db = new TrellisDB();
export const runStore = createDexieRunStore(db);
