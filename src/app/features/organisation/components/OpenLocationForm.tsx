import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { checkLogicalId } from '../../../../shared/identifiers';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';

/**
 * GP Connect Foundations can read a location but not search for one (GP Connect 1.6: foundations_use_case_read_a_location),
 * so a location is opened by its logical id, checked before anything is called.
 */
export function OpenLocationForm({ odsCode }: { odsCode: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const check = checkLogicalId(value.trim());
    if (!check.valid) {
      setError(check.reason);
      return;
    }
    setError(null);
    navigate(`/organisations/${odsCode}/locations/${encodeURIComponent(check.value)}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="open-location-heading" data-testid="open-location">
      <h3 id="open-location-heading">Open a location by its id</h3>
      {error && <ErrorSummary id="location-error" errors={[{ href: '#location-id', message: error }]} headingLevel={4} />}
      <TextField
        id="location-id"
        name="locationId"
        label="Location id"
        hint="GP Connect has no search for locations, so a location can only be opened by its id at this practice's GP system, for example the preferred branch surgery in a patient's registration details."
        error={error ?? undefined}
        width={10}
        spellCheck={false}
        value={value}
        onChange={setValue}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Open location
      </button>
    </form>
  );
}
