import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Writes a minimal cloud assembly (manifest, templates, optional metadata) into a fresh directory. */
export interface AssemblyOptions {
  /** Per stack: construct path → metadata entries. */
  readonly metadata?: Record<string, Record<string, unknown[]>>;
  readonly validationReport?: unknown;
}

export function writeAssembly(templates: Record<string, Record<string, unknown>>, options: AssemblyOptions = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fortress-assembly-'));
  const artifacts: Record<string, unknown> = {};
  for (const [name, template] of Object.entries(templates)) {
    fs.writeFileSync(path.join(dir, `${name}.template.json`), JSON.stringify(template));
    artifacts[name] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://111122223333/eu-west-1',
      properties: { templateFile: `${name}.template.json` },
      ...(options.metadata?.[name] ? { metadata: options.metadata[name] } : {}),
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  if (options.validationReport) fs.writeFileSync(path.join(dir, 'validation-report.json'), JSON.stringify(options.validationReport));
  return dir;
}

/** A security group with ingress rules, under construct path `<stack>/<id>`. */
export function securityGroup(stack: string, id: string, ingress: Record<string, unknown>[]): Record<string, unknown> {
  return {
    [`${id}ABCDEF12`]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: id, SecurityGroupIngress: ingress },
      Metadata: { 'aws:cdk:path': `${stack}/${id}/Resource` },
    },
  };
}
