import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { checkOdsCode, checkSdsUserId } from '../../../../shared/identifiers';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';

interface FieldErrors {
  sdsUserId?: string;
  odsCode?: string;
}

const FIELDS = [
  {
    name: 'sdsUserId',
    id: 'sds-user-id',
    label: 'SDS user ID',
    hint: "From the practitioner's smartcard record, for example G13579135 or 111222333444.",
    width: 20,
  },
  {
    name: 'odsCode',
    id: 'practice-ods-code',
    label: 'Practice ODS code',
    hint: 'The practice whose GP system is asked, for example A20047.',
    width: 10,
  },
] as const;

/** R14: find a practitioner by SDS user ID at one practice; both fields are checked before anything is called. */
export function PractitionerSearchPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [values, setValues] = useState(() => ({ sdsUserId: searchParams.get('sdsUserId') ?? '', odsCode: searchParams.get('odsCode') ?? '' }));
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const sds = checkSdsUserId(values.sdsUserId);
    const ods = checkOdsCode(values.odsCode);
    const next: FieldErrors = { sdsUserId: sds.valid ? undefined : sds.reason, odsCode: ods.valid ? undefined : ods.reason };
    setErrors(next);
    if (!sds.valid || !ods.valid) return;
    navigate(`/practitioners/search?${new URLSearchParams({ sdsUserId: sds.value, odsCode: ods.value })}`);
  }

  const listed = FIELDS.filter((f) => errors[f.name]);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary id="practitioner-search-error" errors={listed.map((f) => ({ href: `#${f.id}`, message: errors[f.name]! }))} />
        <h1>Find a practitioner</h1>
        <p>The search asks the practice's own GP system for practitioners with this SDS user ID.</p>
        <form onSubmit={onSubmit} noValidate>
          {FIELDS.map((f) => (
            <TextField
              key={f.name}
              id={f.id}
              name={f.name}
              label={f.label}
              labelSize="s"
              hint={f.hint}
              error={errors[f.name]}
              width={f.width}
              autoCapitalize="characters"
              spellCheck={false}
              value={values[f.name]}
              onChange={(value) => setValues((v) => ({ ...v, [f.name]: value }))}
            />
          ))}
          <button className="nhsuk-button" type="submit">
            Search
          </button>
        </form>
      </div>
    </div>
  );
}
