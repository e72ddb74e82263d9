// Vulnerable: drafts the summary of a dossier's report with a hosted AI model.
// Shows: the patient's name, date of birth and NIR sent with the report to the model's provider,
// which keeps prompts for abuse monitoring outside the EU.
// CNIL SAN-2022-009: data with people who had no business holding it. GDPR art. 9, 28, 44; HIPAA 45 CFR 164.502(e), 164.514.
// @expect-rules: no-patient-data-to-third-party
import OpenAI from 'openai';

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
  const consigne = `Patient : ${dossier.prenom} ${dossier.nom}, né(e) le ${dossier.dateNaissance}, NIR ${dossier.nir}.`;
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    // no-patient-data-to-third-party: the prompt identifies the patient.
    messages: [
      { role: 'system', content: 'Tu rédiges des synthèses de comptes rendus de biologie.' },
      { role: 'user', content: `${consigne}\n${dossier.compteRendu}` },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}
