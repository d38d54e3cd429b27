import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { PatientSearchRequestSchema, type PatientMatch, type PatientSearchRequest, type PatientSearchResult } from '../../../../shared/api';
import { formatClinicalDate } from '../../../../shared/dates';
import { formatNhsNumber } from '../../../../shared/nhsNumber';
import { checkDateParts, DateInput, NO_DATE, type DateParts } from '../../../components/DateInput';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { GENDER_LABELS, GenderSelect } from '../../../components/GenderSelect';
import { ProblemView } from '../../../components/ProblemView';
import { TextField } from '../../../components/TextField';
import { ApiProblem, problemOf } from '../../../lib/api';
import { searchPatients } from '../api/searchQueries';

interface FormValues {
  family: string;
  given: string;
  birthDate: DateParts;
  gender: string;
  postcode: string;
  fuzzy: boolean;
}

type Field = keyof FormValues;
const FIELDS: Field[] = ['family', 'given', 'birthDate', 'gender', 'postcode', 'fuzzy'];

/** The BFF's field errors that belong to a field of this form; anything else is shown as the problem itself. */
function fieldErrors(error: unknown): Partial<Record<Field, string>> | undefined {
  if (!(error instanceof ApiProblem) || !error.problem.fields) return undefined;
  const known = Object.entries(error.problem.fields).filter(([field]) => (FIELDS as string[]).includes(field));
  return known.length > 0 ? Object.fromEntries(known) : undefined;
}

function nameOf(match: PatientMatch): string {
  if (!match.name) return 'Name not given';
  return `${match.name.family.toUpperCase()}, ${match.name.given.join(' ')}${match.name.prefix ? ` (${match.name.prefix})` : ''}`;
}

/** What to change when PDS found too many or no one: never "this patient does not exist" (R32). */
function Outcome({ result, request }: { result: PatientSearchResult; request: PatientSearchRequest }) {
  if (result.outcome === 'too-many') {
    return (
      <div className="nhsuk-inset-text" data-testid="search-too-many">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <h2>More than {result.maxResults} people match</h2>
        <p>PDS found too many people with these details to list. Add what you know to narrow the search:</p>
        <ul>
          {!request.given && <li>the given name</li>}
          {!request.gender && <li>the gender</li>}
          {!request.postcode && <li>the postcode</li>}
          {request.family.includes('*') && <li>the whole family name, without a * at the end</li>}
        </ul>
      </div>
    );
  }
  if (result.outcome === 'none') {
    return (
      <div className="nhsuk-inset-text" data-testid="search-none">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <h2>No one on PDS matches these details</h2>
        <p>This does not mean the patient does not exist. PDS needs the details as it holds them. Try:</p>
        <ul>
          <li>checking the spelling and the date of birth</li>
          {request.postcode && <li>leaving out the postcode (the patient may have moved)</li>}
          {request.given && <li>{result.fuzzy ? 'leaving out the given name' : 'leaving out the given name, or only its first letters followed by *'}</li>}
          {!result.fuzzy && <li>including similar-sounding names{request.given ? '' : ' (with the given name)'}</li>}
          <li>searching by NHS number, if you have it</li>
        </ul>
      </div>
    );
  }
  return (
    <>
      <h2>
        {result.matches.length} {result.matches.length === 1 ? 'person matches' : 'people match'}
      </h2>
      <p>Best match first. Choose a patient to trace them on PDS and open their record.</p>
      <table className="nhsuk-table" data-testid="search-results">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Patients matching the search, best match first</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Gender</th>
            <th scope="col">NHS number</th>
            <th scope="col">Address</th>
            <th scope="col">Practice</th>
            <th scope="col">Match</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {result.matches.map((m) => (
            <tr key={m.nhsNumber} data-testid={`match-${m.nhsNumber}`}>
              <td>
                <Link to={`/patients/${m.nhsNumber}`}>{nameOf(m)}</Link>
                {m.restricted && <strong className="nhsuk-tag nhsuk-tag--grey search__tag">Restricted record</strong>}
                {m.deceasedDate && <strong className="nhsuk-tag nhsuk-tag--grey search__tag">Died {formatClinicalDate(m.deceasedDate)}</strong>}
              </td>
              <td>{m.birthDate ? formatClinicalDate(m.birthDate) : 'Not given'}</td>
              <td>{m.gender ? GENDER_LABELS[m.gender] : 'Not given'}</td>
              <td>{formatNhsNumber(m.nhsNumber)}</td>
              {/* R4: a restricted patient's address and practice are not shown. */}
              <td>
                {m.restricted ? 'Not shown' : m.address ? [...m.address.line, m.address.city, m.address.postalCode].filter(Boolean).join(', ') : 'Not given'}
              </td>
              <td>{m.restricted ? 'Not shown' : (m.practiceOdsCode ?? 'None on PDS')}</td>
              <td>{m.score >= 1 ? 'Exact' : `Partial (${Math.round(m.score * 100)}%)`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Find a patient by their details on PDS (R32): family name and date of birth (PDS needs both),
 * given name, gender and postcode if known, similar-sounding names if asked. Choosing a result
 * traces that NHS number as the NHS number search does, so every check applies.
 */
export function FindByDetailsPage() {
  const [values, setValues] = useState<FormValues>({ family: '', given: '', birthDate: NO_DATE, gender: '', postcode: '', fuzzy: false });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [asked, setAsked] = useState<PatientSearchRequest | null>(null);
  const search = useMutation({
    mutationFn: searchPatients,
    onError: (error) => {
      const fields = fieldErrors(error);
      if (fields) setErrors(fields);
    },
  });
  const set = (field: Field, value: string | boolean | DateParts) => setValues((v) => ({ ...v, [field]: value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const birthDate = checkDateParts(values.birthDate, 'date of birth', { required: true, example: '12 5 1970' });
    const request = {
      family: values.family,
      given: values.given || undefined,
      birthDate: birthDate.valid ? birthDate.value : undefined,
      gender: values.gender || undefined,
      postcode: values.postcode || undefined,
      fuzzy: values.fuzzy || undefined,
    };
    const parsed = PatientSearchRequestSchema.safeParse(request);
    if (!parsed.success || !birthDate.valid) {
      const next: Partial<Record<Field, string>> = {};
      if (!birthDate.valid) next.birthDate = birthDate.reason;
      for (const issue of parsed.success ? [] : parsed.error.issues) next[(issue.path[0] as Field) ?? 'family'] ??= issue.message;
      setErrors(next);
      search.reset();
      return;
    }
    setErrors({});
    setAsked(parsed.data);
    search.mutate(parsed.data);
  }

  const errorList = FIELDS.filter((f) => errors[f]).map((f) => ({ href: `#details-${f}`, message: errors[f]! }));
  return (
    <div className="find-by-details">
      <ErrorSummary id="details-error" errors={errorList} />
      <h1>Find a patient by their details</h1>
      <p>
        Searches PDS, the national register. A family name and a date of birth are needed. Or <Link to="/">search by NHS number</Link>.
      </p>
      <form onSubmit={onSubmit} noValidate data-testid="details-form">
        <TextField
          id="details-family"
          name="family"
          label="Family name"
          hint="A * at the end finds names that start with what you type, for example Smi*"
          error={errors.family}
          width={20}
          autoComplete="off"
          spellCheck={false}
          value={values.family}
          onChange={(v) => set('family', v)}
        />
        <TextField
          id="details-given"
          name="given"
          label="Given name (optional)"
          error={errors.given}
          width={20}
          autoComplete="off"
          spellCheck={false}
          value={values.given}
          onChange={(v) => set('given', v)}
        />
        <DateInput
          id="details-birthDate"
          legend="Date of birth"
          hint="For example 12 5 1970"
          error={errors.birthDate}
          value={values.birthDate}
          onChange={(v) => set('birthDate', v)}
        />
        <GenderSelect
          id="details-gender"
          label="Gender (optional)"
          noneLabel="Any"
          error={errors.gender}
          value={values.gender}
          onChange={(v) => set('gender', v)}
        />
        <TextField
          id="details-postcode"
          name="postcode"
          label="Postcode (optional)"
          hint="Patients with a restricted record are not found by postcode"
          error={errors.postcode}
          width={10}
          autoComplete="off"
          value={values.postcode}
          onChange={(v) => set('postcode', v)}
        />
        <div className={`nhsuk-form-group${errors.fuzzy ? ' nhsuk-form-group--error' : ''}`}>
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="details-fuzzy"
                name="fuzzy"
                type="checkbox"
                checked={values.fuzzy}
                onChange={(e) => set('fuzzy', e.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="details-fuzzy">
                Include similar-sounding names (for example Smith and Smyth)
              </label>
            </div>
          </div>
        </div>
        <button className="nhsuk-button" type="submit" disabled={search.isPending}>
          {search.isPending ? 'Searching PDS…' : 'Search'}
        </button>
      </form>
      {search.isError && !fieldErrors(search.error) && <ProblemView problem={problemOf(search.error)} />}
      {search.isSuccess && asked && <Outcome result={search.data} request={asked} />}
    </div>
  );
}
