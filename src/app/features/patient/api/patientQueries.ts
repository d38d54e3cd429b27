/** One key factory and queryOptions per patient resource; every fetcher passes the abort signal. */
import { queryOptions } from '@tanstack/react-query';
import {
  GpConnectRoutingSchema,
  GpPatientSchema,
  PatientSchema,
  RecordSchema,
  RegistrationResultSchema,
  type RegistrationRequest,
} from '../../../../shared/api';
import type { SectionCode } from '../../../../shared/sections';
import { StructuredRecordSchema, type StructuredAreaCode } from '../../../../shared/structuredRecord';
import { apiGet, apiPost } from '../../../lib/api';

export interface DateRange {
  from?: string;
  to?: string;
}

export const patientKeys = {
  all: ['patients'] as const,
  detail: (nhsNumber: string) => [...patientKeys.all, nhsNumber] as const,
  gpConnect: (nhsNumber: string) => [...patientKeys.detail(nhsNumber), 'gp-connect'] as const,
  atPractice: (nhsNumber: string) => [...patientKeys.detail(nhsNumber), 'gp-patient'] as const,
  record: (nhsNumber: string, section: SectionCode, range: DateRange, confirm?: string) =>
    [...patientKeys.detail(nhsNumber), 'record', section, range.from ?? '', range.to ?? '', confirm ?? ''] as const,
  structured: (nhsNumber: string, area: StructuredAreaCode, confirm?: string) => [...patientKeys.detail(nhsNumber), 'structured', area, confirm ?? ''] as const,
};

export const patientQuery = (nhsNumber: string) =>
  queryOptions({
    queryKey: patientKeys.detail(nhsNumber),
    queryFn: ({ signal }) => apiGet(`/api/patients/${nhsNumber}`, PatientSchema, signal),
  });

/** Trace again on PDS, bypassing the BFF's trace cache (R2: the trace may be refreshed at any time). */
export function retracePatient(nhsNumber: string) {
  return apiGet(`/api/patients/${nhsNumber}?retrace=true`, PatientSchema);
}

export const gpConnectQuery = (nhsNumber: string) =>
  queryOptions({
    queryKey: patientKeys.gpConnect(nhsNumber),
    queryFn: ({ signal }) => apiGet(`/api/patients/${nhsNumber}/gp-connect`, GpConnectRoutingSchema, signal),
  });

/** `confirm`: the fingerprint of the identity check the user confirmed (R7), when the BFF asked for one. */
export const recordQuery = (nhsNumber: string, section: SectionCode, range: DateRange, confirm?: string) =>
  queryOptions({
    queryKey: patientKeys.record(nhsNumber, section, range, confirm),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams();
      if (range.from) params.set('from', range.from);
      if (range.to) params.set('to', range.to);
      if (confirm) params.set('confirm', confirm);
      const query = params.size > 0 ? `?${params}` : '';
      const record = await apiGet(`/api/patients/${nhsNumber}/record/${section}${query}`, RecordSchema, signal);
      // User Timing marks, read by `npm run bench` (time to sanitise and render a record).
      performance.mark('gpc:record-received', { detail: { section, bytes: record.html.length } });
      return record;
    },
    // The record is used in real time (R24): never served from a stale cache.
    staleTime: 0,
    gcTime: 0,
  });

/** One area of the structured record (R28), asked for whole: the page filters it. */
export const structuredQuery = (nhsNumber: string, area: StructuredAreaCode, confirm?: string) =>
  queryOptions({
    queryKey: patientKeys.structured(nhsNumber, area, confirm),
    queryFn: async ({ signal }) => {
      const record = await apiGet(`/api/patients/${nhsNumber}/structured/${area}${confirm ? `?confirm=${confirm}` : ''}`, StructuredRecordSchema, signal);
      performance.mark('gpc:structured-received', { detail: { area } });
      return record;
    },
    // Used in real time (R24), as the HTML record is.
    staleTime: 0,
    gcTime: 0,
    // Never merged into an earlier answer: a large area (thousands of items) would be compared item by item for nothing.
    structuralSharing: false,
  });

/** The patient as their practice holds them, with the R7 demographic cross-check. */
export const gpPatientQuery = (nhsNumber: string) =>
  queryOptions({
    queryKey: patientKeys.atPractice(nhsNumber),
    queryFn: ({ signal }) => apiGet(`/api/patients/${nhsNumber}/gp-patient`, GpPatientSchema, signal),
  });

/** A temporary registration at another practice (R17). */
export function registerPatient(nhsNumber: string, request: RegistrationRequest) {
  return apiPost(`/api/patients/${nhsNumber}/registrations`, request, RegistrationResultSchema);
}
