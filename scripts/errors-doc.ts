// Prints docs/errors.md from the error catalogue.
import { errorCatalogueMarkdown } from '../src/shared/errorsDoc';

process.stdout.write(errorCatalogueMarkdown());
