import practices from './practices.json';
import patients from './patients.json';
import meakin from './records/9658218873.json';
import rumble from './records/9658219691.json';
import bisset from './records/9658220290.json';
import large from './records/large-2mb.json';
import type { WorldPatient, WorldPractice, WorldRecord } from './types';

export type { WorldPatient, WorldPractice, WorldRecord, Row } from './types';

const records: Record<string, WorldRecord> = {
  '9658218873': meakin as WorldRecord,
  '9658219691': rumble as WorldRecord,
  '9658220290': bisset as WorldRecord,
  'large-2mb': large as WorldRecord,
};

/** The simulated Spine's fixed world: practices, patients and their GP records. */
export const world = {
  practices: practices as WorldPractice[],
  patients: patients as WorldPatient[],
  practice(odsCode: string): WorldPractice | undefined {
    return this.practices.find((p) => p.odsCode === odsCode);
  },
  patient(nhsNumber: string): WorldPatient | undefined {
    return this.patients.find((p) => p.nhsNumber === nhsNumber);
  },
  record(name: string | undefined): WorldRecord {
    return (name && records[name]) || {};
  },
};

export type World = typeof world;

/** A date `days` before `now`, as YYYY-MM-DD (UTC). Keeps time-relative scenarios (28-day rule) true on any day. */
export function daysAgo(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
