import { queryOptions } from '@tanstack/react-query';
import { SupportLogSchema } from '../../../../shared/api';
import { apiGet } from '../../../lib/api';

export const supportKeys = { requests: ['support', 'requests'] as const };

/** This session's last requests to the BFF; always asked afresh. */
export const supportRequestsQuery = () =>
  queryOptions({
    queryKey: supportKeys.requests,
    queryFn: ({ signal }) => apiGet('/api/support/requests', SupportLogSchema, signal),
    staleTime: 0,
    gcTime: 0,
  });
