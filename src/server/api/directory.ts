/** GP Connect Foundations for the directory (R13–R18): organisations, their capability, practitioners and locations, each at its own GP system. */
import {
  CapabilitySchema,
  LocationSchema,
  OrganisationReadSchema,
  OrganisationSearchSchema,
  PractitionerReadSchema,
  PractitionerSearchSchema,
  type Capability,
  type LocationRead,
  type OrganisationRead,
  type OrganisationSearch,
  type PractitionerRead,
  type PractitionerSearch,
} from '../../shared/api';
import {
  AtPracticeQuery,
  LogicalIdParams,
  NoQuery,
  OdsCodeParams,
  OrganisationReadParams,
  OrganisationSearchQuery,
  PractitionerSearchQuery,
} from '../../shared/apiInput';
import { requestContext } from '../appEnv';
import { readCapability, readLocation, readOrganisation, readPractitioner, searchOrganisations, searchPractitioners } from '../flows/foundations';
import type { Services } from '../services';
import type { Guard } from './guard';
import { GP_CONNECT_PROBLEMS } from './problems';
import { ApiArea } from './route';

const directory = (audit: string): Guard => ({ access: 'role', audit, permission: 'directory:read', spine: true });
const retrievedAt = () => new Date().toISOString();

export function directoryApi(services: Services): ApiArea {
  return new ApiArea('directory', services)
    .route({
      method: 'get',
      path: '/organisations',
      summary: 'Organisations with an ODS code, at its own GP system',
      description: '`gpConnect: false` when SDS has no GP Connect server for the code (R15).',
      guard: directory('organisation.search'),
      query: OrganisationSearchQuery,
      response: { status: 200, description: 'None, one or several organisations', schema: OrganisationSearchSchema },
      problems: GP_CONNECT_PROBLEMS,
      handler: async (c, { query }) => {
        const ctx = requestContext(c);
        const result = await searchOrganisations(services, ctx, query.odsCode);
        return c.json<OrganisationSearch>({ ...result, retrievedAt: retrievedAt(), trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/organisations/{odsCode}/capability',
      summary: "The provider's CapabilityStatement",
      description: 'GP Connect version, supplier, resources and operations; cached (R18).',
      guard: directory('organisation.capability'),
      params: OdsCodeParams,
      query: NoQuery,
      response: { status: 200, description: 'What the GP system offers', schema: CapabilitySchema },
      problems: GP_CONNECT_PROBLEMS,
      handler: async (c, { params }) => {
        const ctx = requestContext(c);
        const capability = await readCapability(services, ctx, params.odsCode);
        return c.json<Capability>({ ...capability, trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/organisations/{odsCode}/by-id/{id}',
      summary: 'Read an organisation at the GP system of an ODS code',
      guard: directory('organisation.read'),
      params: OrganisationReadParams,
      query: NoQuery,
      response: { status: 200, description: 'The organisation', schema: OrganisationReadSchema },
      problems: GP_CONNECT_PROBLEMS,
      handler: async (c, { params }) => {
        const ctx = requestContext(c);
        const organisation = await readOrganisation(services, ctx, params.odsCode, params.id);
        return c.json<OrganisationRead>({ odsCode: params.odsCode, organisation, retrievedAt: retrievedAt(), trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/practitioners',
      summary: 'Practitioners with an SDS user ID at a practice',
      description: 'R14.',
      guard: directory('practitioner.search'),
      query: PractitionerSearchQuery,
      response: { status: 200, description: 'None, one or several practitioners', schema: PractitionerSearchSchema },
      problems: GP_CONNECT_PROBLEMS,
      handler: async (c, { query }) => {
        const ctx = requestContext(c);
        const practitioners = await searchPractitioners(services, ctx, query.sdsUserId, query.odsCode);
        return c.json<PractitionerSearch>({
          sdsUserId: query.sdsUserId,
          odsCode: query.odsCode,
          practitioners,
          retrievedAt: retrievedAt(),
          trace: ctx.trace.entries,
        });
      },
    })
    .route({
      method: 'get',
      path: '/practitioners/{id}',
      summary: 'Read a practitioner at a practice',
      guard: directory('practitioner.read'),
      params: LogicalIdParams,
      query: AtPracticeQuery,
      response: { status: 200, description: 'The practitioner', schema: PractitionerReadSchema },
      problems: GP_CONNECT_PROBLEMS,
      handler: async (c, { params, query }) => {
        const ctx = requestContext(c);
        const practitioner = await readPractitioner(services, ctx, query.odsCode, params.id);
        return c.json<PractitionerRead>({ odsCode: query.odsCode, practitioner, retrievedAt: retrievedAt(), trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/locations/{id}',
      summary: 'Read a location at a practice',
      guard: directory('location.read'),
      params: LogicalIdParams,
      query: AtPracticeQuery,
      response: { status: 200, description: 'The location', schema: LocationSchema },
      problems: GP_CONNECT_PROBLEMS,
      handler: async (c, { params, query }) => {
        const ctx = requestContext(c);
        const location = await readLocation(services, ctx, query.odsCode, params.id);
        return c.json<LocationRead>({ odsCode: query.odsCode, location, retrievedAt: retrievedAt(), trace: ctx.trace.entries });
      },
    });
}
