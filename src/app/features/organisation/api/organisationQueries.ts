/** One key factory and queryOptions per organisation resource; every fetcher passes the abort signal. */
import { queryOptions } from '@tanstack/react-query';
import { CapabilitySchema, LocationSchema, OrganisationReadSchema, OrganisationSearchSchema } from '../../../../shared/api';
import { apiGet } from '../../../lib/api';

export const organisationKeys = {
  all: ['organisations'] as const,
  byOdsCode: (odsCode: string) => [...organisationKeys.all, odsCode] as const,
  search: (odsCode: string) => [...organisationKeys.byOdsCode(odsCode), 'search'] as const,
  detail: (odsCode: string, id: string) => [...organisationKeys.byOdsCode(odsCode), 'organisation', id] as const,
  capability: (odsCode: string) => [...organisationKeys.byOdsCode(odsCode), 'capability'] as const,
  location: (odsCode: string, id: string) => [...organisationKeys.byOdsCode(odsCode), 'location', id] as const,
};

const segment = encodeURIComponent;

/** R15: the organisations the ODS code's own GP system holds for that code. */
export const organisationSearchQuery = (odsCode: string) =>
  queryOptions({
    queryKey: organisationKeys.search(odsCode),
    queryFn: ({ signal }) => apiGet(`/api/organisations?${new URLSearchParams({ odsCode })}`, OrganisationSearchSchema, signal),
  });

export const organisationQuery = (odsCode: string, id: string) =>
  queryOptions({
    queryKey: organisationKeys.detail(odsCode, id),
    queryFn: ({ signal }) => apiGet(`/api/organisations/${segment(odsCode)}/by-id/${segment(id)}`, OrganisationReadSchema, signal),
  });

/** R18: the provider's CapabilityStatement, as the BFF summarises (and caches) it. */
export const capabilityQuery = (odsCode: string) =>
  queryOptions({
    queryKey: organisationKeys.capability(odsCode),
    queryFn: ({ signal }) => apiGet(`/api/organisations/${segment(odsCode)}/capability`, CapabilitySchema, signal),
  });

/** Locations can only be read by id: GP Connect Foundations has no Location search (GP Connect 1.6: foundations_use_case_read_a_location). */
export const locationQuery = (odsCode: string, id: string) =>
  queryOptions({
    queryKey: organisationKeys.location(odsCode, id),
    queryFn: ({ signal }) => apiGet(`/api/locations/${segment(id)}?${new URLSearchParams({ odsCode })}`, LocationSchema, signal),
  });
