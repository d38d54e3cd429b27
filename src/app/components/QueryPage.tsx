import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Problem, TraceEntry } from '../../shared/api';
import { checkLogicalId, checkOdsCode } from '../../shared/identifiers';
import { invalidInputProblem, problemOf } from '../lib/api';
import { FlowDiagram, type FlowStep } from './FlowDiagram';
import { ProblemView } from './ProblemView';

/** The trace of a query's answer, or of its failure. */
export function traceOf(query: UseQueryResult<{ trace: TraceEntry[] }>): TraceEntry[] | undefined {
  return query.data?.trace ?? (query.isError ? problemOf(query.error).trace : undefined);
}

/**
 * The shell of a page that reads one thing from a GP system: a way back, what is being read while
 * it is read, the problem (under the page's heading) if it failed, the answer when it came, and
 * the Spine calls it took.
 */
export function QueryPage<T extends { trace: TraceEntry[] }>({
  back,
  query,
  reading,
  failedHeading,
  steps,
  afterProblem,
  children,
}: {
  back: { to: string; text: string };
  query: UseQueryResult<T>;
  /** What the user waits for, e.g. "Reading location 1 from the GP system for A20047…". */
  reading: string;
  /** The page's heading when the read failed. */
  failedHeading: string;
  /** The flow inspector's steps (default: this query's, as one step). */
  steps: FlowStep[] | string;
  /** Where to go from the problem, under it. */
  afterProblem?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const trace = traceOf(query);
  const flow = typeof steps === 'string' ? (trace && trace.length > 0 ? [{ label: steps, trace }] : []) : steps;
  return (
    <>
      <Link className="nhsuk-back-link" to={back.to}>
        {back.text}
      </Link>
      {query.isPending && (
        <p className="nhsuk-body" role="status" data-testid="loading">
          {reading}
        </p>
      )}
      {query.isError && (
        <>
          <h1>{failedHeading}</h1>
          <ProblemView problem={problemOf(query.error)} />
          {afterProblem}
        </>
      )}
      {query.isSuccess && children(query.data)}
      {flow.length > 0 && <FlowDiagram steps={flow} />}
    </>
  );
}

/**
 * The practice's ODS code and a logical id from a page's address, checked before anything is
 * asked; when one cannot be right, the problem to show, with what to do about each.
 */
export function checkPracticeAndId(
  odsCode: string,
  id: string,
  words: { thing: string; odsAction: string; idAction: string },
): { valid: true; odsCode: string; id: string } | { valid: false; problem: Problem } {
  const ods = checkOdsCode(odsCode);
  if (!ods.valid) return { valid: false, problem: invalidInputProblem('INVALID_ODS_CODE', 'The ODS code is not valid', ods.reason, words.odsAction) };
  const logicalId = checkLogicalId(id);
  if (!logicalId.valid)
    return { valid: false, problem: invalidInputProblem('INVALID_ID', `The ${words.thing} id is not valid`, logicalId.reason, words.idAction) };
  return { valid: true, odsCode: ods.value, id: logicalId.value };
}

/** A page whose address holds something that cannot be right (a bad ODS code, a bad id): the problem, and where to go instead. */
export function InvalidAddressPage({ heading, problem, next }: { heading: string; problem: Problem; next: { to: string; text: string } }) {
  return (
    <>
      <h1>{heading}</h1>
      <ProblemView problem={problem} />
      <p>
        <Link to={next.to}>{next.text}</Link>
      </p>
    </>
  );
}
