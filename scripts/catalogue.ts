// Prints the test-patient catalogue (docs/test-patients.md) from the simulated Spine's world.
import { catalogueMarkdown } from '../mocks/catalogue';
import { world } from '../mocks/world';

process.stdout.write(catalogueMarkdown(world));
