import practices from './practices.json';
import patients from './patients.json';
import meakin from './records/9658218873.json';
import rumble from './records/9658219691.json';
import bisset from './records/9658220290.json';
import large from './records/large-2mb.json';
import hostile from './records/hostile.json';
import r9690123408 from './records/9690123408.json';
import r9690123475 from './records/9690123475.json';
import r9690123548 from './records/9690123548.json';
import r9690123823 from './records/9690123823.json';
import r9690124315 from './records/9690124315.json';
import r9690124455 from './records/9690124455.json';
import type { WorldPatient, WorldPractice, WorldRecord } from './types';

export type { WorldPatient, WorldPractice, WorldRecord, Row, WorldAddress, WorldLocation, WorldPractitioner } from './types';

const records: Record<string, WorldRecord> = {
  '9658218873': meakin as WorldRecord,
  '9658219691': rumble as WorldRecord,
  '9658220290': bisset as WorldRecord,
  'large-2mb': large as WorldRecord,
  hostile: hostile as WorldRecord,
  '9690123408': r9690123408 as WorldRecord,
  '9690123475': r9690123475 as WorldRecord,
  '9690123548': r9690123548 as WorldRecord,
  '9690123823': r9690123823 as unknown as WorldRecord,
  '9690124315': r9690124315 as WorldRecord,
  '9690124455': r9690124455 as WorldRecord,
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
