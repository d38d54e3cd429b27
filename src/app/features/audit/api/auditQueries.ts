/** The audit trail, a page at a time, newest first (R26). */
import { infiniteQueryOptions } from '@tanstack/react-query';
import { AuditPageSchema, type AuditQuery } from '../../../../shared/api';
import { apiGet } from '../../../lib/api';

export type AuditFilters = Omit<AuditQuery, 'before'>;

export const auditKeys = {
  all: ['audit'] as const,
  search: (filters: AuditFilters) => [...auditKeys.all, filters.nhsNumber ?? '', filters.user ?? '', filters.from ?? '', filters.to ?? ''] as const,
};

/** The filters as a query string (also the CSV export's). */
export function auditParams(filters: AuditFilters, before?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, before })) if (value) params.set(key, value);
  return params;
}

export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.search(filters),
    queryFn: ({ pageParam, signal }) => {
      const params = auditParams(filters, pageParam);
      return apiGet(`/api/audit${params.size ? `?${params}` : ''}`, AuditPageSchema, signal);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next,
    // Always asked afresh: the trail grows with every request.
    staleTime: 0,
    gcTime: 0,
  });
