import { useState, type FormEvent } from 'react';
import { Link, useOutletContext } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { RegistrationRequestSchema, type RegistrationRequest } from '../../../../shared/api';
import { formatClinicalDate } from '../../../../shared/dates';
import { formatNhsNumber } from '../../../../shared/nhsNumber';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { ProblemView } from '../../../components/ProblemView';
import { ApiProblem, problemOf } from '../../../lib/api';
import { registerPatient } from '../api/patientQueries';
import type { PatientOutletContext } from './PatientPage';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { checkDateParts, DateInput, datePartsOf, type DateParts } from '../../../components/DateInput';
import { TextField } from '../../../components/TextField';
import { GenderSelect } from '../../../components/GenderSelect';

interface FormValues {
  odsCode: string;
  prefix: string;
  given: string;
  family: string;
  birthDate: DateParts;
  gender: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  postalCode: string;
  phone: string;
  email: string;
}

type Field = keyof FormValues;

const LABELS: Record<Field, string> = {
  odsCode: 'ODS code of the practice to register at',
  prefix: 'Title (optional)',
  given: 'Given name',
  family: 'Family name',
  birthDate: 'Date of birth',
  gender: 'Gender',
  addressLine1: 'Address line 1 (optional)',
  addressLine2: 'Address line 2 (optional)',
  city: 'Town or city (optional)',
  postalCode: 'Postcode (optional)',
  phone: 'Telephone (optional)',
  email: 'Email (optional)',
};

/** Schema paths (and the BFF's field names) to the form field that shows the error. */
function fieldOf(path: string): Field {
  if (path.startsWith('address.lines')) return 'addressLine1';
  if (path === 'address.city') return 'city';
  if (path === 'address.postalCode' || path === 'address') return 'postalCode';
  return (path in LABELS ? path : 'odsCode') as Field;
}

/** `birthDate`: the date input's own check, YYYY-MM-DD when it is a real date. */
function toRequest(v: FormValues, birthDate: string | undefined): unknown {
  const blank = (s: string) => (s.trim() === '' ? undefined : s);
  const lines = [v.addressLine1, v.addressLine2].filter((l) => l.trim() !== '');
  const hasAddress = lines.length > 0 || blank(v.city) || blank(v.postalCode);
  return {
    odsCode: v.odsCode,
    prefix: blank(v.prefix),
    given: v.given,
    family: v.family,
    birthDate,
    gender: blank(v.gender),
    address: hasAddress ? { lines, city: blank(v.city), postalCode: blank(v.postalCode) } : undefined,
    phone: blank(v.phone),
    email: blank(v.email),
  };
}

/** One of the form's text questions, by its field name. */
function Question({
  field,
  values,
  errors,
  onChange,
  hint,
  width,
  type,
}: {
  field: Exclude<Field, 'birthDate'>;
  values: FormValues;
  errors: Partial<Record<Field, string>>;
  onChange: (field: Field, value: string) => void;
  hint?: string;
  width?: 5 | 10 | 20;
  type?: string;
}) {
  return (
    <TextField
      id={`register-${field}`}
      name={field}
      label={LABELS[field]}
      hint={hint}
      error={errors[field]}
      width={width}
      type={type}
      value={values[field]}
      onChange={(value) => onChange(field, value)}
    />
  );
}

/**
 * Register patient (GP Connect 1.6: foundations_use_case_register_a_patient; R17): a temporary registration at another practice,
 * prefilled from PDS, validated with the shared schema before it is sent, each outcome shown.
 */
export function RegisterPatientPage() {
  const { patient } = useOutletContext<PatientOutletContext>();
  const [values, setValues] = useState<FormValues>({
    odsCode: '',
    prefix: patient.name?.prefix ?? '',
    given: patient.name?.given.join(' ') ?? '',
    family: patient.name?.family ?? '',
    birthDate: datePartsOf(patient.birthDate),
    gender: patient.gender ?? '',
    addressLine1: '',
    addressLine2: '',
    city: '',
    postalCode: '',
    phone: '',
    email: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const register = useMutation({
    mutationFn: (request: RegistrationRequest) => registerPatient(patient.nhsNumber, request),
    onError: (error) => {
      // The BFF's own field errors land beside the fields they belong to.
      if (error instanceof ApiProblem && error.problem.fields) {
        setErrors(Object.fromEntries(Object.entries(error.problem.fields).map(([path, message]) => [fieldOf(path), message])));
      }
    },
  });

  const onChange = (field: Field, value: string | DateParts) => setValues((v) => ({ ...v, [field]: value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const birthDate = checkDateParts(values.birthDate, 'date of birth', { required: true, example: '12 5 1970' });
    const parsed = RegistrationRequestSchema.safeParse(toRequest(values, birthDate.valid ? birthDate.value : undefined));
    if (!parsed.success || !birthDate.valid) {
      const next: Partial<Record<Field, string>> = {};
      // The date input's own words first (which part is missing, or not a real date).
      if (!birthDate.valid) next.birthDate = birthDate.reason;
      for (const issue of parsed.success ? [] : parsed.error.issues) next[fieldOf(issue.path.join('.'))] ??= issue.message;
      setErrors(next);
      register.reset();
      return;
    }
    setErrors({});
    register.mutate(parsed.data);
  }

  if (register.isSuccess) {
    const r = register.data;
    return (
      <div data-testid="registration-success">
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <h2>Temporary registration made</h2>
          <p>
            {formatNhsNumber(r.nhsNumber)} is registered at practice {r.odsCode} as{' '}
            {r.registration.type?.display ?? r.registration.type?.code ?? 'a temporary patient'}
            {r.registration.period?.start && ` from ${formatClinicalDate(r.registration.period.start)}`}
            {r.registration.period?.end && ` until ${formatClinicalDate(r.registration.period.end)}`}. The practice's patient id is {r.patientId}.
          </p>
          <p>The patient's regular registration and their PDS record are not changed.</p>
        </div>
        <FlowDiagram steps={[{ label: 'Register the patient', trace: r.trace }]} />
        <p>
          <Link to="..">Back to the patient</Link>
        </p>
      </div>
    );
  }

  const errorList = Object.entries(errors) as [Field, string][];
  return (
    <div className="register-patient">
      <ErrorSummary id="register-error" errors={errorList.map(([field, message]) => ({ href: `#register-${field}`, message }))} />
      {register.isError && <ProblemView problem={problemOf(register.error)} />}
      <h2>Register temporarily at another practice</h2>
      <p>
        A temporary registration lets another practice book appointments for this patient. It does not change their regular registration or their PDS record.
        The practice checks the name and date of birth against PDS.
      </p>
      <form onSubmit={onSubmit} noValidate data-testid="register-form">
        <Question field="odsCode" values={values} errors={errors} onChange={onChange} hint="For example A20047" width={10} />
        <Question field="prefix" values={values} errors={errors} onChange={onChange} width={5} />
        <Question field="given" values={values} errors={errors} onChange={onChange} />
        <Question field="family" values={values} errors={errors} onChange={onChange} />
        <DateInput
          id="register-birthDate"
          legend={LABELS.birthDate}
          hint="For example 12 5 1970"
          error={errors.birthDate}
          value={values.birthDate}
          onChange={(value) => onChange('birthDate', value)}
        />
        <GenderSelect
          id="register-gender"
          label={LABELS.gender}
          noneLabel="Choose"
          error={errors.gender}
          value={values.gender}
          onChange={(v) => onChange('gender', v)}
        />
        <Question field="addressLine1" values={values} errors={errors} onChange={onChange} />
        <Question field="addressLine2" values={values} errors={errors} onChange={onChange} />
        <Question field="city" values={values} errors={errors} onChange={onChange} width={20} />
        <Question field="postalCode" values={values} errors={errors} onChange={onChange} width={10} />
        <Question field="phone" values={values} errors={errors} onChange={onChange} type="tel" width={20} />
        <Question field="email" values={values} errors={errors} onChange={onChange} type="email" />
        <button className="nhsuk-button" type="submit" disabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register temporarily'}
        </button>
      </form>
    </div>
  );
}
