import { render } from '@testing-library/react';
import { App } from '../../src/app/App';

export function renderAt(url: string) {
  return render(<App initialUrl={url} />);
}
