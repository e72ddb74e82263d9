// Fixed: drafts the summary of a dossier's report with a hosted AI model, from de-identified text.
// Fixes: no-patient-data-to-third-party. The prompt holds the report passed through deidentify
// (deidentification.helpers in healthdata.config.json) and nothing that names the patient; the
// summary is attached to the dossier by its id, here.
// CNIL SAN-2022-009: data with people who had no business holding it. GDPR art. 9, 28, 44; HIPAA 45 CFR 164.502(e), 164.514.
// @expect-rules: none
import OpenAI from 'openai';
import { deidentify } from '../security/logger';

const openai = new OpenAI();

interface Dossier {
  id: number;
  nom: string;
  prenom: string;
  dateNaissance: string;
  nir: string;
  compteRendu: string;
}

export async function resumerDossier(dossier: Dossier): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Tu rédiges des synthèses de comptes rendus de biologie.' },
      { role: 'user', content: deidentify(dossier.compteRendu) },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}
