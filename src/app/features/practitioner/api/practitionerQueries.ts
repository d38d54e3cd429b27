/** One key factory and queryOptions per practitioner resource; every fetcher passes the abort signal. */
import { queryOptions } from '@tanstack/react-query';
import { PractitionerReadSchema, PractitionerSearchSchema } from '../../../../shared/api';
import { apiGet } from '../../../lib/api';

export const practitionerKeys = {
  all: ['practitioners'] as const,
  search: (sdsUserId: string, odsCode: string) => [...practitionerKeys.all, 'search', odsCode, sdsUserId] as const,
  detail: (odsCode: string, id: string) => [...practitionerKeys.all, 'detail', odsCode, id] as const,
};

/** R14: practitioners with this SDS user id at the practice's own GP system. */
export const practitionerSearchQuery = (sdsUserId: string, odsCode: string) =>
  queryOptions({
    queryKey: practitionerKeys.search(sdsUserId, odsCode),
    queryFn: ({ signal }) => apiGet(`/api/practitioners?${new URLSearchParams({ sdsUserId, odsCode })}`, PractitionerSearchSchema, signal),
  });

export const practitionerQuery = (odsCode: string, id: string) =>
  queryOptions({
    queryKey: practitionerKeys.detail(odsCode, id),
    queryFn: ({ signal }) => apiGet(`/api/practitioners/${encodeURIComponent(id)}?${new URLSearchParams({ odsCode })}`, PractitionerReadSchema, signal),
  });
