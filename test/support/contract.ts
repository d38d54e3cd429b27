/**
 * The BFF's OpenAPI description as a contract on its real answers: every answer a test receives
 * from the in-process BFF is checked against the description's response schema for its route and
 * status (JSON Schema 2020-12, Ajv), and a problem's code against the codes listed for that status.
 * An answer the description does not allow fails the test that received it.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
  'x-problem-codes'?: Record<string, string[]>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}

/** The description's path template for a request path, e.g. /api/patients/{nhsNumber}. */
function templateFor(document: Document, path: string): string | undefined {
  const segments = path.split('/');
  return Object.keys(document.paths).find((template) => {
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((part, i) => (part.startsWith('{') ? segments[i] !== '' : part === segments[i]));
  });
}

export class ApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: Document) {}

  private validator(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // Component references (#/components/…) resolve against the schema's own root.
      validate = this.ajv.compile({ ...schema, components: this.document.components });
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with this answer, if anything; paths outside the description (the unknown-route 404) are not its business. */
  async problems(method: string, url: string, response: Response): Promise<string[]> {
    const path = new URL(url, 'http://bff').pathname;
    const template = templateFor(this.document, path);
    if (!template) return [];
    const operation = this.document.paths[template][method.toLowerCase()];
    const where = `${method} ${template} → ${response.status}`;
    if (!operation) return response.status === 404 ? [] : [`${where}: no such operation in the description`];
    const described = operation.responses[String(response.status)];
    if (!described) return [`${where}: status not in the description`];
    const type = (response.headers.get('Content-Type') ?? '').split(';')[0].trim();
    if (!described.content) return [];
    const media = described.content[type];
    if (!media) return [`${where}: ${type || 'no content type'} not in the description (${Object.keys(described.content).join(', ')})`];
    if (!media.schema || !/json$/.test(type)) return [];
    const body = (await response.json()) as { code?: string };
    const validate = this.validator(`${where} ${type}`, media.schema);
    const errors: string[] = [];
    if (!validate(body)) errors.push(`${where}: ${this.ajv.errorsText(validate.errors)}`);
    const codes = operation['x-problem-codes']?.[String(response.status)];
    if (type === 'application/problem+json' && !codes?.includes(body.code ?? ''))
      errors.push(`${where}: problem ${body.code} not listed (${codes?.join(', ')})`);
    return errors;
  }
}

let contract: Promise<ApiContract> | undefined;

/** The description, read once (it does not depend on configuration). */
export function apiContract(describe: () => unknown): Promise<ApiContract> {
  contract ??= Promise.resolve().then(() => new ApiContract(JSON.parse(JSON.stringify(describe())) as Document));
  return contract;
}
