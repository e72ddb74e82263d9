import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, linkParents, walk } from '../../src/model/ast';
import { classifierFor } from '../../src/model/classifier';
import { carriedRequestInput } from '../../src/model/request-input';

const classifier = classifierFor();

/** What each `sink(x)` argument of the first function carries: `input field`, or null. */
function carried(code: string): (string | null)[] {
  const program = parse(code, { range: true, loc: true }) as TSESTree.Program;
  linkParents(program);
  let fn: TSESTree.Node | undefined;
  const answers: (string | null)[] = [];
  walk(program, (node) => {
    if (!fn && isFunctionNode(node)) fn = node;
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      node.callee.name === 'sink'
    ) {
      const found = carriedRequestInput(node.arguments[0]!, fn!, classifier);
      answers.push(found ? `${found.input} ${found.field?.name ?? '*'}` : null);
    }
  });
  return answers;
}

describe('request input: where each framework puts what the client sent', () => {
  it('reads members of the request (Express, Koa, hapi)', () => {
    assert.deepEqual(
      carried(
        `(req, res) => { const { dob, diagnosis } = req.body; sink(diagnosis); sink(req.body); }`,
      ),
      ['req.body diagnosis', 'req.body *'],
    );
    assert.deepEqual(carried(`async (ctx) => { sink(ctx.request.body.allergies); }`), [
      'ctx.request.body allergies',
    ]);
    assert.deepEqual(carried(`async (request, h) => { sink(request.payload.allergies); }`), [
      'request.payload allergies',
    ]);
  });

  it('reads NestJS @Body(), @Query() and @Param() parameters, whole or one field', () => {
    const code = `class C {
      submit(@Body() dto: IntakeDto, @Param('nir') nir: string, @Query() { diagnosis }: Q) {
        sink(dto.allergies); sink(dto); sink(nir); sink(diagnosis);
      }
    }`;
    assert.deepEqual(carried(code), [
      '@Body() allergies',
      '@Body() *',
      '@Param() nir',
      '@Query() diagnosis',
    ]);
  });

  it('reads the body a Web Request resolves to, and form data field by field', () => {
    assert.deepEqual(
      carried(`async function POST(request: Request) {
        const body = await request.json(); sink(body.diagnosis);
        const form = await request.formData(); const t = form.get('treatment'); sink(t);
      }`),
      ['request.json() diagnosis', 'request.formData() treatment'],
    );
    assert.deepEqual(
      carried(`async function save(formData: FormData) { sink(formData.get('diagnosis')); }`),
      ['formData diagnosis'],
    );
  });

  it('leaves out fields that are no patient data: a login, a staff or user record', () => {
    assert.deepEqual(
      carried(
        `(req, res) => { const { email, password } = req.body; sink(email); sink(req.body); }`,
      ),
      [null, null],
    );
    assert.deepEqual(
      carried(
        `(req, res) => { sink(Doctor.create({ name: req.body.name, phone: req.body.phone, dob: req.body.dob })); }`,
      ),
      [null],
    );
    // The same identity fields in a handler about patients are patient data.
    assert.deepEqual(
      carried(`(req, res) => { Patient.create({ name: req.body.name }); sink(req.body.name); }`),
      ['req.body name'],
    );
  });
});
