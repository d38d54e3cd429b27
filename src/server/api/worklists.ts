/**
 * Worklists from a batch trace (R36). The file is read in the page and stays there; the BFF only
 * audits that it was loaded (who, the file's name, how many rows), and keeps no row of it.
 */
import { WorklistLoadedSchema, type WorklistLoaded } from '../../shared/api';
import { NoQuery, WorklistLoadSchema } from '../../shared/apiInput';
import type { Services } from '../services';
import { ApiArea } from './route';

export function worklistsApi(services: Services): ApiArea {
  return new ApiArea('worklists', services).route({
    method: 'post',
    path: '/worklists',
    summary: 'Record that a worklist was loaded',
    description:
      'Audits a worklist loaded from a file: its name, its rows and the rows refused. The rows stay in the page: each patient is traced on PDS afresh when opened (R36).',
    guard: { access: 'role', audit: 'worklist.load', permission: 'patient:search', spine: false },
    query: NoQuery,
    body: { schema: WorklistLoadSchema, name: 'worklistLoad', maxBytes: 2 * 1024 },
    response: { status: 201, description: 'Recorded', schema: WorklistLoadedSchema },
    handler: async (c, { body }) => {
      c.set('auditDetails', { fileName: body.fileName, rows: body.rows, rejectedRows: body.rejectedRows });
      return c.json<WorklistLoaded>({ loadedAt: new Date().toISOString(), rows: body.rows }, 201);
    },
  });
}
