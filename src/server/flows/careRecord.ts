/**
 * Get one Access Record HTML section (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section): trace (cached), gates (R2–R5),
 * SDS routing, `$gpc.getcarerecord` through the SSP, then the section's HTML sanitised (R22).
 */
import { z } from 'zod';
import type { CareRecord } from '../../shared/api';
import { SECTIONS, type SectionCode } from '../../shared/sections';
import { AppError } from '../problem';
import type { RequestContext } from '../context';
import { sanitiseProviderHtml } from '../html/sanitise';
import type { Services } from '../services';
import { assertRecordAllowed } from './gates';
import { assertIdentityConfirmed } from './identity';
import { routeFor } from './routing';
import { tracePatient } from './tracePatient';
import { structuredRouteFor } from './structuredRecord';
import { GETCARERECORD_INTERACTION } from '../spine/gpConnect';

export { GETCARERECORD_INTERACTION };

const CareRecordBundle = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: z.looseObject({ resourceType: z.string() }) })).min(1),
});
const CompositionSchema = z.looseObject({
  resourceType: z.literal('Composition'),
  section: z
    .array(
      z.object({
        title: z.string().optional(),
        code: z.object({ coding: z.array(z.object({ code: z.string() })) }).optional(),
        text: z.object({ div: z.string() }),
      }),
    )
    .length(1),
});
const OrganizationSchema = z.looseObject({ resourceType: z.literal('Organization'), name: z.string().optional() });

export interface CareRecordRequest {
  nhsNumber: string;
  section: SectionCode;
  from?: string;
  to?: string;
  /** The fingerprint of the identity check the user confirmed (R7), when PDS and the practice differ. */
  confirm?: string;
}

/** R19: SUM, ALL and IMM take no date range. */
export function assertDateRangeAllowed(section: SectionCode, range: { from?: string; to?: string }): void {
  if ((range.from || range.to) && !SECTIONS[section].acceptsDateRange) {
    throw new AppError('DATE_RANGE_NOT_ALLOWED', { detail: `${SECTIONS[section].title} cannot be filtered by date.` });
  }
}

/** A practice without the HTML interaction that offers the structured record says so, never "no GP Connect" (R31). */
async function unlessStructuredOffered(services: Services, ctx: RequestContext, odsCode: string, reason: unknown): Promise<unknown> {
  if (!(reason instanceof AppError) || reason.code !== 'PRACTICE_NOT_GP_CONNECT') return reason;
  try {
    await structuredRouteFor(services, ctx, odsCode);
  } catch {
    return reason;
  }
  return new AppError('HTML_NOT_OFFERED', { detail: `Practice ${odsCode} offers the structured record, not its HTML pages.` });
}

export async function getCareRecord(services: Services, ctx: RequestContext, request: CareRecordRequest): Promise<Omit<CareRecord, 'trace'>> {
  assertDateRangeAllowed(request.section, request);
  const patient = await tracePatient(services, ctx, request.nhsNumber);
  const gates = assertRecordAllowed(patient);
  const odsCode = patient.practiceOdsCode!;
  // R7: nothing is read until the practice's record of the patient matches PDS, or the user has confirmed what differs.
  // Both at once; a practice without a record service in SDS (R11) is the answer before any identity question.
  const [identityResult, routeResult] = await Promise.allSettled([
    assertIdentityConfirmed(services, ctx, patient, request.confirm),
    routeFor(services, ctx, odsCode, GETCARERECORD_INTERACTION),
  ]);
  if (routeResult.status === 'rejected') throw await unlessStructuredOffered(services, ctx, odsCode, routeResult.reason);
  if (identityResult.status === 'rejected') throw identityResult.reason;
  const [identity, route] = [identityResult.value, routeResult.value];

  const parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: patient.nhsNumber } },
      {
        name: 'recordSection',
        valueCodeableConcept: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1', code: request.section }] },
      },
      ...(request.from || request.to
        ? [{ name: 'timePeriod', valuePeriod: { ...(request.from ? { start: request.from } : {}), ...(request.to ? { end: request.to } : {}) } }]
        : []),
    ],
  };
  const body = await services.spine.gpConnect.call(
    {
      version: { fhir: 'DSTU2', requestedRecord: { kind: 'patient', nhsNumber: patient.nhsNumber }, scope: 'patient/*.read' },
      route,
      interactionId: GETCARERECORD_INTERACTION,
      label: `getcarerecord ${request.section}`,
      method: 'POST',
      path: '/Patient/$gpc.getcarerecord',
      body: parameters,
      read: true,
    },
    ctx,
  );

  const bundle = CareRecordBundle.safeParse(body);
  // The Composition comes first (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section).
  const composition = bundle.success ? CompositionSchema.safeParse(bundle.data.entry[0].resource) : undefined;
  if (!bundle.success || !composition?.success) {
    throw new AppError('UPSTREAM_MALFORMED', {
      step: 'provider',
      upstreamStatus: 200,
      detail: 'The GP system answered with a care record that could not be read (no Composition with one section)',
    });
  }
  const section = composition.data.section[0];
  const returnedCode = section.code?.coding[0]?.code;
  if (returnedCode && returnedCode !== request.section) {
    throw new AppError('UPSTREAM_MALFORMED', { step: 'provider', detail: `Asked for section ${request.section}, the GP system returned ${returnedCode}` });
  }
  const organisation = bundle.data.entry.map((e) => OrganizationSchema.safeParse(e.resource)).find((r) => r.success);
  const sanitised = sanitiseProviderHtml(section.text.div);
  if (sanitised.removedElements > 0 || sanitised.removedAttributes > 0) {
    // R22: what the sanitiser removed is logged (no patient data: counts and element names only).
    services.logger.info({
      event: 'provider-html-sanitised',
      section: request.section,
      practice: odsCode,
      removedElements: sanitised.removedElements,
      removedAttributes: sanitised.removedAttributes,
      removedTags: sanitised.removedTags,
      unterminated: sanitised.unterminated,
    });
  }
  const warnings = gates.map((g) => g.message);
  return {
    nhsNumber: patient.nhsNumber,
    section: request.section,
    title: section.title ?? SECTIONS[request.section].title,
    html: sanitised.html,
    retrievedAt: new Date().toISOString(),
    dateRange: request.from || request.to ? { from: request.from, to: request.to } : undefined,
    provider: { odsCode, name: organisation?.success ? organisation.data.name : undefined },
    sanitiser: { removedElements: sanitised.removedElements, removedAttributes: sanitised.removedAttributes, unterminated: sanitised.unterminated },
    warnings,
    identity,
  };
}
