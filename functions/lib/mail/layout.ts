/** The frame every mail shares: plain text first (old phones, webmail), a light HTML twin. */
export interface MailContent {
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  action?: { label: string; url: string };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SIGNATURE = "L'équipe Échange Kaz — bourse d'échange de logements sociaux de la CINOR";

export function renderMail(content: MailContent): { subject: string; text: string; html: string } {
  const text = [
    'Bonjour,',
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label} : ${content.action.url}`] : []),
    SIGNATURE,
  ].join('\n\n');
  const html = `<!doctype html><html lang="fr"><body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1b1f23">
<p>Bonjour,</p>
${content.paragraphs.map((p) => `<p style="white-space:pre-line">${escapeHtml(p)}</p>`).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#073a4c;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(content.action.label)}</a></p><p style="font-size:14px">Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(content.action.url)}</p>` : ''}
<p style="color:#555">${escapeHtml(SIGNATURE)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
